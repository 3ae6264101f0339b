// Job posting with discrimination screening (issue #6 point 6):
//   POST /api/jobs                  employer (own credit code) or officer
//                                   (employer and workplace in region):
//                                   validate -> screen -> publish (201) or
//                                   queue for review (202, with the warning)
//   GET  /api/ads                   officer: ads of the region (default
//                                   pending); employer: its own ads
//   GET  /api/ads/{ad_id}           officer in region or the employer
//   POST /api/ads/{ad_id}/approve   officer in region: publishes
//   POST /api/ads/{ad_id}/reject    officer in region, with a reason
//   POST /api/ads/{ad_id}/resubmit  the employer (or an officer in region):
//                                   an ad held by screening (pending or
//                                   rejected), edited, screened again: clean
//                                   → published (201), still flagged → held
//                                   again with the new findings (202)
//   GET  /api/ads/inspection        officer: employers whose ads in the region
//                                   were repeatedly held (?min), with the ads
//                                   as evidence, for the labour inspection
// Bad input answers 400 with every field error in Chinese; nothing is stored.
#include <mutex>
#include <set>

#include "ads/ad_desk.h"
#include "ads/ad_json.h"
#include "ads/validate.h"
#include "server/access.h"
#include "server/api_context.h"
#include "server/api_internal.h"
#include "server/api_write.h"
#include "server/api_pickers.h"
#include "store/registry_store.h"
#include "core/mask.h"

namespace qjy::server {

const ads::Screener* Api::AdsScreener(std::string& /*error*/) const { return context_->screener.get(); }

Result<void> Api::EnsureMigrated(const std::string& key, DbPool::Lease& db, Result<void> (*migrate)(store::Db&)) {
  std::lock_guard lock(migrated_mu_);
  if (migrated_.contains(key)) return {};
  if (auto m = migrate(*db); !m) return m;
  migrated_.insert(key);
  return {};
}

HttpResponse ConflictAwareError(const Error& e, spdlog::logger& log) {
  if (e.code == ErrorCode::kConflict || e.code == ErrorCode::kAlreadyExists) {
    return HttpResponse::Error(409, "conflict", e.message);
  }
  return StoreError(e, log);
}

HttpResponse FieldErrorsResponse(const registry::FieldErrors& errors) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& e : errors) list.push_back({{"field", e.field}, {"value", e.value}, {"reason", e.reason}});
  return JsonOk({{"error", "invalid_argument"},
                 {"message", "提交内容有误，未发布：" + ads::JoinFieldErrors(errors)},
                 {"errors", list}},
                400);
}

namespace {

std::string NameOf(const RegionIndex& regions, const std::string& code) {
  const Region* r = code.empty() ? nullptr : regions.Find(code);
  return r ? r->name : std::string();
}

nlohmann::json AdJson(const ads::AdRecord& r, const RegionIndex& regions) {
  nlohmann::json ad = ads::AdToJson(r.ad);
  ad["place_name"] = NameOf(regions, r.ad.job.place_region);
  ad["contact_phone"] = r.ad.contact_phone.empty() ? std::string() : MaskPhone(r.ad.contact_phone);
  return {{"ad_id", r.ad_id},
          {"county_code", r.county_code},
          {"county_name", NameOf(regions, r.county_code)},
          {"employer_credit_code", r.employer_credit_code},
          {"status", r.status},
          {"ad", ad},
          {"findings", ads::FindingsToJson(r.findings)},
          {"warning", r.warning},
          {"job_id", r.job_id ? nlohmann::json(r.job_id) : nlohmann::json(nullptr)},
          {"posted_by", r.posted_by},
          {"posted_at", r.posted_at},
          {"reviewed_by", r.reviewed_by},
          {"reviewed_at", r.reviewed_at},
          {"review_note", r.review_note}};
}

}  // namespace

HttpResponse Api::Ads(Call& c) {
  const ApiContext& ctx = *context_;
  if (auto m = EnsureMigrated(pool_.url() + "#ads", c.db, &ads::AdDesk::Migrate); !m) {
    return StoreError(m.error(), *log_);
  }
  const auth::Account& a = c.account();
  const bool officer = a.role == auth::Role::kOfficer;
  // Ads carry the employer's and the occupation's names: reviewers read
  // names, not codes (issue #14).
  auto named = [&](const ads::AdRecord& r) {
    nlohmann::json j = AdJson(r, regions_);
    j["employer_name"] = ::qjy::server::EmployerName(*c.db, r.employer_credit_code);
    j["ad"]["occupation_name"] = OccupationName(r.ad.job.occupation_code);
    return j;
  };
  const bool employer = a.role == auth::Role::kEmployer;
  if (!officer && !employer) return Forbidden();
  ads::AdDesk desk(*c.db, vault_, *ctx.screener, clock_);
  const std::string path = c.req.Path();
  const Date today = clock_.TodayInChina();

  // Reads, scopes and validates an ad body (posting and resubmitting):
  // nullopt with the answer in `error` when it does not pass.
  auto read_ad = [&](const std::string& action, HttpResponse& error) -> std::optional<ads::JobAd> {
    auto body = ParseJsonObject(c.req, error);
    if (!body) return std::nullopt;
    auto ad = ads::AdFromJson(*body, today);
    if (!ad) {
      error = BadRequest(ad.error().message);
      return std::nullopt;
    }
    if (employer) ad->job.employer_credit_code = a.credit_code;
    store::RegistryStore registry(*c.db, vault_);
    auto emp = registry.FindEmployer(ad->job.employer_credit_code);
    if (!emp) {
      error = StoreError(emp.error(), *log_);
      return std::nullopt;
    }
    if (!*emp) {
      error = FieldErrorsResponse({{"统一社会信用代码", ad->job.employer_credit_code,
                                    "用人单位不在登记库中，请先登记单位信息"}});
      return std::nullopt;
    }
    if (officer && !MayReadEmployer(a, (*emp)->credit_code, (*emp)->region, (*emp)->county_code) &&
        !RegionCovers(a.region_code, ad->job.place_region)) {
      Audit(c, action, "employer:" + ad->job.employer_credit_code, "denied");
      error = NotFound("没有该用人单位");
      return std::nullopt;
    }
    // The workplace's county (the employer's own when working outside Guizhou).
    if (regions_.IsInGuizhou(ad->job.place_region)) {
      auto county = regions_.CountyOf(ad->job.place_region);
      ad->job.county_code = county ? *county : (*emp)->county_code;
    } else {
      ad->job.county_code = (*emp)->county_code;
    }
    registry::FieldErrors errors;
    registry::ValidationContext vctx{regions_, today};
    ads::OccupationKnown known;
    if (ctx.ad_occupations) known = [&](std::string_view code) { return ctx.ad_occupations->Known(code); };
    if (!ads::ValidateAd(*ad, vctx, known, errors)) {
      Audit(c, action, "employer:" + ad->job.employer_credit_code, "invalid");
      error = FieldErrorsResponse(errors);
      return std::nullopt;
    }
    return std::optional<ads::JobAd>(std::move(*ad));
  };

  if (path == "/api/jobs") {  // POST: post a job ad
    HttpResponse error;
    auto ad = read_ad("job.post", error);
    if (!ad) return error;
    desk.set_wage_reference(AdsWageReference(c));  // pay bait against the occupation's posted pay
    auto rec = desk.Post(*ad, a.username);
    if (!rec) return ConflictAwareError(rec.error(), *log_);
    Audit(c, "job.post", "ad:" + std::to_string(rec->ad_id), rec->status);
    if (rec->Published()) {
      registry::Job job = rec->ad.job;
      job.job_id = rec->job_id;
      MatchJobPosted(job);  // the match index and search see it in the next query
    }
    return JsonOk(named(*rec), rec->Published() ? 201 : 202);
  }

  if (path == "/api/ads") {  // GET: the review queue / an employer's ads
    HttpResponse error;
    auto after = QueryInt(c.query, "after", 0, 0, INT64_MAX, error);
    if (!after) return error;
    auto limit = QueryInt(c.query, "limit", 50, 1, 200, error);
    if (!limit) return error;
    ads::AdFilter f;
    f.after_ad_id = *after;
    f.limit = static_cast<int>(*limit);
    f.status = QueryText(c.query, "status");
    static const std::set<std::string> kStatuses = {"", "all", "published", "pending", "approved", "rejected"};
    if (!kStatuses.contains(f.status)) return BadRequest("状态须为 pending/published/approved/rejected/all");
    if (officer) {
      if (f.status.empty()) f.status = "pending";
      f.region_prefix = a.region_code;
      if (f.region_prefix.empty()) return Forbidden();
    } else {
      f.employer = a.credit_code;
    }
    if (f.status == "all") f.status.clear();
    auto list = desk.List(f);
    if (!list) return StoreError(list.error(), *log_);
    nlohmann::json items = nlohmann::json::array();
    for (const auto& r : *list) items.push_back(named(r));
    nlohmann::json out = {{"items", items}, {"next_after", nullptr}};
    if (static_cast<int64_t>(list->size()) == *limit) out["next_after"] = list->back().ad_id;
    if (officer) {
      auto counts = desk.CountByStatus(a.region_code);
      if (!counts) return StoreError(counts.error(), *log_);
      nlohmann::json cj = nlohmann::json::object();
      for (const auto& [s, n] : *counts) cj[s] = n;
      out["counts"] = cj;
    }
    out["document"] = ctx.screener->document();
    return JsonOk(out);
  }

  if (path == "/api/ads/inspection") {  // GET (issue #17 §3)
    if (!officer || a.region_code.empty()) return Forbidden();
    HttpResponse error;
    auto min = QueryInt(c.query, "min", ctx.screener->inspection_min_held(), 1, 1000, error);
    if (!min) return error;
    auto list = desk.InspectionList(a.region_code, static_cast<int>(*min));
    if (!list) return StoreError(list.error(), *log_);
    store::RegistryStore registry(*c.db, vault_);
    nlohmann::json items = nlohmann::json::array();
    for (const auto& k : *list) {
      auto emp = registry.FindEmployer(k.employer_credit_code);
      if (!emp) return StoreError(emp.error(), *log_);
      nlohmann::json evidence = nlohmann::json::array();
      for (const auto& r : k.ads) evidence.push_back(named(r));
      items.push_back({{"employer_credit_code", k.employer_credit_code},
                       {"employer_name", *emp ? (*emp)->name : std::string()},
                       {"held", k.held},
                       {"pending", k.pending},
                       {"rejected", k.rejected},
                       {"categories", k.categories},
                       {"ads", evidence}});
    }
    Audit(c, "ads.inspection", "region:" + a.region_code, "ok");
    return JsonOk({{"region", a.region_code},
                   {"min_held", *min},
                   {"basis", "正文（十八）：“打击侵犯劳动者合法权益行为，依法查处招聘过程中的虚假、欺诈现象。纠正含有性别、年龄、学历、身份等内容的就业歧视行为”"},
                   {"items", items}});
  }

  // /api/ads/{ad_id}[/approve|/reject]
  int64_t id = 0;
  try {
    id = std::stoll(c.params.at(0));
  } catch (const std::exception&) {
    return BadRequest("招聘信息编号无效");
  }
  auto rec = desk.Get(id);
  if (!rec) return StoreError(rec.error(), *log_);
  const bool visible = *rec && ((officer && RegionCovers(a.region_code, (*rec)->county_code)) ||
                                (employer && a.credit_code == (*rec)->employer_credit_code));
  if (!visible) return NotFound("没有该招聘信息");
  if (c.req.method == "GET") return JsonOk(named(**rec));
  if (path.ends_with("/resubmit")) {
    // The employer (or an officer of the region, on its behalf) corrects a
    // held ad; it is screened again (issue #14).
    HttpResponse error;
    auto ad = read_ad("ad.resubmit", error);
    if (!ad) return error;
    desk.set_wage_reference(AdsWageReference(c));
    if (ad->job.employer_credit_code != (*rec)->employer_credit_code) {
      return FieldErrorsResponse({{"统一社会信用代码", ad->job.employer_credit_code, "修改时不能更换用人单位"}});
    }
    // The phone is shown masked; an empty one keeps what was given.
    if (ad->contact_phone.empty() || ad->contact_phone.find('*') != std::string::npos) {
      ad->contact_phone = (*rec)->ad.contact_phone;
    }
    ads::AdRecord previous;
    auto done = desk.Resubmit(id, (*rec)->employer_credit_code, *ad, a.username, &previous);
    if (!done) {
      Audit(c, "ad.resubmit", "ad:" + std::to_string(id), "refused", done.error().message);
      if (done.error().code == ErrorCode::kNotFound) return NotFound("没有该招聘信息");
      return ConflictAwareError(done.error(), *log_);
    }
    std::string before, after;
    for (const auto& f : previous.findings) before += (before.empty() ? "" : ",") + f.category;
    for (const auto& f : done->findings) after += (after.empty() ? "" : ",") + f.category;
    Audit(c, "ad.resubmit", "ad:" + std::to_string(id), done->status,
          Dump({{"was", previous.status}, {"findings_before", before}, {"findings_after", after}}));
    if (done->Published()) {
      registry::Job job = done->ad.job;
      job.job_id = done->job_id;
      MatchJobPosted(job);
    }
    return JsonOk(named(*done), done->Published() ? 201 : 202);
  }
  if (!officer) return Forbidden();
  const bool approve = path.ends_with("/approve");
  HttpResponse error;
  auto body = ParseJsonObject(c.req, error);
  if (!body) return error;
  auto note = ReviewNote(*body, approve, error);
  if (!note) return error;
  auto done = desk.Review(id, approve, a.username, *note);
  if (!done) return ConflictAwareError(done.error(), *log_);
  Audit(c, approve ? "ad.approve" : "ad.reject", "ad:" + std::to_string(id), "ok");
  if (done->Published()) {
    registry::Job job = done->ad.job;
    job.job_id = done->job_id;
    MatchJobPosted(job);  // the match index and search see it in the next query
  }
  return JsonOk(named(*done));
}

}  // namespace qjy::server
