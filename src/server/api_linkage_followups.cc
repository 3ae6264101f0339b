// Closing a 返乡未就业人员跟踪服务 after contact (issue #18; linkage/followup.h):
//   POST /api/linkage/followups/{followup_id}
//        {"outcome": "declined", "note": "…", "contacted_on": "YYYY-MM-DD"}
//        an officer of the follow-up's county (or above) records that the
//        person was contacted and how it ended (outcomes of
//        policy/linkage/followup.yaml: 已联系，本人暂不需要就业服务 …), without a
//        service record; the item leaves the queue. contacted_on defaults to
//        today. Audited (denials too).
#include "linkage/followup.h"
#include "linkage/link_store.h"
#include "server/api_internal.h"
#include "server/api_write.h"

namespace qjy::server {

HttpResponse Api::CloseLinkageFollowup(Call& c) {
  const auth::Account& a = c.account();
  const std::string action = "linkage.followup.close";
  if (a.role != auth::Role::kOfficer) {
    Audit(c, action, "linkage_followup:" + c.params.at(0), "denied");
    return Forbidden();
  }
  HttpResponse error;
  auto body = ParseJsonObject(c.req, error);
  if (!body) return error;
  const auto id = PathId(c.params.at(0));
  if (!id) return NotFound("没有该跟踪服务");
  const Date today = Date::InChina(clock_.Now());
  std::optional<Date> on;
  if (!BodyOptDate(*body, "contacted_on", "联系日期", on, error)) return error;
  linkage::LinkStore links(*c.db, vault_);
  if (auto m = links.Migrate(); !m) return StoreError(m.error(), *log_);
  auto policy = linkage::LoadFollowupPolicy(linkage::DefaultFollowupPolicyFile());
  if (!policy) return HttpResponse::Error(503, "unavailable", "跟踪服务参数无法加载：" + policy.error().message);
  const std::string outcome = body->value("outcome", std::string());
  const std::string target = "linkage_followup:" + std::to_string(*id);
  auto r = linkage::FollowupStore(*c.db, vault_)
               .Close(*id, a.region_code, *policy, outcome, body->value("note", std::string()), on.value_or(today),
                      today, a.username);
  if (!r) return WriteFailed(c, action, target, r.error());
  Audit(c, action, target, "ok", outcome);
  return JsonOk({{"followup_id", *id},
                 {"status", "closed"},
                 {"outcome", outcome},
                 {"status_label", "已办结：" + policy->OutcomeLabel(outcome)}});
}

}  // namespace qjy::server
