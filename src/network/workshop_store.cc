#include "network/workshop_store.h"

#include <chrono>
#include <ctime>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace qjy::network {
namespace {

using store::Value;

struct StatusName {
  const char* code;
  const char* label;
};
constexpr StatusName kStatusNames[] = {
    {"applied", "申报中"}, {"recognised", "已认定"}, {"rejected", "未予认定"}, {"revoked", "已撤销认定"}};

std::string NowIso() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

Error Bad(std::string_view field, std::string_view why) {
  return Error{ErrorCode::kInvalidArgument, fmt::format("{}：{}", field, why)};
}

std::optional<Date> DateCell(const store::Row& r, size_t i) {
  if (r.IsNull(i)) return std::nullopt;
  auto d = Date::Parse(r.Text(i));
  return d ? std::optional<Date>(*d) : std::nullopt;
}

Value DateValue(const std::optional<Date>& d) { return d ? Value(d->ToString()) : Value(); }

constexpr char kColumns[] =
    "workshop_id, county_code, region_code, name, operator_credit_code, address, status, recognised_on,"
    " revoked_on, poverty_employed, poverty_source, poverty_as_of";

Workshop FromRow(const store::Row& r) {
  Workshop w;
  w.workshop_id = r.Int(0);
  w.county_code = r.Text(1);
  w.in.region = r.Text(2);
  w.in.name = r.Text(3);
  w.in.operator_credit_code = r.Text(4);
  w.in.address = r.Text(5);
  w.in.status = r.Text(6);
  w.in.recognised_on = DateCell(r, 7);
  w.in.revoked_on = DateCell(r, 8);
  if (!r.IsNull(9)) w.in.poverty_employed = r.Int(9);
  w.in.poverty_source = r.Text(10);
  w.in.poverty_as_of = DateCell(r, 11);
  return w;
}

std::string Str(const std::optional<Date>& d) { return d ? d->ToString() : ""; }

// The fields as the history shows them (no personal data here).
nlohmann::json Fields(const WorkshopInput& in) {
  return {{"region", in.region},
          {"name", in.name},
          {"operator_credit_code", in.operator_credit_code},
          {"address", in.address},
          {"status", in.status},
          {"recognised_on", Str(in.recognised_on)},
          {"revoked_on", Str(in.revoked_on)},
          {"poverty_employed", in.poverty_employed ? nlohmann::json(*in.poverty_employed) : nlohmann::json()},
          {"poverty_source", in.poverty_source},
          {"poverty_as_of", Str(in.poverty_as_of)}};
}

}  // namespace

std::string_view WorkshopStatusLabel(std::string_view status) {
  for (const auto& s : kStatusNames) {
    if (status == s.code) return s.label;
  }
  return status;
}

Result<WorkshopInput> WorkshopStore::Validate(const WorkshopInput& raw, Date today, int64_t self_id) {
  WorkshopInput in = raw;
  const Region* where = regions_.Find(in.region);
  if (where == nullptr || !in.region.starts_with("52") ||
      (where->level != RegionLevel::kCounty && where->level != RegionLevel::kTownship)) {
    return std::unexpected(Bad("所在区划", fmt::format("「{}」不是贵州省的县或乡镇区划", in.region)));
  }
  if (in.name.empty()) return std::unexpected(Bad("车间名称", "不能为空"));
  if (in.operator_credit_code.empty()) return std::unexpected(Bad("运营单位", "须填写运营单位的统一社会信用代码"));
  const Value code[] = {in.operator_credit_code};
  auto emp = db_.Query("SELECT 1 FROM employers WHERE credit_code = ?", code);
  if (!emp) return std::unexpected(emp.error());
  if (emp->empty()) {
    return std::unexpected(Bad("运营单位", fmt::format("「{}」不在单位登记库中，请先登记该单位", in.operator_credit_code)));
  }
  bool known = false;
  for (const auto& s : kStatusNames) {
    if (in.status == s.code || in.status == s.label) {
      in.status = s.code;
      known = true;
    }
  }
  if (!known) return std::unexpected(Bad("认定状态", fmt::format("「{}」须为申报中、已认定、未予认定或已撤销认定", in.status)));
  const bool recognised = in.status == "recognised" || in.status == "revoked";
  if (recognised && !in.recognised_on) return std::unexpected(Bad("认定日期", "已认定（或已撤销认定）的车间须填写认定日期"));
  if (!recognised && in.recognised_on) {
    return std::unexpected(Bad("认定日期", fmt::format("{}的车间没有认定日期", WorkshopStatusLabel(in.status))));
  }
  if (in.recognised_on && *in.recognised_on > today) {
    return std::unexpected(Bad("认定日期", fmt::format("{} 晚于今天（{}）", in.recognised_on->ToString(), today.ToString())));
  }
  if (in.status == "revoked" && !in.revoked_on) return std::unexpected(Bad("撤销日期", "已撤销认定的车间须填写撤销日期"));
  if (in.status != "revoked" && in.revoked_on) return std::unexpected(Bad("撤销日期", "只有已撤销认定的车间填写撤销日期"));
  if (in.revoked_on) {
    if (*in.revoked_on < *in.recognised_on) {
      return std::unexpected(Bad("撤销日期", fmt::format("{} 早于认定日期 {}", in.revoked_on->ToString(),
                                                        in.recognised_on->ToString())));
    }
    if (*in.revoked_on > today) return std::unexpected(Bad("撤销日期", fmt::format("{} 晚于今天", in.revoked_on->ToString())));
  }
  if (in.poverty_employed) {
    if (*in.poverty_employed < 0) return std::unexpected(Bad("吸纳脱贫人口人数", "不能为负数"));
    if (in.poverty_source.empty()) {
      return std::unexpected(Bad("人数来源", "录入吸纳脱贫人口人数时须注明来源（如防返贫监测系统台账）"));
    }
    if (in.poverty_as_of && *in.poverty_as_of > today) {
      return std::unexpected(Bad("人数统计日期", fmt::format("{} 晚于今天", in.poverty_as_of->ToString())));
    }
  } else if (!in.poverty_source.empty() || in.poverty_as_of) {
    return std::unexpected(Bad("吸纳脱贫人口人数", "填写了来源或统计日期，但没有人数"));
  }
  const Value key[] = {in.region, in.name, self_id};
  auto dup = db_.Query("SELECT workshop_id FROM network_workshops WHERE region_code = ? AND name = ? AND workshop_id <> ?",
                       key);
  if (!dup) return std::unexpected(dup.error());
  if (!dup->empty()) {
    return std::unexpected(Bad("车间名称", fmt::format("该区划已登记同名就业帮扶车间（编号 {}）", dup->front().Int(0))));
  }
  return in;
}

Result<int64_t> WorkshopStore::Add(const WorkshopInput& raw, Date today, std::string_view actor) {
  auto in = Validate(raw, today, 0);
  if (!in) return std::unexpected(in.error());
  const std::string county = in->region.substr(0, 6);
  const std::string now = NowIso();
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  const Value v[] = {county, in->region, in->name, in->operator_credit_code, in->address, in->status,
                     DateValue(in->recognised_on), DateValue(in->revoked_on),
                     in->poverty_employed ? Value(*in->poverty_employed) : Value(), in->poverty_source,
                     DateValue(in->poverty_as_of), std::string(actor), now, now};
  auto ins = db_.Query(
      "INSERT INTO network_workshops (county_code, region_code, name, operator_credit_code, address, status,"
      " recognised_on, revoked_on, poverty_employed, poverty_source, poverty_as_of, created_by, created_at,"
      " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING workshop_id",
      v);
  if (!ins) return std::unexpected(ins.error());
  const int64_t id = ins->at(0).Int(0);
  const nlohmann::json fields = Fields(*in);  // kept alive: items() refers to it
  nlohmann::json diff = nlohmann::json::object();
  for (const auto& [k, val] : fields.items()) diff[k] = {nullptr, val};
  const Value h[] = {county, std::string("workshop"), id, std::string(actor), now, std::string("insert"), diff.dump()};
  if (auto r = db_.Exec("INSERT INTO changes (county_code, entity, entity_id, actor, at, op, diff_json)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?)",
                        h);
      !r) {
    return std::unexpected(r.error());
  }
  if (auto c = tx->Commit(); !c) return std::unexpected(c.error());
  return id;
}

Result<void> WorkshopStore::Update(int64_t id, const WorkshopInput& raw, Date today, std::string_view actor) {
  auto old = Find(id);
  if (!old) return std::unexpected(old.error());
  if (!*old) return Fail(ErrorCode::kNotFound, fmt::format("编号 {} 的就业帮扶车间不存在", id));
  auto in = Validate(raw, today, id);
  if (!in) return std::unexpected(in.error());
  if (!in->region.starts_with((*old)->county_code)) {
    return std::unexpected(Bad("所在区划", fmt::format("车间不能迁出原所在县（{}）；请在新县另行登记", (*old)->county_code)));
  }
  const nlohmann::json before = Fields((*old)->in), after = Fields(*in);
  nlohmann::json diff = nlohmann::json::object();
  for (const auto& [k, val] : after.items()) {
    if (before[k] != val) diff[k] = {before[k], val};
  }
  if (diff.empty()) return {};
  const std::string now = NowIso();
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  const Value v[] = {in->region, in->name, in->operator_credit_code, in->address, in->status,
                     DateValue(in->recognised_on), DateValue(in->revoked_on),
                     in->poverty_employed ? Value(*in->poverty_employed) : Value(), in->poverty_source,
                     DateValue(in->poverty_as_of), now, id};
  if (auto r = db_.Exec("UPDATE network_workshops SET region_code = ?, name = ?, operator_credit_code = ?, address = ?,"
                        " status = ?, recognised_on = ?, revoked_on = ?, poverty_employed = ?, poverty_source = ?,"
                        " poverty_as_of = ?, updated_at = ? WHERE workshop_id = ?",
                        v);
      !r) {
    return std::unexpected(r.error());
  }
  const Value h[] = {(*old)->county_code, std::string("workshop"), id, std::string(actor), now, std::string("update"),
                     diff.dump()};
  if (auto r = db_.Exec("INSERT INTO changes (county_code, entity, entity_id, actor, at, op, diff_json)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?)",
                        h);
      !r) {
    return std::unexpected(r.error());
  }
  if (auto c = tx->Commit(); !c) return std::unexpected(c.error());
  return {};
}

Result<std::optional<Workshop>> WorkshopStore::Find(int64_t id) {
  const Value p[] = {id};
  auto rows = db_.Query(fmt::format("SELECT {} FROM network_workshops WHERE workshop_id = ?", kColumns), p);
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<Workshop>();
  return FromRow(rows->front());
}

Result<std::vector<Workshop>> WorkshopStore::List(std::string_view scope) {
  const Value p[] = {std::string(scope) + "%"};
  auto rows = db_.Query(
      fmt::format("SELECT {} FROM network_workshops WHERE region_code LIKE ? ORDER BY workshop_id", kColumns), p);
  if (!rows) return std::unexpected(rows.error());
  std::vector<Workshop> out;
  for (const auto& r : *rows) out.push_back(FromRow(r));
  return out;
}

}  // namespace qjy::network
