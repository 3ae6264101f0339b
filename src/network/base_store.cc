#include "network/base_store.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "network/history.h"
#include "network/key_enterprise_store.h"
#include "network/outbound_query.h"
#include "store/row_codec.h"

namespace qjy::network {
namespace {

using store::Value;

constexpr char kBaseStoreSchema[] = R"sql(
CREATE TABLE network_employment_bases (
  base_id {id},
  county_code TEXT NOT NULL,
  key_enterprise_id {int},
  name TEXT NOT NULL,
  partner_credit_code TEXT NOT NULL,
  partner_name TEXT NOT NULL,
  partner_region TEXT NOT NULL,
  partner_city TEXT NOT NULL,
  signed_on TEXT,
  closed_on TEXT,
  posts_offered {int},
  workers_entered {int},
  workers_source TEXT NOT NULL,
  workers_as_of TEXT,
  note TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX network_employment_bases_county ON network_employment_bases (county_code, base_id);
CREATE INDEX network_employment_bases_partner ON network_employment_bases (partner_credit_code);
)sql";

// The key enterprises listed as bases become bases once, linked to their
// list entry (which keeps its service officer and contacts); their partner
// city is not known and is asked for at the first edit.
constexpr char kFromKeyEnterprises[] = R"sql(
INSERT INTO network_employment_bases (county_code, key_enterprise_id, name, partner_credit_code, partner_name,
  partner_region, partner_city, signed_on, closed_on, posts_offered, workers_entered, workers_source,
  workers_as_of, note, created_by, created_at, updated_at)
SELECT k.county_code, k.enterprise_id, COALESCE(e.name, k.credit_code), k.credit_code, '', '', '',
  k.listed_on, k.delisted_on, NULL, NULL, '', NULL, k.note, 'migration:816', {now}, {now}
FROM network_key_enterprises k LEFT JOIN employers e ON e.credit_code = k.credit_code
WHERE k.kind = 'base' ORDER BY k.enterprise_id;
INSERT INTO changes (county_code, entity, entity_id, actor, at, op, diff_json)
SELECT county_code, 'employment_base', base_id, 'migration:816', {now}, 'insert',
  '{"key_enterprise_id": [null, ' || CAST(key_enterprise_id AS TEXT) || ']}'
FROM network_employment_bases WHERE key_enterprise_id IS NOT NULL;
)sql";

const store::Migration kBaseStoreMigrations[] = {{815, "network_employment_bases", kBaseStoreSchema},
                                        {816, "network_bases_from_key_enterprises", kFromKeyEnterprises}};

Error BaseStoreBad(std::string_view field, std::string_view why) {
  return Error{ErrorCode::kInvalidArgument, fmt::format("{}：{}", field, why)};
}

std::string Str(const std::optional<Date>& d) { return d ? d->ToString() : ""; }
nlohmann::json Num(const std::optional<int64_t>& n) { return n ? nlohmann::json(*n) : nlohmann::json(); }

nlohmann::json Fields(const BaseInput& in) {
  return {{"county", in.county},
          {"name", in.name},
          {"partner_credit_code", in.partner_credit_code},
          {"partner_name", in.partner_name},
          {"partner_region", in.partner_region},
          {"partner_city", in.partner_city},
          {"signed_on", Str(in.signed_on)},
          {"closed_on", Str(in.closed_on)},
          {"posts_offered", Num(in.posts_offered)},
          {"workers_entered", Num(in.workers_entered)},
          {"workers_source", in.workers_source},
          {"workers_as_of", Str(in.workers_as_of)},
          {"note", in.note}};
}

const store::RowCodec<Base>& BaseStoreCodec() {
  static const store::RowCodec<Base> kCodec =
      store::RowCodec<Base>()
          .Field("base_id", [](auto& b) -> auto& { return b.base_id; })
          .Field("county_code", [](auto& b) -> auto& { return b.in.county; })
          .Field("key_enterprise_id", [](auto& b) -> auto& { return b.key_enterprise_id; })
          .Field("name", [](auto& b) -> auto& { return b.in.name; })
          .Field("partner_credit_code", [](auto& b) -> auto& { return b.in.partner_credit_code; })
          .Field("partner_name", [](auto& b) -> auto& { return b.in.partner_name; })
          .Field("partner_region", [](auto& b) -> auto& { return b.in.partner_region; })
          .Field("partner_city", [](auto& b) -> auto& { return b.in.partner_city; })
          .Field("signed_on", [](auto& b) -> auto& { return b.in.signed_on; })
          .Field("closed_on", [](auto& b) -> auto& { return b.in.closed_on; })
          .Field("posts_offered", [](auto& b) -> auto& { return b.in.posts_offered; })
          .Field("workers_entered", [](auto& b) -> auto& { return b.in.workers_entered; })
          .Field("workers_source", [](auto& b) -> auto& { return b.in.workers_source; })
          .Field("workers_as_of", [](auto& b) -> auto& { return b.in.workers_as_of; })
          .Field("note", [](auto& b) -> auto& { return b.in.note; });
  return kCodec;
}

const store::RowCodec<Base>& BaseStoreInsertable() {
  static const store::RowCodec<Base> kCodec = BaseStoreCodec().Except({"base_id", "key_enterprise_id"});
  return kCodec;
}

// An edit keeps the key, the county and the link.
const store::RowCodec<Base>& Editable() {
  static const store::RowCodec<Base> kCodec = BaseStoreCodec().Except({"base_id", "county_code", "key_enterprise_id"});
  return kCodec;
}

std::string SelectWhere(std::string_view where) {
  return fmt::format("SELECT {}, COALESCE(e.name, '') FROM network_employment_bases b LEFT JOIN employers e"
                     " ON e.credit_code = b.partner_credit_code AND b.partner_credit_code <> '' WHERE {}",
                     BaseStoreCodec().Columns("b"), where);
}

Result<std::vector<Base>> ReadBases(const std::vector<store::Row>& rows) {
  std::vector<Base> out;
  for (const auto& r : rows) {
    auto b = BaseStoreCodec().Read(r);
    if (!b) return std::unexpected(b.error());
    const std::string employer = r.Text(BaseStoreCodec().size());
    b->partner_label = employer.empty() ? b->in.partner_name : employer;
    out.push_back(std::move(*b));
  }
  return out;
}

}  // namespace

std::span<const store::Migration> BaseMigrations() { return kBaseStoreMigrations; }

Result<void> BaseStore::Migrate() {
  if (auto m = KeyEnterpriseStore(db_, regions_).Migrate(); !m) return m;
  return store::ApplyMigrations(db_, BaseMigrations());
}

Result<BaseInput> BaseStore::Validate(const BaseInput& raw, Date today, int64_t self_id) {
  BaseInput in = raw;
  const Region* county = regions_.Find(in.county);
  if (county == nullptr || !in.county.starts_with("52") || county->level != RegionLevel::kCounty) {
    return std::unexpected(BaseStoreBad("所属县", fmt::format("「{}」不是贵州省的县级区划", in.county)));
  }
  if (in.name.empty()) return std::unexpected(BaseStoreBad("基地名称", "不能为空"));
  if (!in.partner_credit_code.empty()) {
    const Value code[] = {in.partner_credit_code};
    auto emp = db_.Query("SELECT region FROM employers WHERE credit_code = ?", code);
    if (!emp) return std::unexpected(emp.error());
    if (emp->empty()) {
      return std::unexpected(BaseStoreBad("合作企业", fmt::format("「{}」不在单位登记库中；登记库外的企业请填写企业名称和所在省市，不填信用代码",
                                                        in.partner_credit_code)));
    }
    // A registered employer's name and place are the registry's.
    in.partner_name.clear();
    in.partner_region.clear();
  } else {
    if (in.partner_name.empty()) return std::unexpected(BaseStoreBad("合作企业", "须填写登记库中单位的统一社会信用代码，或企业名称"));
    const Region* where = regions_.Find(in.partner_region);
    if (in.partner_region.empty() || where == nullptr) {
      return std::unexpected(BaseStoreBad("企业所在地", fmt::format("「{}」不是有效的省、市或县区划代码", in.partner_region)));
    }
    if (in.partner_region.starts_with("52")) {
      return std::unexpected(BaseStoreBad("企业所在地", "登记库外的合作企业应在贵州省外；省内企业请先登记到单位登记库"));
    }
  }
  const Region* city = regions_.Find(in.partner_city);
  if (in.partner_city.empty()) return std::unexpected(BaseStoreBad("协作城市", "须填写广东省（或其他省）的市级区划"));
  if (city == nullptr || city->level == RegionLevel::kProvince) {
    return std::unexpected(BaseStoreBad("协作城市", fmt::format("「{}」不是市级或更细的区划代码", in.partner_city)));
  }
  if (in.partner_city.starts_with("52")) return std::unexpected(BaseStoreBad("协作城市", "应为贵州省外的城市（如广东省的地级市）"));
  if (in.signed_on && *in.signed_on > today) {
    return std::unexpected(BaseStoreBad("签约日期", fmt::format("{} 晚于今天（{}）", in.signed_on->ToString(), today.ToString())));
  }
  if (in.closed_on) {
    if (*in.closed_on > today) return std::unexpected(BaseStoreBad("终止日期", fmt::format("{} 晚于今天", in.closed_on->ToString())));
    if (in.signed_on && *in.closed_on < *in.signed_on) {
      return std::unexpected(BaseStoreBad("终止日期", fmt::format("{} 早于签约日期 {}", in.closed_on->ToString(),
                                                        in.signed_on->ToString())));
    }
  }
  if (in.posts_offered && *in.posts_offered < 0) return std::unexpected(BaseStoreBad("提供岗位数", "不能为负数"));
  if (in.workers_entered) {
    if (*in.workers_entered < 0) return std::unexpected(BaseStoreBad("吸纳贵州籍务工人数", "不能为负数"));
    if (in.workers_source.empty()) {
      return std::unexpected(BaseStoreBad("人数来源", "录入吸纳贵州籍务工人数时须注明来源（如企业报送、劳务协作站台账）"));
    }
    if (in.workers_as_of && *in.workers_as_of > today) {
      return std::unexpected(BaseStoreBad("人数统计日期", fmt::format("{} 晚于今天", in.workers_as_of->ToString())));
    }
  } else if (!in.workers_source.empty() || in.workers_as_of) {
    return std::unexpected(BaseStoreBad("吸纳贵州籍务工人数", "填写了来源或统计日期，但没有人数"));
  }
  const Value key[] = {in.county, in.name, self_id};
  auto dup = db_.Query("SELECT base_id FROM network_employment_bases WHERE county_code = ? AND name = ? AND base_id <> ?",
                       key);
  if (!dup) return std::unexpected(dup.error());
  if (!dup->empty()) {
    return std::unexpected(BaseStoreBad("基地名称", fmt::format("本县已登记同名稳岗就业基地（编号 {}）", dup->front().Int(0))));
  }
  return in;
}

Result<int64_t> BaseStore::Add(const BaseInput& raw, Date today, std::string_view actor) {
  auto in = Validate(raw, today, 0);
  if (!in) return std::unexpected(in.error());
  const std::string now = NowIso();
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  Base row;
  row.in = *in;
  std::vector<Value> v = BaseStoreInsertable().Values(row);
  v.insert(v.end(), {std::string(actor), now, now});
  auto ins = db_.Query(fmt::format("INSERT INTO network_employment_bases ({}, created_by, created_at, updated_at)"
                                   " VALUES ({}, ?, ?, ?) RETURNING base_id",
                                   BaseStoreInsertable().Columns(), BaseStoreInsertable().Placeholders()),
                       v);
  if (!ins) return std::unexpected(ins.error());
  const int64_t id = ins->at(0).Int(0);
  if (auto r = RecordChange(db_, in->county, "employment_base", id, actor, "insert", Diff({}, Fields(*in))); !r) {
    return std::unexpected(r.error());
  }
  if (auto c = tx->Commit(); !c) return std::unexpected(c.error());
  return id;
}

Result<void> BaseStore::Edit(int64_t id, const BaseInput& raw, Date today, std::string_view actor) {
  auto old = Find(id);
  if (!old) return std::unexpected(old.error());
  if (!*old) return Fail(ErrorCode::kNotFound, fmt::format("编号 {} 的稳岗就业基地不存在", id));
  BaseInput merged = raw;
  if (merged.county.empty()) merged.county = (*old)->in.county;
  if (merged.county != (*old)->in.county) {
    return std::unexpected(BaseStoreBad("所属县", fmt::format("不能修改（原为 {}）；请在新县另行登记", (*old)->in.county)));
  }
  auto in = Validate(merged, today, id);
  if (!in) return std::unexpected(in.error());
  const nlohmann::json diff = Diff(Fields((*old)->in), Fields(*in));
  if (diff.empty()) return {};
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  Base row = **old;
  row.in = *in;
  std::vector<Value> v = Editable().Values(row);
  v.insert(v.end(), {NowIso(), id});
  if (auto r = db_.Exec(fmt::format("UPDATE network_employment_bases SET {}, updated_at = ? WHERE base_id = ?",
                                    Editable().Assignments()),
                        v);
      !r) {
    return std::unexpected(r.error());
  }
  if (auto r = RecordChange(db_, in->county, "employment_base", id, actor, "update", diff); !r) return r;
  return tx->Commit();
}

Result<std::optional<Base>> BaseStore::Find(int64_t id) {
  const Value p[] = {id};
  auto rows = db_.Query(SelectWhere("b.base_id = ?"), p);
  if (!rows) return std::unexpected(rows.error());
  auto bases = ReadBases(*rows);
  if (!bases) return std::unexpected(bases.error());
  if (bases->empty()) return std::optional<Base>();
  return std::optional<Base>(std::move(bases->front()));
}

Result<std::vector<Base>> BaseStore::List(std::string_view scope) {
  const Value p[] = {std::string(scope) + "%"};
  auto rows = db_.Query(SelectWhere("b.county_code LIKE ? ORDER BY b.base_id"), p);
  if (!rows) return std::unexpected(rows.error());
  return ReadBases(*rows);
}

Result<BaseWorkers> BaseStore::Workers(const Base& b, Date day) {
  if (!b.in.partner_credit_code.empty()) {
    // Guizhou persons (their owning county) with a contract at the partner
    // employer running on `day`.
    const Value p[] = {b.in.partner_credit_code, day.ToString(), day.ToString()};
    auto rows = db_.Query("SELECT COUNT(DISTINCT person_id) FROM contracts WHERE employer_credit_code = ?"
                          " AND start_on <= ? AND (end_on IS NULL OR end_on >= ?) AND county_code LIKE '52%'",
                          p);
    if (!rows) return std::unexpected(rows.error());
    if (const int64_t n = rows->at(0).Int(0); n > 0) return BaseWorkers{n, "contracts", "登记库劳动合同"};
  }
  if (b.in.workers_entered) {
    std::string note = b.in.workers_source;
    if (b.in.workers_as_of) note += "，截至 " + b.in.workers_as_of->ToString();
    return BaseWorkers{b.in.workers_entered, "entered", note};
  }
  return BaseWorkers{std::nullopt, "unknown", "登记库无该企业的劳动合同，也未录入人数"};
}

Result<std::vector<Site>> BaseStore::BaseSites(std::string_view scope) {
  auto bases = List(scope.size() > 6 ? scope.substr(0, 6) : scope);
  if (!bases) return std::unexpected(bases.error());
  std::vector<Site> out;
  for (const auto& b : *bases) {
    Site s;
    s.site_id = b.base_id;
    s.county_code = b.in.county;
    s.kind = "employment_base";
    s.region = b.in.county;
    s.name = b.in.name;
    s.opened_on = b.in.signed_on;
    s.closed_on = b.in.closed_on;
    out.push_back(std::move(s));
  }
  return out;
}

Result<std::vector<OutboundTally>> BaseStore::Outbound(std::string_view scope, Date day) {
  return OutboundTallies(db_, scope, day);
}

}  // namespace qjy::network
