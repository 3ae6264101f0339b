#include "network/programme_store.h"
#include "network/history.h"
#include "store/row_codec.h"

#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "network/network_store.h"

namespace qjy::network {
namespace {

using store::Value;

// Labour brands and their leading enterprises (A2(二)).
constexpr char kBrandSchema[] = R"sql(
CREATE TABLE network_brands (
  brand_id {id},
  county_code TEXT NOT NULL,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  industry TEXT NOT NULL,
  description TEXT NOT NULL,
  established_on TEXT,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX network_brands_county ON network_brands (county_code, brand_id);
CREATE UNIQUE INDEX network_brands_name ON network_brands (county_code, kind, name);
CREATE TABLE network_brand_enterprises (
  link_id {id},
  county_code TEXT NOT NULL,
  brand_id {int} NOT NULL,
  credit_code TEXT NOT NULL,
  recognised_on TEXT,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX network_brand_enterprises_key ON network_brand_enterprises (brand_id, credit_code);
CREATE INDEX network_brand_enterprises_county ON network_brand_enterprises (county_code);
)sql";

// Work-relief (以工代赈) projects (A2(六), A2(十六)).
constexpr char kReliefSchema[] = R"sql(
CREATE TABLE network_relief_projects (
  project_id {id},
  county_code TEXT NOT NULL,
  region_code TEXT NOT NULL,
  name TEXT NOT NULL,
  sector TEXT NOT NULL,
  year {int} NOT NULL,
  central_funds_fen {int} NOT NULL,
  labour_paid_fen {int} NOT NULL,
  local_employed {int} NOT NULL,
  relocated_employed {int} NOT NULL,
  posts {int} NOT NULL,
  relocation_site {int} NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX network_relief_projects_county ON network_relief_projects (county_code, project_id);
CREATE INDEX network_relief_projects_region ON network_relief_projects (region_code);
)sql";

const store::Migration kProgrammeStoreMigrations[] = {
    {810, "network_brands", kBrandSchema},
    {811, "network_relief_projects", kReliefSchema},
};

struct ProgrammeStoreKindName {
  const char* code;
  const char* label;
};
constexpr ProgrammeStoreKindName kBrandKinds[] = {{"labour_brand", "劳务品牌"}, {"skill_brand", "“贵州技工”培训品牌"}};

Error ProgrammeStoreBad(std::string_view field, std::string_view why) {
  return Error{ErrorCode::kInvalidArgument, fmt::format("{}：{}", field, why)};
}

Value DateValue(const std::optional<Date>& d) { return d ? Value(d->ToString()) : Value(); }
std::string ProgrammeStoreStr(const std::optional<Date>& d) { return d ? d->ToString() : ""; }

nlohmann::json BrandFields(const BrandInput& in) {
  return {{"county", in.county}, {"kind", in.kind}, {"name", in.name}, {"industry", in.industry},
          {"description", in.description}, {"established_on", ProgrammeStoreStr(in.established_on)}};
}

nlohmann::json ReliefFields(const ReliefInput& in) {
  return {{"region", in.region},
          {"name", in.name},
          {"sector", in.sector},
          {"year", in.year},
          {"central_funds_fen", in.central_funds_fen},
          {"labour_paid_fen", in.labour_paid_fen},
          {"local_employed", in.local_employed},
          {"relocated_employed", in.relocated_employed},
          {"posts", in.posts},
          {"relocation_site", in.relocation_site}};
}

const store::RowCodec<Brand>& BrandCodec() {
  static const store::RowCodec<Brand> kCodec =
      store::RowCodec<Brand>()
          .Field("brand_id", [](auto& b) -> auto& { return b.brand_id; })
          .Field("county_code", [](auto& b) -> auto& { return b.in.county; })
          .Field("kind", [](auto& b) -> auto& { return b.in.kind; })
          .Field("name", [](auto& b) -> auto& { return b.in.name; })
          .Field("industry", [](auto& b) -> auto& { return b.in.industry; })
          .Field("description", [](auto& b) -> auto& { return b.in.description; })
          .Field("established_on", [](auto& b) -> auto& { return b.in.established_on; });
  return kCodec;
}

const store::RowCodec<Brand>& BrandInsert() {
  static const store::RowCodec<Brand> kCodec = BrandCodec().Except({"brand_id"});
  return kCodec;
}

// An edit keeps the county and the kind.
const store::RowCodec<Brand>& BrandEdit() {
  static const store::RowCodec<Brand> kCodec = BrandCodec().Except({"brand_id", "county_code", "kind"});
  return kCodec;
}

// A leading enterprise of a brand, joined with the employer's name.
const store::RowCodec<Brand::Leading>& LeadingCodec() {
  static const store::RowCodec<Brand::Leading> kCodec =
      store::RowCodec<Brand::Leading>()
          .Field("l.link_id", [](auto& l) -> auto& { return l.link_id; })
          .Field("l.credit_code", [](auto& l) -> auto& { return l.credit_code; })
          .Field("COALESCE(e.name, '')", [](auto& l) -> auto& { return l.name; })
          .Field("l.recognised_on", [](auto& l) -> auto& { return l.recognised_on; });
  return kCodec;
}

const store::RowCodec<ReliefProject>& ReliefCodec() {
  static const store::RowCodec<ReliefProject> kCodec =
      store::RowCodec<ReliefProject>()
          .Field("project_id", [](auto& p) -> auto& { return p.project_id; })
          .Field("county_code", [](auto& p) -> auto& { return p.county_code; })
          .Field("region_code", [](auto& p) -> auto& { return p.in.region; })
          .Field("name", [](auto& p) -> auto& { return p.in.name; })
          .Field("sector", [](auto& p) -> auto& { return p.in.sector; })
          .Field("year", [](auto& p) -> auto& { return p.in.year; })
          .Field("central_funds_fen", [](auto& p) -> auto& { return p.in.central_funds_fen; })
          .Field("labour_paid_fen", [](auto& p) -> auto& { return p.in.labour_paid_fen; })
          .Field("local_employed", [](auto& p) -> auto& { return p.in.local_employed; })
          .Field("relocated_employed", [](auto& p) -> auto& { return p.in.relocated_employed; })
          .Field("posts", [](auto& p) -> auto& { return p.in.posts; })
          .Field("relocation_site", [](auto& p) -> auto& { return p.in.relocation_site; });
  return kCodec;
}

const store::RowCodec<ReliefProject>& ReliefInsert() {
  static const store::RowCodec<ReliefProject> kCodec = ReliefCodec().Except({"project_id"});
  return kCodec;
}

const store::RowCodec<ReliefProject>& ReliefEdit() {
  static const store::RowCodec<ReliefProject> kCodec = ReliefCodec().Except({"project_id", "county_code"});
  return kCodec;
}

}  // namespace

std::span<const store::Migration> ProgrammeMigrations() { return kProgrammeStoreMigrations; }

std::string_view BrandKindLabel(std::string_view kind) {
  for (const auto& k : kBrandKinds) {
    if (kind == k.code) return k.label;
  }
  return kind;
}

Result<void> ProgrammeStore::Migrate() {
  if (auto m = NetworkStore(db_, regions_).Migrate(); !m) return m;
  return store::ApplyMigrations(db_, ProgrammeMigrations());
}

// ---- brands ----

Result<BrandInput> ProgrammeStore::ValidateBrand(const BrandInput& raw, Date today, int64_t self_id) {
  BrandInput in = raw;
  const Region* county = regions_.Find(in.county);
  if (county == nullptr || !in.county.starts_with("52") || county->level != RegionLevel::kCounty) {
    return std::unexpected(ProgrammeStoreBad("所在县", fmt::format("「{}」不是贵州省的县（市、区、特区）", in.county)));
  }
  bool known = false;
  for (const auto& k : kBrandKinds) {
    if (in.kind == k.code || in.kind == k.label || (in.kind == "贵州技工" && std::string_view(k.code) == "skill_brand")) {
      in.kind = k.code;
      known = true;
    }
  }
  if (!known) return std::unexpected(ProgrammeStoreBad("品牌类型", fmt::format("「{}」须为劳务品牌或“贵州技工”培训品牌", in.kind)));
  if (in.name.empty()) return std::unexpected(ProgrammeStoreBad("品牌名称", "不能为空"));
  if (in.established_on && *in.established_on > today) {
    return std::unexpected(ProgrammeStoreBad("培育（认定）日期", fmt::format("{} 晚于今天（{}）", in.established_on->ToString(),
                                                           today.ToString())));
  }
  const Value key[] = {in.county, in.kind, in.name, self_id};
  auto dup = db_.Query("SELECT brand_id FROM network_brands WHERE county_code = ? AND kind = ? AND name = ? AND brand_id <> ?",
                       key);
  if (!dup) return std::unexpected(dup.error());
  if (!dup->empty()) {
    return std::unexpected(ProgrammeStoreBad("品牌名称", fmt::format("该县已登记同名{}（编号 {}）", BrandKindLabel(in.kind), dup->front().Int(0))));
  }
  return in;
}

Result<int64_t> ProgrammeStore::AddBrand(const BrandInput& raw, Date today, std::string_view actor) {
  auto in = ValidateBrand(raw, today, 0);
  if (!in) return std::unexpected(in.error());
  const std::string now = NowIso();
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  std::vector<Value> v = BrandInsert().Values(Brand{0, *in, {}});
  v.insert(v.end(), {std::string(actor), now, now});
  auto ins = db_.Query(fmt::format("INSERT INTO network_brands ({}, created_by, created_at, updated_at) VALUES ({}, ?, ?, ?)"
                                   " RETURNING brand_id",
                                   BrandInsert().Columns(), BrandInsert().Placeholders()),
                       v);
  if (!ins) return std::unexpected(ins.error());
  const int64_t id = ins->at(0).Int(0);
  if (auto r = RecordChange(db_, in->county, "brand", id, actor, "insert", Diff({}, BrandFields(*in))); !r) {
    return std::unexpected(r.error());
  }
  if (auto c = tx->Commit(); !c) return std::unexpected(c.error());
  return id;
}

Result<void> ProgrammeStore::EditBrand(int64_t id, const BrandInput& raw, Date today, std::string_view actor) {
  auto old = FindBrand(id);
  if (!old) return std::unexpected(old.error());
  if (!*old) return Fail(ErrorCode::kNotFound, fmt::format("编号 {} 的品牌不存在", id));
  BrandInput merged = raw;
  if (merged.county.empty()) merged.county = (*old)->in.county;
  if (merged.kind.empty()) merged.kind = (*old)->in.kind;
  auto in = ValidateBrand(merged, today, id);
  if (!in) return std::unexpected(in.error());
  if (in->county != (*old)->in.county) return std::unexpected(ProgrammeStoreBad("所在县", "不能修改；请在新县另行登记"));
  if (in->kind != (*old)->in.kind) return std::unexpected(ProgrammeStoreBad("品牌类型", "不能修改；请另行登记"));
  const auto diff = Diff(BrandFields((*old)->in), BrandFields(*in));
  if (diff.empty()) return {};
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  std::vector<Value> v = BrandEdit().Values(Brand{id, *in, {}});
  v.insert(v.end(), {NowIso(), id});
  if (auto r = db_.Exec(fmt::format("UPDATE network_brands SET {}, updated_at = ? WHERE brand_id = ?", BrandEdit().Assignments()),
                        v);
      !r) {
    return std::unexpected(r.error());
  }
  if (auto r = RecordChange(db_, in->county, "brand", id, actor, "update", diff); !r) return r;
  return tx->Commit();
}

Result<int64_t> ProgrammeStore::AddLeadingEnterprise(int64_t brand_id, std::string_view credit_code,
                                                     std::optional<Date> recognised_on, Date today,
                                                     std::string_view actor) {
  auto brand = FindBrand(brand_id);
  if (!brand) return std::unexpected(brand.error());
  if (!*brand) return Fail(ErrorCode::kNotFound, fmt::format("编号 {} 的品牌不存在", brand_id));
  if ((*brand)->in.kind != "labour_brand") {
    return std::unexpected(ProgrammeStoreBad("品牌", fmt::format("「{}」是{}；龙头企业登记在劳务品牌下", (*brand)->in.name,
                                                  BrandKindLabel((*brand)->in.kind))));
  }
  if (credit_code.empty()) return std::unexpected(ProgrammeStoreBad("龙头企业", "须填写单位的统一社会信用代码"));
  const Value code[] = {std::string(credit_code)};
  auto emp = db_.Query("SELECT 1 FROM employers WHERE credit_code = ?", code);
  if (!emp) return std::unexpected(emp.error());
  if (emp->empty()) {
    return std::unexpected(ProgrammeStoreBad("龙头企业", fmt::format("「{}」不在单位登记库中，请先登记该单位", credit_code)));
  }
  if (recognised_on && *recognised_on > today) {
    return std::unexpected(ProgrammeStoreBad("认定日期", fmt::format("{} 晚于今天（{}）", recognised_on->ToString(), today.ToString())));
  }
  for (const auto& l : (*brand)->leading) {
    if (l.credit_code == credit_code) {
      return std::unexpected(ProgrammeStoreBad("龙头企业", fmt::format("该单位已是「{}」的龙头企业（编号 {}）", (*brand)->in.name, l.link_id)));
    }
  }
  const std::string county = (*brand)->in.county;
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  const Value v[] = {county, brand_id, std::string(credit_code), DateValue(recognised_on), std::string(actor), NowIso()};
  auto ins = db_.Query("INSERT INTO network_brand_enterprises (county_code, brand_id, credit_code, recognised_on,"
                       " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING link_id",
                       v);
  if (!ins) return std::unexpected(ins.error());
  const int64_t id = ins->at(0).Int(0);
  const nlohmann::json diff = {{"brand_id", {nullptr, brand_id}},
                               {"credit_code", {nullptr, std::string(credit_code)}},
                               {"recognised_on", {nullptr, ProgrammeStoreStr(recognised_on)}}};
  if (auto r = RecordChange(db_, county, "brand_enterprise", id, actor, "insert", diff); !r) return std::unexpected(r.error());
  if (auto c = tx->Commit(); !c) return std::unexpected(c.error());
  return id;
}

Result<std::optional<Brand>> ProgrammeStore::FindBrand(int64_t id) {
  const Value p[] = {id};
  auto rows = db_.Query(fmt::format("SELECT {} FROM network_brands WHERE brand_id = ?", BrandCodec().Columns()), p);
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<Brand>();
  auto read = BrandCodec().Read(rows->front());
  if (!read) return std::unexpected(read.error());
  Brand b = std::move(*read);
  auto links = db_.Query(fmt::format("SELECT {} FROM network_brand_enterprises l LEFT JOIN employers e"
                                     " ON e.credit_code = l.credit_code WHERE l.brand_id = ? ORDER BY l.link_id",
                                     LeadingCodec().Columns()),
                         p);
  if (!links) return std::unexpected(links.error());
  auto leading = LeadingCodec().ReadAll(*links);
  if (!leading) return std::unexpected(leading.error());
  b.leading = std::move(*leading);
  return b;
}

Result<std::vector<Brand>> ProgrammeStore::Brands(std::string_view scope) {
  const Value p[] = {std::string(scope) + "%"};
  auto rows = db_.Query(
      fmt::format("SELECT {} FROM network_brands WHERE county_code LIKE ? ORDER BY brand_id", BrandCodec().Columns()), p);
  if (!rows) return std::unexpected(rows.error());
  auto read = BrandCodec().ReadAll(*rows);
  if (!read) return std::unexpected(read.error());
  std::vector<Brand> out = std::move(*read);
  std::map<int64_t, size_t> at;
  for (size_t i = 0; i < out.size(); ++i) at[out[i].brand_id] = i;
  auto links = db_.Query(fmt::format("SELECT l.brand_id, {} FROM network_brand_enterprises l LEFT JOIN employers e"
                                     " ON e.credit_code = l.credit_code WHERE l.county_code LIKE ? ORDER BY l.link_id",
                                     LeadingCodec().Columns()),
                         p);
  if (!links) return std::unexpected(links.error());
  for (const auto& r : *links) {
    auto it = at.find(r.Int(0));
    if (it == at.end()) continue;
    auto l = LeadingCodec().Read(r, 1);
    if (!l) return std::unexpected(l.error());
    out[it->second].leading.push_back(std::move(*l));
  }
  return out;
}

Result<std::vector<Site>> ProgrammeStore::BrandSites(std::string_view scope) {
  auto brands = Brands(scope);
  if (!brands) return std::unexpected(brands.error());
  std::vector<Site> out;
  for (const auto& b : *brands) {
    Site s;
    s.site_id = b.brand_id;
    s.county_code = s.region = b.in.county;
    s.kind = b.in.kind;
    s.name = b.in.name;
    s.opened_on = b.in.established_on;
    out.push_back(s);
    for (const auto& l : b.leading) {
      Site e = s;
      e.site_id = l.link_id;
      e.kind = "brand_leading_enterprise";
      e.name = l.name.empty() ? l.credit_code : l.name;
      e.opened_on = l.recognised_on;
      out.push_back(std::move(e));
    }
  }
  return out;
}

// ---- work-relief projects ----

Result<void> ProgrammeStore::ValidateRelief(const ReliefInput& in, Date today, int64_t self_id) {
  const Region* where = regions_.Find(in.region);
  if (where == nullptr || !in.region.starts_with("52") ||
      (where->level != RegionLevel::kCounty && where->level != RegionLevel::kTownship)) {
    return std::unexpected(ProgrammeStoreBad("所在区划", fmt::format("「{}」不是贵州省的县或乡镇区划", in.region)));
  }
  if (in.name.empty()) return std::unexpected(ProgrammeStoreBad("项目名称", "不能为空"));
  if (in.year < 2000 || in.year > today.year()) {
    return std::unexpected(ProgrammeStoreBad("资金年度", fmt::format("{} 须在 2000 年至今年（{}）之间", in.year, today.year())));
  }
  for (auto [field, value] : {std::pair{"中央以工代赈资金", in.central_funds_fen}, {"发放劳务报酬", in.labour_paid_fen},
                              {"吸纳当地群众就业人数", in.local_employed}, {"其中易地搬迁群众人数", in.relocated_employed},
                              {"设置岗位数", in.posts}}) {
    if (value < 0) return std::unexpected(ProgrammeStoreBad(field, "不能为负数"));
  }
  if (in.relocated_employed > in.local_employed) {
    return std::unexpected(ProgrammeStoreBad("其中易地搬迁群众人数", fmt::format("{} 人多于吸纳当地群众就业人数 {} 人",
                                                                  in.relocated_employed, in.local_employed)));
  }
  const Value key[] = {in.region, in.name, in.year, self_id};
  auto dup = db_.Query("SELECT project_id FROM network_relief_projects WHERE region_code = ? AND name = ? AND year = ?"
                       " AND project_id <> ?",
                       key);
  if (!dup) return std::unexpected(dup.error());
  if (!dup->empty()) {
    return std::unexpected(ProgrammeStoreBad("项目名称", fmt::format("该区划该年度已登记同名以工代赈项目（编号 {}）", dup->front().Int(0))));
  }
  return {};
}

Result<int64_t> ProgrammeStore::AddRelief(const ReliefInput& in, Date today, std::string_view actor) {
  if (auto v = ValidateRelief(in, today, 0); !v) return std::unexpected(v.error());
  const std::string county = in.region.substr(0, 6), now = NowIso();
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  std::vector<Value> v = ReliefInsert().Values(ReliefProject{0, county, in});
  v.insert(v.end(), {std::string(actor), now, now});
  auto ins = db_.Query(fmt::format("INSERT INTO network_relief_projects ({}, created_by, created_at, updated_at)"
                                   " VALUES ({}, ?, ?, ?) RETURNING project_id",
                                   ReliefInsert().Columns(), ReliefInsert().Placeholders()),
                       v);
  if (!ins) return std::unexpected(ins.error());
  const int64_t id = ins->at(0).Int(0);
  if (auto r = RecordChange(db_, county, "relief_project", id, actor, "insert", Diff({}, ReliefFields(in))); !r) {
    return std::unexpected(r.error());
  }
  if (auto c = tx->Commit(); !c) return std::unexpected(c.error());
  return id;
}

Result<void> ProgrammeStore::EditRelief(int64_t id, const ReliefInput& in, Date today, std::string_view actor) {
  auto old = FindRelief(id);
  if (!old) return std::unexpected(old.error());
  if (!*old) return Fail(ErrorCode::kNotFound, fmt::format("编号 {} 的以工代赈项目不存在", id));
  if (auto v = ValidateRelief(in, today, id); !v) return v;
  if (!in.region.starts_with((*old)->county_code)) {
    return std::unexpected(ProgrammeStoreBad("所在区划", fmt::format("项目不能迁出原所在县（{}）", (*old)->county_code)));
  }
  const auto diff = Diff(ReliefFields((*old)->in), ReliefFields(in));
  if (diff.empty()) return {};
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  std::vector<Value> v = ReliefEdit().Values(ReliefProject{id, (*old)->county_code, in});
  v.insert(v.end(), {NowIso(), id});
  if (auto r = db_.Exec(
          fmt::format("UPDATE network_relief_projects SET {}, updated_at = ? WHERE project_id = ?", ReliefEdit().Assignments()),
          v);
      !r) {
    return std::unexpected(r.error());
  }
  if (auto r = RecordChange(db_, (*old)->county_code, "relief_project", id, actor, "update", diff); !r) return r;
  return tx->Commit();
}

Result<std::optional<ReliefProject>> ProgrammeStore::FindRelief(int64_t id) {
  const Value p[] = {id};
  auto rows =
      db_.Query(fmt::format("SELECT {} FROM network_relief_projects WHERE project_id = ?", ReliefCodec().Columns()), p);
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<ReliefProject>();
  auto read = ReliefCodec().Read(rows->front());
  if (!read) return std::unexpected(read.error());
  return std::optional<ReliefProject>(std::move(*read));
}

Result<std::vector<ReliefProject>> ProgrammeStore::Reliefs(std::string_view scope) {
  const Value p[] = {std::string(scope) + "%"};
  auto rows = db_.Query(fmt::format("SELECT {} FROM network_relief_projects WHERE region_code LIKE ? ORDER BY project_id",
                                    ReliefCodec().Columns()),
                        p);
  if (!rows) return std::unexpected(rows.error());
  return ReliefCodec().ReadAll(*rows);
}

}  // namespace qjy::network
