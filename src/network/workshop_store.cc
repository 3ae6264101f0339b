#include "network/workshop_store.h"
#include "network/history.h"


#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "store/row_codec.h"

namespace qjy::network {
namespace {

using store::Value;

struct StatusName {
  const char* code;
  const char* label;
};
constexpr StatusName kStatusNames[] = {
    {"applied", "申报中"}, {"recognised", "已认定"}, {"rejected", "未予认定"}, {"revoked", "已撤销认定"}};

Error WorkshopStoreBad(std::string_view field, std::string_view why) {
  return Error{ErrorCode::kInvalidArgument, fmt::format("{}：{}", field, why)};
}

const store::RowCodec<Workshop>& WorkshopStoreCodec() {
  static const store::RowCodec<Workshop> kCodec =
      store::RowCodec<Workshop>()
          .Field("workshop_id", [](auto& w) -> auto& { return w.workshop_id; })
          .Field("county_code", [](auto& w) -> auto& { return w.county_code; })
          .Field("region_code", [](auto& w) -> auto& { return w.in.region; })
          .Field("name", [](auto& w) -> auto& { return w.in.name; })
          .Field("operator_credit_code", [](auto& w) -> auto& { return w.in.operator_credit_code; })
          .Field("address", [](auto& w) -> auto& { return w.in.address; })
          .Field("status", [](auto& w) -> auto& { return w.in.status; })
          .Field("recognised_on", [](auto& w) -> auto& { return w.in.recognised_on; })
          .Field("revoked_on", [](auto& w) -> auto& { return w.in.revoked_on; })
          .Field("poverty_employed", [](auto& w) -> auto& { return w.in.poverty_employed; })
          .Field("poverty_source", [](auto& w) -> auto& { return w.in.poverty_source; })
          .Field("poverty_as_of", [](auto& w) -> auto& { return w.in.poverty_as_of; });
  return kCodec;
}

// The columns a new row writes (all but the generated key).
const store::RowCodec<Workshop>& WorkshopStoreInsertable() {
  static const store::RowCodec<Workshop> kCodec = WorkshopStoreCodec().Except({"workshop_id"});
  return kCodec;
}

// The columns an officer's edit writes (not the key, not the county).
const store::RowCodec<Workshop>& WorkshopStoreEditable() {
  static const store::RowCodec<Workshop> kCodec = WorkshopStoreCodec().Except({"workshop_id", "county_code"});
  return kCodec;
}

std::string WorkshopStoreStr(const std::optional<Date>& d) { return d ? d->ToString() : ""; }

// The fields as the history shows them (no personal data here).
nlohmann::json Fields(const WorkshopInput& in) {
  return {{"region", in.region},
          {"name", in.name},
          {"operator_credit_code", in.operator_credit_code},
          {"address", in.address},
          {"status", in.status},
          {"recognised_on", WorkshopStoreStr(in.recognised_on)},
          {"revoked_on", WorkshopStoreStr(in.revoked_on)},
          {"poverty_employed", in.poverty_employed ? nlohmann::json(*in.poverty_employed) : nlohmann::json()},
          {"poverty_source", in.poverty_source},
          {"poverty_as_of", WorkshopStoreStr(in.poverty_as_of)}};
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
    return std::unexpected(WorkshopStoreBad("所在区划", fmt::format("「{}」不是贵州省的县或乡镇区划", in.region)));
  }
  if (in.name.empty()) return std::unexpected(WorkshopStoreBad("车间名称", "不能为空"));
  if (in.operator_credit_code.empty()) return std::unexpected(WorkshopStoreBad("运营单位", "须填写运营单位的统一社会信用代码"));
  const Value code[] = {in.operator_credit_code};
  auto emp = db_.Query("SELECT 1 FROM employers WHERE credit_code = ?", code);
  if (!emp) return std::unexpected(emp.error());
  if (emp->empty()) {
    return std::unexpected(WorkshopStoreBad("运营单位", fmt::format("「{}」不在单位登记库中，请先登记该单位", in.operator_credit_code)));
  }
  bool known = false;
  for (const auto& s : kStatusNames) {
    if (in.status == s.code || in.status == s.label) {
      in.status = s.code;
      known = true;
    }
  }
  if (!known) return std::unexpected(WorkshopStoreBad("认定状态", fmt::format("「{}」须为申报中、已认定、未予认定或已撤销认定", in.status)));
  const bool recognised = in.status == "recognised" || in.status == "revoked";
  if (recognised && !in.recognised_on) return std::unexpected(WorkshopStoreBad("认定日期", "已认定（或已撤销认定）的车间须填写认定日期"));
  if (!recognised && in.recognised_on) {
    return std::unexpected(WorkshopStoreBad("认定日期", fmt::format("{}的车间没有认定日期", WorkshopStatusLabel(in.status))));
  }
  if (in.recognised_on && *in.recognised_on > today) {
    return std::unexpected(WorkshopStoreBad("认定日期", fmt::format("{} 晚于今天（{}）", in.recognised_on->ToString(), today.ToString())));
  }
  if (in.status == "revoked" && !in.revoked_on) return std::unexpected(WorkshopStoreBad("撤销日期", "已撤销认定的车间须填写撤销日期"));
  if (in.status != "revoked" && in.revoked_on) return std::unexpected(WorkshopStoreBad("撤销日期", "只有已撤销认定的车间填写撤销日期"));
  if (in.revoked_on) {
    if (*in.revoked_on < *in.recognised_on) {
      return std::unexpected(WorkshopStoreBad("撤销日期", fmt::format("{} 早于认定日期 {}", in.revoked_on->ToString(),
                                                        in.recognised_on->ToString())));
    }
    if (*in.revoked_on > today) return std::unexpected(WorkshopStoreBad("撤销日期", fmt::format("{} 晚于今天", in.revoked_on->ToString())));
  }
  if (in.poverty_employed) {
    if (*in.poverty_employed < 0) return std::unexpected(WorkshopStoreBad("吸纳脱贫人口人数", "不能为负数"));
    if (in.poverty_source.empty()) {
      return std::unexpected(WorkshopStoreBad("人数来源", "录入吸纳脱贫人口人数时须注明来源（如防返贫监测系统台账）"));
    }
    if (in.poverty_as_of && *in.poverty_as_of > today) {
      return std::unexpected(WorkshopStoreBad("人数统计日期", fmt::format("{} 晚于今天", in.poverty_as_of->ToString())));
    }
  } else if (!in.poverty_source.empty() || in.poverty_as_of) {
    return std::unexpected(WorkshopStoreBad("吸纳脱贫人口人数", "填写了来源或统计日期，但没有人数"));
  }
  const Value key[] = {in.region, in.name, self_id};
  auto dup = db_.Query("SELECT workshop_id FROM network_workshops WHERE region_code = ? AND name = ? AND workshop_id <> ?",
                       key);
  if (!dup) return std::unexpected(dup.error());
  if (!dup->empty()) {
    return std::unexpected(WorkshopStoreBad("车间名称", fmt::format("该区划已登记同名就业帮扶车间（编号 {}）", dup->front().Int(0))));
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
  const Workshop row{0, county, *in};
  std::vector<Value> v = WorkshopStoreInsertable().Values(row);
  v.insert(v.end(), {std::string(actor), now, now});
  auto ins = db_.Query(fmt::format("INSERT INTO network_workshops ({}, created_by, created_at, updated_at)"
                                   " VALUES ({}, ?, ?, ?) RETURNING workshop_id",
                                   WorkshopStoreInsertable().Columns(), WorkshopStoreInsertable().Placeholders()),
                       v);
  if (!ins) return std::unexpected(ins.error());
  const int64_t id = ins->at(0).Int(0);
  if (auto r = RecordChange(db_, county, "workshop", id, actor, "insert", Diff({}, Fields(*in))); !r) {
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
    return std::unexpected(WorkshopStoreBad("所在区划", fmt::format("车间不能迁出原所在县（{}）；请在新县另行登记", (*old)->county_code)));
  }
  const nlohmann::json diff = Diff(Fields((*old)->in), Fields(*in));
  if (diff.empty()) return {};
  const std::string now = NowIso();
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  std::vector<Value> v = WorkshopStoreEditable().Values(Workshop{id, (*old)->county_code, *in});
  v.insert(v.end(), {now, id});
  if (auto r = db_.Exec(
          fmt::format("UPDATE network_workshops SET {}, updated_at = ? WHERE workshop_id = ?", WorkshopStoreEditable().Assignments()), v);
      !r) {
    return std::unexpected(r.error());
  }
  if (auto r = RecordChange(db_, (*old)->county_code, "workshop", id, actor, "update", diff); !r) return r;
  if (auto c = tx->Commit(); !c) return std::unexpected(c.error());
  return {};
}

Result<std::optional<Workshop>> WorkshopStore::Find(int64_t id) {
  const Value p[] = {id};
  auto rows = db_.Query(fmt::format("SELECT {} FROM network_workshops WHERE workshop_id = ?", WorkshopStoreCodec().Columns()), p);
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<Workshop>();
  auto w = WorkshopStoreCodec().Read(rows->front());
  if (!w) return std::unexpected(w.error());
  return std::optional<Workshop>(std::move(*w));
}

Result<std::vector<Workshop>> WorkshopStore::List(std::string_view scope) {
  const Value p[] = {std::string(scope) + "%"};
  auto rows = db_.Query(
      fmt::format("SELECT {} FROM network_workshops WHERE region_code LIKE ? ORDER BY workshop_id", WorkshopStoreCodec().Columns()),
      p);
  if (!rows) return std::unexpected(rows.error());
  return WorkshopStoreCodec().ReadAll(*rows);
}

}  // namespace qjy::network
