// Ledger flags of the comparisons (issue #18; linkage/ledger_flags.h):
//   GET  /api/linkage/flags?region=&month=YYYY-MM&kind=  the flags of persons
//        whose county is under the region: 就业帮扶台账 entries (附件4（九）:
//        poverty-alleviated persons a partner calls unemployed) and benefit
//        cross-checks (附件3（四）: benefit recipients a partner calls employed),
//        open first; names with masked ID numbers; audited
//   POST /api/linkage/flags/{flag_id} {"outcome": "..."}  an officer of the
//        flag's county (or above) closes it with what was verified; audited
// Reads: officers in their region, auditors province-wide.
#include <fmt/format.h>

#include "core/clause_display.h"
#include "linkage/followup.h"
#include "linkage/ledger_flags.h"
#include "linkage/link_store.h"
#include "server/access.h"
#include "server/api_internal.h"
#include "server/api_write.h"

namespace qjy::server {

HttpResponse Api::LinkageFlags(Call& c) {
  using nlohmann::json;
  const auth::Account& a = c.account();
  const bool is_write = c.req.method == "POST";
  if (is_write ? a.role != auth::Role::kOfficer : !auth::RoleMay(a.role, auth::Permission::kReadPersons)) {
    Audit(c, is_write ? "linkage.flag.close" : "linkage.flags", "linkage_flags", "denied");
    return Forbidden();
  }
  linkage::LinkStore links(*c.db, vault_);
  if (auto m = links.Migrate(); !m) return StoreError(m.error(), *log_);
  auto policy = linkage::LoadFlagPolicy(linkage::DefaultFollowupPolicyFile());
  if (!policy) return HttpResponse::Error(503, "unavailable", "比对提示参数无法加载：" + policy.error().message);
  linkage::FlagStore flags(*c.db, vault_);

  if (is_write) {
    HttpResponse error;
    auto body = ParseJsonObject(c.req, error);
    if (!body) return error;
    const auto path_id = PathId(c.params.at(0));
    if (!path_id) return NotFound("没有该比对提示");
    const int64_t id = *path_id;
    const std::string target = "linkage_flag:" + std::to_string(id);
    const std::string outcome = body->value("outcome", std::string());
    auto r = flags.Close(id, a.region_code, outcome, a.username);
    if (!r) return WriteFailed(c, "linkage.flag.close", target, r.error());
    Audit(c, "linkage.flag.close", target, "ok");
    return JsonOk({{"flag_id", id}, {"status", "closed"}, {"status_label", "已核实办结"}});
  }

  const std::string scope = a.role == auth::Role::kOfficer ? a.region_code : std::string("52");
  std::string region = QueryText(c.query, "region");
  if (region.empty()) region = scope;
  if (auth::RegionLevel(region) == 0) return BadRequest("区划代码须为 2/4/6/9/12 位数字");
  if (!RegionCovers(scope, region)) return Forbidden();
  const std::string month = QueryText(c.query, "month");
  if (!month.empty() && !Date::Parse(month + "-01")) return BadRequest("月份须为 YYYY-MM");
  const std::string kind = QueryText(c.query, "kind");
  if (!kind.empty() && kind != policy->poverty.kind && kind != policy->benefit.kind) {
    return BadRequest(fmt::format("类型（kind）须为 {} 或 {}", policy->poverty.kind, policy->benefit.kind));
  }
  auto rows = flags.InScope(region, month, kind);
  if (!rows) return StoreError(rows.error(), *log_);
  auto rule = [&](const std::string& k) -> const linkage::FlagRule& {
    return k == policy->poverty.kind ? policy->poverty : policy->benefit;
  };
  json out = json::array();
  for (const auto& f : *rows) {
    const linkage::FlagRule& r = rule(f.kind);
    out.push_back({{"flag_id", f.flag_id}, {"county_code", f.county_code}, {"county_name", RegionName(f.county_code)},
                   {"kind", f.kind}, {"kind_label", r.title}, {"clause", DisplayClause(r.clause)},
                   {"quote", r.quote}, {"month", f.month}, {"person_id", f.person_id},
                   {"person_name", f.person_name}, {"id_number", f.id_masked}, {"partner", f.partner},
                   {"partner_status", f.status}, {"created_at", f.created_at},
                   {"status", f.closed_at.empty() ? "open" : "closed"},
                   {"status_label", f.closed_at.empty() ? "待核实" : "已核实办结"}, {"outcome", f.outcome},
                   {"closed_by", f.closed_by}, {"closed_at", f.closed_at}});
  }
  Audit(c, "linkage.flags", "region:" + region, "ok", std::to_string(out.size()));
  return JsonOk({{"region", region}, {"region_name", RegionName(region)}, {"month", month}, {"items", out}});
}

}  // namespace qjy::server
