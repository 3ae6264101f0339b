// Labour brands and work-relief projects (issue #15, A2(二), A2(六),
// A2(十六)), for officers (auditors read):
//   GET  /api/network/brands?region=  brands of the counties under the
//        region (default the caller's) with their leading enterprises
//   POST /api/network/brands  {county, kind, name, industry?, description?,
//        established_on?}: a 劳务品牌 or “贵州技工”培训品牌 of a county
//   PUT  /api/network/brands/{brand_id}  name, industry, description,
//        established_on (absent keys keep their value)
//   POST /api/network/brands/{brand_id}/enterprises  {credit_code,
//        recognised_on?}: a leading enterprise of a labour brand
//   GET  /api/network/relief-projects?region=  以工代赈 projects with their
//        labour-remuneration and relocated shares
//   POST /api/network/relief-projects  {region, name, sector?, year,
//        central_funds_fen, labour_paid_fen, local_employed?,
//        relocated_employed?, posts?, relocation_site?}
//   PUT  /api/network/relief-projects/{project_id}  the same fields
// Writes in the caller's region only, audited (network.brand.add|edit,
// network.brand.enterprise, network.relief.add|edit); out of scope 403,
// audited as denied; 400 names the field.
#include <tuple>

#include "network/programme_store.h"
#include "server/access.h"
#include "server/api_internal.h"
#include "server/api_write.h"

namespace qjy::server {
namespace {

using nlohmann::json;

bool ReadBrand(const json& body, network::BrandInput& in, HttpResponse& error) {
  BodyText(body, "county", in.county);
  BodyText(body, "kind", in.kind);
  BodyText(body, "name", in.name);
  BodyText(body, "industry", in.industry);
  BodyText(body, "description", in.description);
  return BodyOptDate(body, "established_on", "培育（认定）日期", in.established_on, error);
}

bool ReadRelief(const json& body, network::ReliefInput& in, HttpResponse& error) {
  BodyText(body, "region", in.region);
  BodyText(body, "name", in.name);
  BodyText(body, "sector", in.sector);
  for (auto [key, field, out] : {std::tuple{"year", "资金年度", &in.year},
                                 std::tuple{"central_funds_fen", "中央以工代赈资金", &in.central_funds_fen},
                                 std::tuple{"labour_paid_fen", "发放劳务报酬", &in.labour_paid_fen},
                                 std::tuple{"local_employed", "吸纳当地群众就业人数", &in.local_employed},
                                 std::tuple{"relocated_employed", "其中易地搬迁群众人数", &in.relocated_employed},
                                 std::tuple{"posts", "设置岗位数", &in.posts}}) {
    if (!body.contains(key)) continue;
    auto n = BodyInt(body, key);
    if (!n) {
      error = BadRequest(std::string(field) + "：须为整数");
      return false;
    }
    *out = *n;
  }
  if (body.contains("relocation_site")) {
    if (!body["relocation_site"].is_boolean()) {
      error = BadRequest("安置区周边项目：须为 true 或 false");
      return false;
    }
    in.relocation_site = body["relocation_site"].get<bool>();
  }
  return true;
}

json ShareJson(int64_t num, int64_t den) {
  return den > 0 ? json(static_cast<double>(num) * 10000 / static_cast<double>(den) / 100.0) : json();
}

}  // namespace

HttpResponse Api::NetworkBrands(Call& c) {
  const auth::Account& a = c.account();
  const auto scope = ReadableRegion(a, QueryText(c.query, "region"));
  if (!scope) return Forbidden();
  const std::string& region = *scope;
  network::ProgrammeStore store(*c.db, regions_);
  if (auto m = store.Migrate(); !m) return StoreError(m.error(), *log_);
  auto list = store.Brands(region);
  if (!list) return StoreError(list.error(), *log_);
  json items = json::array();
  for (const auto& b : *list) {
    if (items.size() >= 500) break;
    json leading = json::array();
    for (const auto& l : b.leading) {
      leading.push_back({{"link_id", l.link_id}, {"credit_code", l.credit_code}, {"name", l.name},
                         {"recognised_on", DateText(l.recognised_on)}});
    }
    items.push_back({{"brand_id", b.brand_id},
                     {"county", b.in.county},
                     {"county_name", RegionName(b.in.county)},
                     {"kind", b.in.kind},
                     {"kind_label", std::string(network::BrandKindLabel(b.in.kind))},
                     {"name", b.in.name},
                     {"industry", b.in.industry},
                     {"description", b.in.description},
                     {"established_on", DateText(b.in.established_on)},
                     {"leading", std::move(leading)}});
  }
  return JsonOk({{"region", region}, {"region_name", RegionName(region)}, {"total", list->size()}, {"items", items}});
}

HttpResponse Api::NetworkAddBrand(Call& c) {
  const auth::Account& a = c.account();
  HttpResponse error;
  auto body = ParseJsonObject(c.req, error);
  if (!body) return error;
  network::BrandInput in;
  if (!ReadBrand(*body, in, error)) return error;
  const std::string target = "brand:" + in.county + " " + in.name;
  if (!IsOfficer(a) || in.county.empty() || !RegionCovers(a.region_code, in.county)) {
    Audit(c, "network.brand.add", target, "denied");
    return Forbidden();
  }
  network::ProgrammeStore store(*c.db, regions_);
  if (auto m = store.Migrate(); !m) return StoreError(m.error(), *log_);
  auto id = store.AddBrand(in, Date::InChina(clock_.Now()), a.username);
  if (!id) return WriteFailed(c, "network.brand.add", target, id.error());
  Audit(c, "network.brand.add", "brand:" + std::to_string(*id), "ok", in.name);
  return JsonOk({{"brand_id", *id}, {"name", in.name}, {"county_name", RegionName(in.county)}}, 201);
}

namespace {
constexpr Api::WriteTarget kBrandEdit{"network.brand.edit", "brand", "没有该品牌"};
constexpr Api::WriteTarget kBrandEnterprise{"network.brand.enterprise", "brand", "没有该品牌"};
constexpr Api::WriteTarget kReliefEdit{"network.relief.edit", "relief", "没有该以工代赈项目"};
bool BrandCovered(const auth::Account& a, const network::Brand& b) { return RegionCovers(a.region_code, b.in.county); }
}  // namespace

HttpResponse Api::NetworkEditBrand(Call& c) {
  HttpResponse error;
  auto body = ParseJsonObject(c.req, error);
  if (!body) return error;
  network::ProgrammeStore store(*c.db, regions_);
  if (auto m = store.Migrate(); !m) return StoreError(m.error(), *log_);
  auto brand = RecordForWrite<network::Brand>(
      c, kBrandEdit, [&](int64_t id) { return store.FindBrand(id); }, BrandCovered, error);
  if (!brand) return error;
  network::BrandInput in = brand->in;
  if (!ReadBrand(*body, in, error)) return error;
  const std::string target = kBrandEdit.Target(c);
  auto r = store.EditBrand(brand->brand_id, in, Date::InChina(clock_.Now()), c.account().username);
  if (!r) return WriteFailed(c, kBrandEdit.action, target, r.error());
  Audit(c, kBrandEdit.action, target, "ok", in.name);
  return JsonOk({{"brand_id", brand->brand_id}, {"name", in.name}});
}

HttpResponse Api::NetworkAddBrandEnterprise(Call& c) {
  HttpResponse error;
  auto body = ParseJsonObject(c.req, error);
  if (!body) return error;
  network::ProgrammeStore store(*c.db, regions_);
  if (auto m = store.Migrate(); !m) return StoreError(m.error(), *log_);
  auto brand = RecordForWrite<network::Brand>(
      c, kBrandEnterprise, [&](int64_t id) { return store.FindBrand(id); }, BrandCovered, error);
  if (!brand) return error;
  std::string code;
  BodyText(*body, "credit_code", code);
  std::optional<Date> on;
  if (!BodyOptDate(*body, "recognised_on", "认定日期", on, error)) return error;
  const std::string target = kBrandEnterprise.Target(c);
  auto id = store.AddLeadingEnterprise(brand->brand_id, code, on, Date::InChina(clock_.Now()), c.account().username);
  if (!id) return WriteFailed(c, kBrandEnterprise.action, target, id.error());
  Audit(c, kBrandEnterprise.action, target, "ok", code);
  return JsonOk({{"link_id", *id}, {"brand_id", brand->brand_id}, {"credit_code", code}}, 201);
}

HttpResponse Api::NetworkReliefs(Call& c) {
  const auth::Account& a = c.account();
  const auto scope = ReadableRegion(a, QueryText(c.query, "region"));
  if (!scope) return Forbidden();
  const std::string& region = *scope;
  network::ProgrammeStore store(*c.db, regions_);
  if (auto m = store.Migrate(); !m) return StoreError(m.error(), *log_);
  auto list = store.Reliefs(region);
  if (!list) return StoreError(list.error(), *log_);
  json items = json::array();
  for (const auto& p : *list) {
    if (items.size() >= 500) break;
    const auto& in = p.in;
    items.push_back({{"project_id", p.project_id},
                     {"region", in.region},
                     {"region_name", RegionName(in.region)},
                     {"name", in.name},
                     {"sector", in.sector},
                     {"year", in.year},
                     {"central_funds_fen", in.central_funds_fen},
                     {"labour_paid_fen", in.labour_paid_fen},
                     {"labour_share_pct", ShareJson(in.labour_paid_fen, in.central_funds_fen)},
                     {"local_employed", in.local_employed},
                     {"relocated_employed", in.relocated_employed},
                     {"posts", in.posts},
                     {"relocated_share_pct", ShareJson(in.relocated_employed, in.posts)},
                     {"relocation_site", in.relocation_site}});
  }
  return JsonOk({{"region", region}, {"region_name", RegionName(region)}, {"total", list->size()}, {"items", items}});
}

HttpResponse Api::NetworkAddRelief(Call& c) {
  const auth::Account& a = c.account();
  HttpResponse error;
  auto body = ParseJsonObject(c.req, error);
  if (!body) return error;
  network::ReliefInput in;
  if (!ReadRelief(*body, in, error)) return error;
  const std::string target = "relief:" + in.region + " " + in.name;
  if (!IsOfficer(a) || in.region.empty() || !RegionCovers(a.region_code, in.region)) {
    Audit(c, "network.relief.add", target, "denied");
    return Forbidden();
  }
  network::ProgrammeStore store(*c.db, regions_);
  if (auto m = store.Migrate(); !m) return StoreError(m.error(), *log_);
  auto id = store.AddRelief(in, Date::InChina(clock_.Now()), a.username);
  if (!id) return WriteFailed(c, "network.relief.add", target, id.error());
  Audit(c, "network.relief.add", "relief:" + std::to_string(*id), "ok", in.name);
  return JsonOk({{"project_id", *id}, {"name", in.name}, {"region_name", RegionName(in.region)}}, 201);
}

HttpResponse Api::NetworkEditRelief(Call& c) {
  const auth::Account& a = c.account();
  HttpResponse error;
  auto body = ParseJsonObject(c.req, error);
  if (!body) return error;
  network::ProgrammeStore store(*c.db, regions_);
  if (auto m = store.Migrate(); !m) return StoreError(m.error(), *log_);
  auto project = RecordForWrite<network::ReliefProject>(
      c, kReliefEdit, [&](int64_t id) { return store.FindRelief(id); },
      [](const auth::Account& a, const network::ReliefProject& p) { return RegionCovers(a.region_code, p.in.region); },
      error);
  if (!project) return error;
  const std::string target = kReliefEdit.Target(c);
  network::ReliefInput in = project->in;
  if (!ReadRelief(*body, in, error)) return error;
  if (!RegionCovers(a.region_code, in.region)) {  // not moved out of the officer's region
    Audit(c, kReliefEdit.action, target, "denied");
    return Forbidden();
  }
  auto r = store.EditRelief(project->project_id, in, Date::InChina(clock_.Now()), a.username);
  if (!r) return WriteFailed(c, kReliefEdit.action, target, r.error());
  Audit(c, kReliefEdit.action, target, "ok", in.name);
  return JsonOk({{"project_id", project->project_id}, {"name", in.name}});
}

}  // namespace qjy::server
