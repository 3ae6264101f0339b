// POST /api/import/{entity}, GET /api/import/jobs/{id}[/rejects], GET /api/audit.
#include <fstream>
#include <sstream>

#include "core/mask.h"
#include "server/api_internal.h"
#include "server/audit_text.h"
#include "store/registry_store.h"
#include "server/multipart.h"

namespace qjy::server {
namespace {

constexpr std::string_view kEntities[] = {"persons", "employers", "jobs", "contracts"};

}  // namespace

HttpResponse Api::StartImport(Call& c) {
  const auth::Account& a = c.account();
  const std::string& entity = c.params[0];
  const std::string target = "import:" + entity;
  // County-level officers and below import; higher levels only review.
  if (a.role != auth::Role::kOfficer || auth::RegionLevel(a.region_code) < 3) {
    Audit(c, "import.start", target, "denied");
    return Forbidden();
  }
  if (std::find(std::begin(kEntities), std::end(kEntities), entity) == std::end(kEntities)) {
    return NotFound("没有该导入类型");
  }
  auto parts = ParseMultipart(c.req.Header("content-type"), c.req.body);
  if (!parts) return HttpResponse::Error(400, "bad_multipart", parts.error().message);
  const FormPart* file = nullptr;
  for (const auto& p : *parts) {
    if (p.name == "file") file = &p;
  }
  if (!file) return HttpResponse::Error(400, "bad_multipart", "缺少文件字段 file");
  if (file->data.empty()) return HttpResponse::Error(400, "bad_multipart", "上传的文件为空");
  if (!imports_.enabled()) {
    return HttpResponse::Error(503, "import_unavailable", "本服务器未启用导入");
  }
  ImportRequest req;
  req.entity = entity;
  req.file_name = file->filename;
  req.actor = a.username;
  req.region_scope = a.region_code;
  if (entity == "jobs") req.wages = AdsWageReference(c);  // imported jobs: pay bait by occupation
  // The slot the admission check reserved before the body was read.
  auto slot = std::dynamic_pointer_cast<ImportSlot>(c.req.ticket);
  auto id = imports_.Start(a.account_id, std::move(req), file->data, slot.get());
  if (!id && id.error().code == ErrorCode::kConflict) {
    Audit(c, "import.start", target, "busy");
    return HttpResponse::Error(429, "too_many_imports", id.error().message);
  }
  if (!id) return StoreError(id.error(), *log_);
  Audit(c, "import.start", "import:" + *id, "ok",
        Dump({{"entity", entity}, {"bytes", file->data.size()}}));
  return JsonOk({{"job_id", *id}}, 202);
}

HttpResponse Api::GetImportJob(Call& c) {
  auto job = imports_.Get(c.params[0], c.account().account_id);
  if (!job) return NotFound("没有该导入任务");
  nlohmann::json j = {{"job_id", c.params[0]},
                      {"entity", job->entity},
                      {"state", job->state},
                      {"rows_done", job->rows_done},
                      {"rows_total", job->rows_total},
                      {"result", job->result},
                      {"rejects_url", nullptr}};
  std::error_code ec;
  if (job->state != "running" && !job->rejects_path.empty() &&
      std::filesystem::exists(job->rejects_path, ec)) {
    j["rejects_url"] = "/api/import/jobs/" + c.params[0] + "/rejects";
  }
  return JsonOk(j);
}

HttpResponse Api::GetImportRejects(Call& c) {
  auto job = imports_.Get(c.params[0], c.account().account_id);
  if (!job || job->state == "running" || job->rejects_path.empty()) return NotFound("没有该导入任务的退回文件");
  std::ifstream in(job->rejects_path, std::ios::binary);
  if (!in) return NotFound("没有该导入任务的退回文件");
  std::ostringstream buf;
  buf << in.rdbuf();
  HttpResponse r;
  r.status = 200;
  r.content_type = job->rejects_path.ends_with(".xlsx")
                       ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                       : "text/csv; charset=utf-8";
  r.body = std::move(buf).str();
  r.headers.emplace_back("Content-Disposition",
                         "attachment; filename=\"rejects-" + job->entity +
                             (job->rejects_path.ends_with(".xlsx") ? ".xlsx\"" : ".csv\""));
  Audit(c, "import.rejects", "import:" + c.params[0], "ok");
  return r;
}

HttpResponse Api::SearchAudit(Call& c) {
  const auth::Account& a = c.account();
  if (!auth::RoleMay(a.role, auth::Permission::kReadAudit)) {
    Audit(c, "audit.search", "audit_log", "denied");
    return Forbidden();
  }
  HttpResponse error;
  auto after = QueryInt(c.query, "after", 0, 0, INT64_MAX, error);
  if (!after) return error;
  auto limit = QueryInt(c.query, "limit", 100, 1, 500, error);
  if (!limit) return error;
  audit::AuditQuery q;
  q.actor = QueryText(c.query, "actor");
  q.action = QueryText(c.query, "action");
  q.from = QueryText(c.query, "from");
  q.to = QueryText(c.query, "to");
  q.before_seq = *after;
  q.limit = static_cast<int>(*limit);
  for (const auto* d : {&q.from, &q.to}) {
    if (!d->empty() && !Date::Parse(*d)) return BadRequest("日期格式应为 YYYY-MM-DD");
  }
  auto rows = audit_.Search(*c.db, q);
  if (!rows) return StoreError(rows.error(), *log_);
  // Targets and details in Chinese (audit_text.h): persons by name with the
  // ID number masked, employers and regions by name.
  store::RegistryStore registry(*c.db, vault_);
  AuditNamers names;
  names.person = [&registry](int64_t id) -> std::string {
    auto p = registry.GetPerson(id);
    if (!p || !*p) return {};
    return (*p)->name + "（" + MaskIdNumber((*p)->id_number) + "）";
  };
  names.employer = [&registry](const std::string& code) -> std::string {
    auto e = registry.FindEmployer(code);
    return e && *e ? (*e)->name : std::string();
  };
  names.region = [this](const std::string& code) { return RegionName(code); };
  nlohmann::json items = nlohmann::json::array();
  for (const auto& e : *rows) {
    items.push_back({{"seq", e.seq},
                     {"at", e.at},
                     {"actor", e.actor},
                     {"role", e.role},
                     {"region", e.region},
                     {"action", e.action},
                     {"target", e.target},
                     {"result", e.result},
                     {"client", e.client},
                     {"detail", e.detail},
                     {"target_text", AuditTargetText(e.target, names)},
                     {"detail_text", AuditDetailText(e.detail)}});
  }
  nlohmann::json out = {{"items", items}, {"next_after", nullptr}};
  if (static_cast<int64_t>(rows->size()) == *limit) out["next_after"] = rows->back().seq;
  Audit(c, "audit.search", "audit_log", "ok");
  return JsonOk(out);
}

}  // namespace qjy::server
