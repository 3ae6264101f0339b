#include "network/key_enterprise_store.h"
#include "network/history.h"
#include "store/row_codec.h"


#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "network/network_store.h"

namespace qjy::network {
namespace {

using store::Value;

constexpr char kKeyEnterpriseStoreSchema[] = R"sql(
CREATE TABLE network_key_enterprises (
  enterprise_id {id},
  county_code TEXT NOT NULL,
  credit_code TEXT NOT NULL,
  kind TEXT NOT NULL,
  officer TEXT NOT NULL,
  listed_on TEXT,
  delisted_on TEXT,
  note TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX network_key_enterprises_county ON network_key_enterprises (county_code, enterprise_id);
CREATE INDEX network_key_enterprises_employer ON network_key_enterprises (credit_code);
CREATE TABLE network_key_contacts (
  contact_id {id},
  county_code TEXT NOT NULL,
  enterprise_id {int} NOT NULL,
  contacted_on TEXT NOT NULL,
  way TEXT NOT NULL,
  officer TEXT NOT NULL,
  jobs_collected {int} NOT NULL,
  needs TEXT NOT NULL,
  follow_up TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX network_key_contacts_enterprise ON network_key_contacts (enterprise_id, contacted_on);
)sql";

const store::Migration kKeyEnterpriseStoreMigrations[] = {{812, "network_key_enterprises", kKeyEnterpriseStoreSchema}};

struct KindName {
  const char* code;
  const char* label;
};
constexpr KindName kKinds[] = {{"base", "“一县一企”“一县多企”稳岗就业基地"},
                               {"major_project", "重大招商引资项目"},
                               {"large_industrial", "规上工业企业"},
                               {"state_owned", "大型国有企业"}};

Error KeyEnterpriseStoreBad(std::string_view field, std::string_view why) {
  return Error{ErrorCode::kInvalidArgument, fmt::format("{}：{}", field, why)};
}

std::string KeyEnterpriseStoreStr(const std::optional<Date>& d) { return d ? d->ToString() : ""; }

nlohmann::json Fields(const KeyEnterpriseInput& in) {
  return {{"credit_code", in.credit_code}, {"kind", in.kind}, {"officer", in.officer},
          {"listed_on", KeyEnterpriseStoreStr(in.listed_on)}, {"delisted_on", KeyEnterpriseStoreStr(in.delisted_on)}, {"note", in.note}};
}

// The table's own columns.
const store::RowCodec<KeyEnterprise>& KeyEnterpriseStoreCodec() {
  static const store::RowCodec<KeyEnterprise> kCodec =
      store::RowCodec<KeyEnterprise>()
          .Field("enterprise_id", [](auto& k) -> auto& { return k.enterprise_id; })
          .Field("county_code", [](auto& k) -> auto& { return k.county_code; })
          .Field("credit_code", [](auto& k) -> auto& { return k.in.credit_code; })
          .Field("kind", [](auto& k) -> auto& { return k.in.kind; })
          .Field("officer", [](auto& k) -> auto& { return k.in.officer; })
          .Field("listed_on", [](auto& k) -> auto& { return k.in.listed_on; })
          .Field("delisted_on", [](auto& k) -> auto& { return k.in.delisted_on; })
          .Field("note", [](auto& k) -> auto& { return k.in.note; });
  return kCodec;
}

const store::RowCodec<KeyEnterprise>& KeyEnterpriseStoreInsertable() {
  static const store::RowCodec<KeyEnterprise> kCodec = KeyEnterpriseStoreCodec().Except({"enterprise_id"});
  return kCodec;
}

// An edit keeps the county and the employer.
const store::RowCodec<KeyEnterprise>& KeyEnterpriseStoreEditable() {
  static const store::RowCodec<KeyEnterprise> kCodec = KeyEnterpriseStoreCodec().Except({"enterprise_id", "county_code", "credit_code"});
  return kCodec;
}

// What a read adds: the employer's name and the contacts kept.
const store::RowCodec<KeyEnterprise>& Computed() {
  static const store::RowCodec<KeyEnterprise> kCodec =
      store::RowCodec<KeyEnterprise>()
          .Field("COALESCE(e.name, '')", [](auto& k) -> auto& { return k.employer_name; })
          .Field("(SELECT MAX(c.contacted_on) FROM network_key_contacts c WHERE c.enterprise_id = k.enterprise_id)",
                 [](auto& k) -> auto& { return k.last_contact; })
          .Field("(SELECT COUNT(*) FROM network_key_contacts c WHERE c.enterprise_id = k.enterprise_id)",
                 [](auto& k) -> auto& { return k.contacts; });
  return kCodec;
}

const store::RowCodec<KeyContact>& ContactCodec() {
  static const store::RowCodec<KeyContact> kCodec =
      store::RowCodec<KeyContact>()
          .Field("contact_id", [](auto& c) -> auto& { return c.contact_id; })
          .Field("contacted_on", [](auto& c) -> auto& { return c.contacted_on; })
          .Field("way", [](auto& c) -> auto& { return c.way; })
          .Field("officer", [](auto& c) -> auto& { return c.officer; })
          .Field("jobs_collected", [](auto& c) -> auto& { return c.jobs_collected; })
          .Field("needs", [](auto& c) -> auto& { return c.needs; })
          .Field("follow_up", [](auto& c) -> auto& { return c.follow_up; });
  return kCodec;
}

// "SELECT … FROM network_key_enterprises k LEFT JOIN employers e … WHERE `where`".
std::string KeyEnterpriseStoreSelectWhere(std::string_view where) {
  return fmt::format("SELECT {}, {} FROM network_key_enterprises k LEFT JOIN employers e"
                     " ON e.credit_code = k.credit_code WHERE {}",
                     KeyEnterpriseStoreCodec().Columns("k"), Computed().Columns(), where);
}

Result<KeyEnterprise> FromRow(const store::Row& r) {
  auto k = KeyEnterpriseStoreCodec().Read(r);
  if (!k) return k;
  if (auto more = Computed().ReadInto(r, *k, KeyEnterpriseStoreCodec().size()); !more) return std::unexpected(more.error());
  return k;
}

}  // namespace

std::span<const store::Migration> KeyEnterpriseMigrations() { return kKeyEnterpriseStoreMigrations; }

std::string_view KeyKindLabel(std::string_view kind) {
  for (const auto& k : kKinds) {
    if (kind == k.code) return k.label;
  }
  return kind;
}

Result<void> KeyEnterpriseStore::Migrate() {
  if (auto m = NetworkStore(db_, regions_).Migrate(); !m) return m;
  return store::ApplyMigrations(db_, KeyEnterpriseMigrations());
}

Result<void> KeyEnterpriseStore::CheckOfficer(std::string_view username, const std::string& county, const char* field) {
  if (username.empty()) return std::unexpected(KeyEnterpriseStoreBad(field, "须指定人社服务专员（经办人员账号）"));
  const Value p[] = {std::string(username)};
  auto rows = db_.Query("SELECT role, region_code, disabled FROM accounts WHERE username = ?", p);
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::unexpected(KeyEnterpriseStoreBad(field, fmt::format("账号「{}」不存在", username)));
  const auto& r = rows->front();
  const std::string region = r.Text(1);
  if (r.Text(0) != "officer" || r.Int(2) != 0) {
    return std::unexpected(KeyEnterpriseStoreBad(field, fmt::format("「{}」不是在用的经办人员账号", username)));
  }
  if (!county.starts_with(region) && !region.starts_with(county)) {
    return std::unexpected(KeyEnterpriseStoreBad(field, fmt::format("「{}」的辖区（{}）不含该企业所在县（{}）", username, region, county)));
  }
  return {};
}

Result<KeyEnterpriseInput> KeyEnterpriseStore::Validate(const KeyEnterpriseInput& raw, const std::string& county,
                                                        Date today, int64_t self_id) {
  KeyEnterpriseInput in = raw;
  bool known = false;
  for (const auto& k : kKinds) {
    if (in.kind == k.code || in.kind == k.label) {
      in.kind = k.code;
      known = true;
    }
  }
  if (!known) {
    return std::unexpected(KeyEnterpriseStoreBad("企业类别", fmt::format("「{}」须为一县一企基地、重大招商引资项目、规上工业企业或大型国有企业", in.kind)));
  }
  if (auto o = CheckOfficer(in.officer, county, "人社服务专员"); !o) return std::unexpected(o.error());
  if (in.listed_on && *in.listed_on > today) {
    return std::unexpected(KeyEnterpriseStoreBad("列入名录日期", fmt::format("{} 晚于今天（{}）", in.listed_on->ToString(), today.ToString())));
  }
  if (in.delisted_on) {
    if (*in.delisted_on > today) return std::unexpected(KeyEnterpriseStoreBad("移出名录日期", fmt::format("{} 晚于今天", in.delisted_on->ToString())));
    if (in.listed_on && *in.delisted_on < *in.listed_on) {
      return std::unexpected(KeyEnterpriseStoreBad("移出名录日期", fmt::format("{} 早于列入日期 {}", in.delisted_on->ToString(),
                                                            in.listed_on->ToString())));
    }
  }
  const Value key[] = {in.credit_code, self_id};
  auto dup = db_.Query("SELECT enterprise_id FROM network_key_enterprises WHERE credit_code = ? AND enterprise_id <> ?"
                       " AND delisted_on IS NULL",
                       key);
  if (!dup) return std::unexpected(dup.error());
  if (!dup->empty() && !in.delisted_on) {
    return std::unexpected(KeyEnterpriseStoreBad("企业", fmt::format("该企业已在重点企业名录中（编号 {}）", dup->front().Int(0))));
  }
  return in;
}

Result<int64_t> KeyEnterpriseStore::Add(const KeyEnterpriseInput& raw, Date today, std::string_view actor) {
  if (raw.credit_code.empty()) return std::unexpected(KeyEnterpriseStoreBad("企业", "须填写统一社会信用代码"));
  const Value code[] = {raw.credit_code};
  auto emp = db_.Query("SELECT county_code FROM employers WHERE credit_code = ?", code);
  if (!emp) return std::unexpected(emp.error());
  if (emp->empty()) return std::unexpected(KeyEnterpriseStoreBad("企业", fmt::format("「{}」不在单位登记库中，请先登记该单位", raw.credit_code)));
  const std::string county = emp->front().Text(0);
  if (!county.starts_with("52")) return std::unexpected(KeyEnterpriseStoreBad("企业", "不是在贵州省登记的单位"));
  auto in = Validate(raw, county, today, 0);
  if (!in) return std::unexpected(in.error());
  const std::string now = NowIso();
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  KeyEnterprise row;
  row.county_code = county;
  row.in = *in;
  std::vector<Value> v = KeyEnterpriseStoreInsertable().Values(row);
  v.insert(v.end(), {std::string(actor), now, now});
  auto ins = db_.Query(fmt::format("INSERT INTO network_key_enterprises ({}, created_by, created_at, updated_at)"
                                   " VALUES ({}, ?, ?, ?) RETURNING enterprise_id",
                                   KeyEnterpriseStoreInsertable().Columns(), KeyEnterpriseStoreInsertable().Placeholders()),
                       v);
  if (!ins) return std::unexpected(ins.error());
  const int64_t id = ins->at(0).Int(0);
  const nlohmann::json diff = Diff({}, Fields(*in));
  if (auto r = RecordChange(db_, county, "key_enterprise", id, actor, "insert", diff); !r) return std::unexpected(r.error());
  if (auto c = tx->Commit(); !c) return std::unexpected(c.error());
  return id;
}

Result<void> KeyEnterpriseStore::Edit(int64_t id, const KeyEnterpriseInput& raw, Date today, std::string_view actor) {
  auto old = Find(id);
  if (!old) return std::unexpected(old.error());
  if (!*old) return Fail(ErrorCode::kNotFound, fmt::format("编号 {} 的重点企业不存在", id));
  KeyEnterpriseInput merged = raw;
  if (merged.credit_code.empty()) merged.credit_code = (*old)->in.credit_code;
  if (merged.credit_code != (*old)->in.credit_code) return std::unexpected(KeyEnterpriseStoreBad("企业", "不能修改；请另行列入名录"));
  auto in = Validate(merged, (*old)->county_code, today, id);
  if (!in) return std::unexpected(in.error());
  const nlohmann::json diff = Diff(Fields((*old)->in), Fields(*in));
  if (diff.empty()) return {};
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  KeyEnterprise row = **old;
  row.in = *in;
  std::vector<Value> v = KeyEnterpriseStoreEditable().Values(row);
  v.insert(v.end(), {NowIso(), id});
  if (auto r = db_.Exec(
          fmt::format("UPDATE network_key_enterprises SET {}, updated_at = ? WHERE enterprise_id = ?", KeyEnterpriseStoreEditable().Assignments()),
          v);
      !r) {
    return std::unexpected(r.error());
  }
  if (auto r = RecordChange(db_, (*old)->county_code, "key_enterprise", id, actor, "update", diff); !r) return r;
  return tx->Commit();
}

Result<int64_t> KeyEnterpriseStore::AddContact(int64_t id, const KeyContact& c, Date today, std::string_view actor) {
  auto found = Find(id);
  if (!found) return std::unexpected(found.error());
  if (!*found) return Fail(ErrorCode::kNotFound, fmt::format("编号 {} 的重点企业不存在", id));
  const KeyEnterprise& k = **found;
  if (c.contacted_on > today) {
    return std::unexpected(KeyEnterpriseStoreBad("联系日期", fmt::format("{} 晚于今天（{}）", c.contacted_on.ToString(), today.ToString())));
  }
  if (k.in.listed_on && c.contacted_on < *k.in.listed_on) {
    return std::unexpected(KeyEnterpriseStoreBad("联系日期", fmt::format("{} 早于列入名录日期 {}", c.contacted_on.ToString(),
                                                      k.in.listed_on->ToString())));
  }
  if (c.way.empty()) return std::unexpected(KeyEnterpriseStoreBad("联系方式", "不能为空（上门走访、电话、线上等）"));
  if (c.jobs_collected < 0) return std::unexpected(KeyEnterpriseStoreBad("收集岗位数", "不能为负数"));
  const std::string officer = c.officer.empty() ? k.in.officer : c.officer;
  if (auto o = CheckOfficer(officer, k.county_code, "服务专员"); !o) return std::unexpected(o.error());
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  const Value v[] = {k.county_code, id, c.contacted_on.ToString(), c.way, officer, c.jobs_collected, c.needs,
                     c.follow_up, std::string(actor), NowIso()};
  auto ins = db_.Query("INSERT INTO network_key_contacts (county_code, enterprise_id, contacted_on, way, officer,"
                       " jobs_collected, needs, follow_up, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                       " RETURNING contact_id",
                       v);
  if (!ins) return std::unexpected(ins.error());
  const int64_t cid = ins->at(0).Int(0);
  const nlohmann::json diff = {{"enterprise_id", {nullptr, id}},
                               {"contacted_on", {nullptr, c.contacted_on.ToString()}},
                               {"way", {nullptr, c.way}},
                               {"officer", {nullptr, officer}},
                               {"jobs_collected", {nullptr, c.jobs_collected}}};
  if (auto r = RecordChange(db_, k.county_code, "key_contact", cid, actor, "insert", diff); !r) return std::unexpected(r.error());
  if (auto cm = tx->Commit(); !cm) return std::unexpected(cm.error());
  return cid;
}

Result<std::optional<KeyEnterprise>> KeyEnterpriseStore::Find(int64_t id) {
  const Value p[] = {id};
  auto rows = db_.Query(KeyEnterpriseStoreSelectWhere("k.enterprise_id = ?"), p);
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<KeyEnterprise>();
  auto k = FromRow(rows->front());
  if (!k) return std::unexpected(k.error());
  return std::optional<KeyEnterprise>(std::move(*k));
}

Result<std::vector<KeyEnterprise>> KeyEnterpriseStore::List(std::string_view scope) {
  const Value p[] = {std::string(scope) + "%"};
  auto rows = db_.Query(KeyEnterpriseStoreSelectWhere("k.county_code LIKE ? ORDER BY k.enterprise_id"), p);
  if (!rows) return std::unexpected(rows.error());
  std::vector<KeyEnterprise> out;
  for (const auto& r : *rows) {
    auto k = FromRow(r);
    if (!k) return std::unexpected(k.error());
    out.push_back(std::move(*k));
  }
  return out;
}

Result<std::vector<KeyContact>> KeyEnterpriseStore::Contacts(int64_t id) {
  const Value p[] = {id};
  auto rows = db_.Query(fmt::format("SELECT {} FROM network_key_contacts WHERE enterprise_id = ?"
                                    " ORDER BY contacted_on, contact_id",
                                    ContactCodec().Columns()),
                        p);
  if (!rows) return std::unexpected(rows.error());
  auto read = ContactCodec().ReadAll(*rows);
  if (!read) return std::unexpected(read.error());
  std::vector<KeyContact> out = std::move(*read);
  return out;
}

}  // namespace qjy::network
