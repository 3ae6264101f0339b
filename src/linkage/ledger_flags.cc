#include "linkage/ledger_flags.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "core/refdata.h"
#include "linkage/cluster_view.h"
#include "linkage/link_store.h"
#include "registry/codes.h"
#include "store/registry_store.h"

namespace qjy::linkage {
namespace {

using store::Value;


FlagRule ReadRule(const YAML::Node& n, std::string kind) {
  return FlagRule{std::move(kind), n["title"].as<std::string>(), n["clause"].as<std::string>(),
                  n["quote"].as<std::string>()};
}

bool MemberOn(const registry::Person& p, const std::vector<registry::Group>& groups, Date day) {
  for (const auto& m : p.groups) {
    if (std::find(groups.begin(), groups.end(), m.group) == groups.end()) continue;
    if (m.valid_from <= day && (!m.valid_to || day <= *m.valid_to)) return true;
  }
  return false;
}

Result<bool> TableExists(store::Db& db, const std::string& table) {
  const std::vector<Value> p = {table};
  auto r = db.Query(db.dialect() == store::Dialect::kPostgres
                        ? "SELECT COUNT(*) FROM pg_catalog.pg_tables WHERE tablename = ? AND schemaname = current_schema()"
                        : "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?",
                    p);
  if (!r) return std::unexpected(r.error());
  return r->at(0).Int(0) > 0;
}

}  // namespace

Result<FlagPolicy> ParseFlagPolicy(std::string_view yaml, std::string_view name) {
  try {
    const YAML::Node root = YAML::Load(std::string(yaml));
    FlagPolicy p;
    p.poverty = ReadRule(root["poverty_ledger"], "poverty_unemployed");
    p.benefit = ReadRule(root["benefit_check"], "benefit_employed");
    for (const auto& g : root["poverty_ledger"]["groups"]) {
      auto group = registry::Parse<registry::Group>(g.as<std::string>());
      if (!group) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("{}：poverty_ledger.groups 中的“{}”不是登记库的人员类别", name, g.as<std::string>()));
      }
      p.poverty_groups.push_back(*group);
    }
    if (p.poverty_groups.empty()) {
      return Fail(ErrorCode::kInvalidArgument, fmt::format("{}：poverty_ledger.groups 不能为空", name));
    }
    return p;
  } catch (const std::exception& e) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("{}：无法读取台账比对参数（{}）", name, e.what()));
  }
}

Result<FlagPolicy> LoadFlagPolicy(const std::filesystem::path& file) {
  auto text = ReadWholeFile(file.string());
  if (!text) return std::unexpected(text.error());
  return ParseFlagPolicy(*text, file.filename().string());
}

Result<int> FlagStore::FlagClusters(std::span<const int64_t> clusters, const FollowupPolicy& words,
                                    const FlagPolicy& policy, Date today) {
  LinkStore links(db_, vault_);
  store::RegistryStore registry(db_, vault_);
  auto benefits = TableExists(db_, "benefit_claims");
  if (!benefits) return std::unexpected(benefits.error());
  const std::string month = today.ToString().substr(0, 7);
  std::set<int64_t> done;
  int created = 0;
  for (int64_t c0 : clusters) {
    auto c = links.ResolveCluster(c0);
    if (!c) return std::unexpected(c.error());
    if (!done.insert(*c).second) continue;
    auto view = ReadCluster(db_, *c);
    if (!view) return std::unexpected(view.error());
    if (!*view) continue;
    const PartnerState state = ReadStatus(words, (*view)->status);
    if (!state.unemployed && !state.employed) continue;
    auto persons = RegistryPersons(**view, registry, vault_);
    if (!persons) return std::unexpected(persons.error());
    for (const auto& person : *persons) {
      std::string kind;
      if (state.unemployed && MemberOn(person, policy.poverty_groups, today)) kind = policy.poverty.kind;
      if (state.employed && *benefits) {
        const std::vector<Value> p = {person.person_id};
        auto active = db_.Query("SELECT COUNT(*) FROM benefit_claims WHERE person_id = ? AND status = 'active'", p);
        if (!active) return std::unexpected(active.error());
        if (active->at(0).Int(0) > 0) kind = policy.benefit.kind;
      }
      if (kind.empty()) continue;
      const std::vector<Value> key = {kind, person.person_id, *c, month};
      auto seen = db_.Query(
          "SELECT COUNT(*) FROM linkage_flags WHERE kind = ? AND person_id = ? AND cluster_id = ? AND month = ?", key);
      if (!seen) return std::unexpected(seen.error());
      if (seen->at(0).Int(0) > 0) continue;
      const std::vector<Value> ins = {person.county_code, kind, person.person_id, *c, (*view)->record_id,
                                      (*view)->partner, (*view)->status, month, IsoUtc(clock_.Now())};
      if (auto r = db_.Exec("INSERT INTO linkage_flags (county_code, kind, person_id, cluster_id, record_id,"
                            " partner, status, month, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            ins);
          !r) {
        return std::unexpected(r.error());
      }
      ++created;
    }
  }
  return created;
}

Result<std::vector<LedgerFlag>> FlagStore::InScope(const std::string& scope, const std::string& month,
                                                   const std::string& kind) {
  std::vector<LedgerFlag> out;
  if (scope.size() > 6) return out;  // county-level entries: a township sees none
  std::string where = "f.county_code LIKE ?";
  std::vector<Value> p = {scope + "%"};
  if (!month.empty()) {
    where += " AND f.month = ?";
    p.emplace_back(month);
  }
  if (!kind.empty()) {
    where += " AND f.kind = ?";
    p.emplace_back(kind);
  }
  auto rows = db_.Query(fmt::format("SELECT f.flag_id, f.county_code, f.kind, f.month, f.person_id, f.cluster_id,"
                                    " f.record_id, f.partner, f.status, f.created_at, f.outcome, f.closed_by,"
                                    " f.closed_at, p.name, p.id_masked"
                                    " FROM linkage_flags f LEFT JOIN persons p ON p.person_id = f.person_id"
                                    " WHERE {}"
                                    " ORDER BY CASE WHEN f.closed_at IS NULL THEN 0 ELSE 1 END, f.flag_id DESC",
                                    where),
                        p);
  if (!rows) return std::unexpected(rows.error());
  for (const auto& r : *rows) {
    LedgerFlag f;
    f.flag_id = r.Int(0);
    f.county_code = r.Text(1);
    f.kind = r.Text(2);
    f.month = r.Text(3);
    f.person_id = r.Int(4);
    f.cluster_id = r.Int(5);
    f.record_id = r.Int(6);
    f.partner = r.Text(7);
    f.status = r.Text(8);
    f.created_at = r.Text(9);
    f.outcome = r.Text(10);
    f.closed_by = r.Text(11);
    f.closed_at = r.Text(12);
    f.person_name = r.Text(13);
    f.id_masked = r.Text(14);
    out.push_back(std::move(f));
  }
  return out;
}

Result<void> FlagStore::Close(int64_t flag_id, const std::string& scope, const std::string& outcome,
                              const std::string& by) {
  if (outcome.empty()) return Fail(ErrorCode::kInvalidArgument, "核实情况（outcome）不能为空");
  const std::vector<Value> p = {flag_id};
  auto rows = db_.Query("SELECT county_code, closed_at FROM linkage_flags WHERE flag_id = ?", p);
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return Fail(ErrorCode::kNotFound, "没有该比对提示");
  if (scope.size() > 6 || !rows->at(0).Text(0).starts_with(scope)) {
    return Fail(ErrorCode::kPermissionDenied, "该比对提示不在本辖区");
  }
  if (!rows->at(0).IsNull(1)) return Fail(ErrorCode::kConflict, "该比对提示已核实办结");
  const std::vector<Value> u = {outcome, by, IsoUtc(clock_.Now()), flag_id};
  auto n = db_.Exec("UPDATE linkage_flags SET outcome = ?, closed_by = ?, closed_at = ?"
                    " WHERE flag_id = ? AND closed_at IS NULL",
                    u);
  if (!n) return std::unexpected(n.error());
  if (*n == 0) return Fail(ErrorCode::kConflict, "该比对提示已核实办结");
  return {};
}

}  // namespace qjy::linkage
