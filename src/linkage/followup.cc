#include "linkage/followup.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "core/install_paths.h"
#include "core/now_iso.h"
#include "core/refdata.h"
#include "linkage/cluster_view.h"
#include "linkage/link_store.h"
#include "store/registry_store.h"

namespace qjy::linkage {
namespace {

using store::Value;

template <class T>
std::unexpected<Error> FollowupErr(const Result<T>& r) {
  return std::unexpected(r.error());
}

bool Contains(std::string_view text, const std::vector<std::string>& words) {
  return std::any_of(words.begin(), words.end(),
                     [&](const std::string& w) { return !w.empty() && text.find(w) != std::string_view::npos; });
}

std::string NowIso() { return NowIsoUtc(); }

}  // namespace

Result<FollowupPolicy> ParseFollowupPolicy(std::string_view yaml, std::string_view name) {
  try {
    const YAML::Node root = YAML::Load(std::string(yaml));
    const YAML::Node s = root["return_service"];
    FollowupPolicy p;
    p.title = s["title"].as<std::string>();
    p.clause = s["clause"].as<std::string>();
    p.quote = s["quote"].as<std::string>();
    p.recommendation = s["recommendation"].as<std::string>();
    p.working_days = s["working_days"].as<int>();
    const YAML::Node w = root["status_words"];
    p.returned_words = w["returned"].as<std::vector<std::string>>();
    p.unemployed_words = w["unemployed"].as<std::vector<std::string>>();
    p.employed_words = w["employed"].as<std::vector<std::string>>();
    if (p.working_days <= 0 || p.returned_words.empty() || p.unemployed_words.empty()) {
      return Fail(ErrorCode::kInvalidArgument, fmt::format("{}：天数须为正数，状态词不能为空", name));
    }
    for (const auto& o : s["outcomes"]) {
      FollowupOutcome out{o["code"].as<std::string>(), o["label"].as<std::string>()};
      if (out.code.empty() || out.label.empty() || !p.OutcomeLabel(out.code).empty()) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("{}：办结方式（outcomes）的代码和名称不能为空，代码不能重复（{}）", name, out.code));
      }
      p.outcomes.push_back(std::move(out));
    }
    return p;
  } catch (const std::exception& e) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("{}：无法读取跟踪服务参数（{}）", name, e.what()));
  }
}

std::string FollowupPolicy::OutcomeLabel(std::string_view code) const {
  for (const auto& o : outcomes) {
    if (o.code == code) return o.label;
  }
  return "";
}

Result<FollowupPolicy> LoadFollowupPolicy(const std::filesystem::path& file) {
  auto text = ReadWholeFile(file.string());
  if (!text) return FollowupErr(text);
  return ParseFollowupPolicy(*text, file.filename().string());
}

std::filesystem::path DefaultFollowupPolicyFile() {
  if (const char* env = std::getenv("QJY_LINKAGE_FOLLOWUP"); env != nullptr && *env != '\0') return env;
  return ShippedPath("policy/linkage/followup.yaml");
}

PartnerState ReadStatus(const FollowupPolicy& policy, std::string_view status) {
  PartnerState s;
  s.returned = Contains(status, policy.returned_words);
  s.unemployed = Contains(status, policy.unemployed_words);
  s.employed = !s.unemployed && Contains(status, policy.employed_words);
  return s;
}

Result<std::vector<int64_t>> FollowupStore::BatchClusters(int64_t batch_id) {
  const std::vector<Value> p = {batch_id};
  auto rows = db_.Query("SELECT DISTINCT cluster_id FROM linkage_records WHERE batch_id = ? AND cluster_id <> 0", p);
  if (!rows) return FollowupErr(rows);
  std::vector<int64_t> out;
  for (const auto& r : *rows) out.push_back(r.Int(0));
  return out;
}

Result<std::vector<int64_t>> FollowupStore::ReviewClusters(int64_t review_id) {
  const std::vector<Value> p = {review_id};
  auto rows = db_.Query(
      "SELECT r.cluster_id FROM linkage_review v JOIN linkage_records r"
      " ON r.record_id = v.record_id OR r.record_id = v.other_record_id WHERE v.review_id = ?",
      p);
  if (!rows) return FollowupErr(rows);
  std::vector<int64_t> clusters;
  for (const auto& r : *rows) clusters.push_back(r.Int(0));
  return clusters;
}

Result<int> FollowupStore::FollowUpReview(int64_t review_id, const FollowupPolicy& policy, Date today) {
  auto clusters = ReviewClusters(review_id);
  if (!clusters) return FollowupErr(clusters);
  return FollowUpClusters(*clusters, policy, today);
}

Result<int> FollowupStore::FollowUpClusters(std::span<const int64_t> clusters, const FollowupPolicy& policy,
                                            Date today) {
  LinkStore links(db_, vault_);
  store::RegistryStore registry(db_, vault_);
  std::set<int64_t> done;
  int created = 0;
  for (int64_t c0 : clusters) {
    auto c = links.ResolveCluster(c0);
    if (!c) return FollowupErr(c);
    if (!done.insert(*c).second) continue;
    auto view = ReadCluster(db_, *c);
    if (!view) return FollowupErr(view);
    if (!*view) continue;
    const PartnerState state = ReadStatus(policy, (*view)->status);
    if (!state.returned || !state.unemployed) continue;
    auto persons = RegistryPersons(**view, registry, vault_);
    if (!persons) return FollowupErr(persons);
    for (const auto& person : *persons) {
      const std::vector<Value> key = {person.person_id, *c};
      auto seen = db_.Query("SELECT COUNT(*) FROM linkage_followups WHERE person_id = ? AND cluster_id = ?", key);
      if (!seen) return FollowupErr(seen);
      if (seen->at(0).Int(0) > 0) continue;
      const std::vector<Value> ins = {person.county_code, person.person_id, *c, (*view)->record_id,
                                      (*view)->partner, (*view)->status, (*view)->employer, today.ToString(),
                                      NowIso()};
      if (auto r = db_.Exec("INSERT INTO linkage_followups (county_code, person_id, cluster_id, record_id, partner,"
                            " status, employer, start_on, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            ins);
          !r) {
        return FollowupErr(r);
      }
      ++created;
    }
  }
  return created;
}

Result<std::vector<Followup>> FollowupStore::Load(const std::string& where, std::span<const Value> params) {
  auto rows = db_.Query(fmt::format("SELECT followup_id, county_code, person_id, cluster_id, record_id, partner,"
                                    " status, employer, start_on, outcome, outcome_note, closed_by, closed_on"
                                    " FROM linkage_followups WHERE {}"
                                    " ORDER BY start_on, followup_id",
                                    where),
                        params);
  if (!rows) return FollowupErr(rows);
  std::vector<Followup> out;
  for (const auto& r : *rows) {
    Followup f;
    f.followup_id = r.Int(0);
    f.county_code = r.Text(1);
    f.person_id = r.Int(2);
    f.cluster_id = r.Int(3);
    f.record_id = r.Int(4);
    f.partner = r.Text(5);
    f.status = r.Text(6);
    f.employer = r.Text(7);
    auto start = Date::Parse(r.Text(8));
    if (!start) return Fail(ErrorCode::kStore, fmt::format("跟踪服务 {} 的开始日期无法读取：{}", f.followup_id, r.Text(8)));
    f.start = *start;
    f.outcome = r.Text(9);
    f.outcome_note = r.Text(10);
    f.closed_by = r.Text(11);
    if (!r.Text(12).empty()) {
      auto closed = Date::Parse(r.Text(12));
      if (!closed) return Fail(ErrorCode::kStore, fmt::format("跟踪服务 {} 的办结日期无法读取：{}", f.followup_id, r.Text(12)));
      f.closed_on = *closed;
    }
    out.push_back(std::move(f));
  }
  return out;
}

Result<std::vector<Followup>> FollowupStore::InScope(const std::string& scope) {
  // County-level tasks: a township's scope sees none of them.
  if (scope.size() > 6) return std::vector<Followup>();
  const std::vector<Value> p = {scope + "%"};
  return Load("county_code LIKE ?", p);
}

Result<std::vector<Followup>> FollowupStore::OfPerson(int64_t person_id) {
  const std::vector<Value> p = {person_id};
  return Load("person_id = ?", p);
}

Result<bool> FollowupStore::Served(const Followup& f, Date as_of) {
  auto exists = db_.Query(db_.dialect() == store::Dialect::kPostgres
                              ? "SELECT COUNT(*) FROM pg_catalog.pg_tables WHERE tablename = 'service_records'"
                                " AND schemaname = current_schema()"
                              : "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'service_records'");
  if (!exists) return FollowupErr(exists);
  if (exists->at(0).Int(0) == 0) return false;
  const std::vector<Value> p = {f.person_id, f.start.ToString(), as_of.ToString()};
  auto n = db_.Query("SELECT COUNT(*) FROM service_records WHERE person_id = ? AND delivered_on >= ?"
                     " AND delivered_on <= ?",
                     p);
  if (!n) return FollowupErr(n);
  return n->at(0).Int(0) > 0;
}

Result<void> FollowupStore::Close(int64_t id, const std::string& scope, const FollowupPolicy& policy,
                                 std::string_view outcome, std::string_view note, Date on, Date today,
                                 std::string_view actor) {
  const std::vector<Value> key = {id};
  auto found = Load("followup_id = ?", key);
  if (!found) return FollowupErr(found);
  if (found->empty()) return Fail(ErrorCode::kNotFound, fmt::format("没有编号为 {} 的跟踪服务", id));
  const Followup& f = found->front();
  if (scope.size() > 6 || !f.county_code.starts_with(scope)) {
    return Fail(ErrorCode::kPermissionDenied, "该跟踪服务不在本辖区");
  }
  if (!f.outcome.empty()) {
    return Fail(ErrorCode::kConflict, fmt::format("该跟踪服务已于 {} 办结", f.closed_on ? f.closed_on->ToString() : ""));
  }
  if (policy.OutcomeLabel(outcome).empty()) {
    std::string known;
    for (const auto& o : policy.outcomes) known += (known.empty() ? "" : "、") + o.label;
    return Fail(ErrorCode::kInvalidArgument, fmt::format("办结方式：「{}」不是可选的方式（{}）", outcome, known));
  }
  if (note.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return Fail(ErrorCode::kInvalidArgument, "联系情况说明：不能为空（何时以何种方式联系、本人的意愿）");
  }
  if (on > today) return Fail(ErrorCode::kInvalidArgument, fmt::format("联系日期：{} 晚于今天", on.ToString()));
  if (on < f.start) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("联系日期：{} 早于该跟踪服务的开始日期 {}", on.ToString(), f.start.ToString()));
  }
  const std::vector<Value> p = {std::string(outcome), std::string(note), std::string(actor), on.ToString(), id};
  auto n = db_.Exec("UPDATE linkage_followups SET outcome = ?, outcome_note = ?, closed_by = ?, closed_on = ?"
                    " WHERE followup_id = ? AND outcome = ''",
                    p);
  if (!n) return FollowupErr(n);
  if (*n == 0) return Fail(ErrorCode::kConflict, "该跟踪服务已被他人办结");
  return {};
}

Result<std::vector<services::WorkItem>> FollowupStore::Queue(const std::string& scope, const FollowupPolicy& policy,
                                                             const services::WorkdayIndex& workdays, Date as_of) {
  auto all = InScope(scope);
  if (!all) return FollowupErr(all);
  std::vector<services::WorkItem> out;
  for (const Followup& f : *all) {
    if (f.start > as_of || (f.closed_on && *f.closed_on <= as_of)) continue;
    auto served = Served(f, as_of);
    if (!served) return FollowupErr(served);
    if (*served) continue;
    services::WorkItem w;
    w.source = services::TaskSource::kLinkageReturn;
    w.person_id = f.person_id;
    w.subject_id = f.followup_id;
    w.region_code = f.county_code;
    w.title = policy.title;
    w.clause = policy.clause;
    w.detail = fmt::format("{}比对：{}{}。建议：{}", f.partner, f.status,
                           f.employer.empty() ? std::string() : "（原工作单位：" + f.employer + "）",
                           policy.recommendation);
    w.start = f.start;
    auto deadline = workdays.AddWorkingDays(f.start, policy.working_days);
    if (!deadline) return FollowupErr(deadline);
    w.deadline = *deadline;
    w.provisional_note = workdays.ProvisionalNote(f.start, w.deadline);
    auto b = services::BucketOf(w.deadline, as_of, workdays);
    if (!b) return FollowupErr(b);
    w.bucket = *b;
    out.push_back(std::move(w));
  }
  return out;
}

Result<std::vector<CountySummary>> FollowupStore::Summary(const std::string& scope, const std::string& month,
                                                          const FollowupPolicy& policy) {
  const std::vector<Value> p = {scope + "%", month + "%"};
  auto rows = db_.Query(
      "SELECT county_code, cluster_id, record_id, status, insured_months FROM linkage_records"
      " WHERE county_code LIKE ? AND created_at LIKE ? AND cluster_id <> 0 ORDER BY record_id",
      p);
  if (!rows) return FollowupErr(rows);
  LinkStore links(db_, vault_);
  struct Latest {
    std::string county, status;
    int64_t insured = -1;
  };
  std::map<int64_t, Latest> by_cluster;  // the latest record of the month per person
  for (const auto& r : *rows) {
    auto c = links.ResolveCluster(r.Int(1));
    if (!c) return FollowupErr(c);
    by_cluster[*c] = {r.Text(0), r.Text(3), r.Int(4)};
  }
  std::map<std::string, CountySummary> by_county;
  for (const auto& [cluster, l] : by_cluster) {
    CountySummary& s = by_county[l.county];
    s.county_code = l.county;
    const PartnerState st = ReadStatus(policy, l.status);
    ++s.workers;
    s.employed += st.employed;
    s.unemployed += st.unemployed;
    s.returned += st.returned;
    s.insured += l.insured > 0;
  }
  std::vector<CountySummary> out;
  for (auto& [k, v] : by_county) out.push_back(std::move(v));
  return out;
}

}  // namespace qjy::linkage
