// Record linkage with partner provinces and systems (issue #18), for officers:
//   GET  /api/linkage/batches?region=       the partner batches of counties
//        under the region (newest first, 100)
//   GET  /api/linkage/review?status=open&region=  clerical-review pairs, both
//        sides masked (ID numbers, phones), with each field's comparison in
//        words and the pair's match weight and probability
//   POST /api/linkage/review/{review_id} {"decision": "match"|"non_match"}
//        an officer decides within the region; "match" merges the two
//        persons and creates the follow-up services it calls for
//        (linkage/followup.h), which join the county's queue
//   GET  /api/linkage/summary?region=&month=YYYY-MM  per county, outbound
//        workers employed / unemployed / insured / returned in the month's
//        partner records, and the open return follow-ups
//   GET  /api/linkage/encoded/pairs?status=match|open&batch=&region=  the
//        privacy-preserving mode's pairs (officers only): our person masked
//        (name, ID number, phone), the partner's side only its opaque
//        record id, weight, probability and each field's Dice band
//   POST /api/linkage/encoded/pairs/{pair_id} {"decision": "match"|"non_match"}
//        an officer decides an open (review-band) encoded pair in the region
//   (flags: api_linkage_flags.cc)
// Reads: officers in their region, auditors province-wide; every read of
// review pairs and every decision is audited.
#include <map>

#include <fmt/format.h>

#include "core/clause_display.h"
#include "linkage/encoded_store.h"
#include "linkage/followup.h"
#include "linkage/ledger_flags.h"
#include "linkage/link_store.h"
#include "server/access.h"
#include "server/api_internal.h"
#include "server/api_write.h"
#include "store/registry_store.h"

namespace qjy::server {
namespace {

using nlohmann::json;

json RecordJson(const linkage::StoredRecord& r) {
  return {{"record_id", r.record_id}, {"source", r.source}, {"row", r.row}, {"name", r.person.name},
          {"id_number", r.person.id_number}, {"birth_date", r.person.birth_date}, {"sex", r.person.sex},
          {"division_code", r.person.division_code}, {"phone", r.person.phone}, {"employer", r.employer},
          {"status", r.status}, {"insured_months", r.insured_months}, {"cluster_id", r.cluster_id}};
}

}  // namespace

HttpResponse Api::Linkage(Call& c) {
  const auth::Account& a = c.account();
  const bool is_write = c.req.method == "POST";
  const std::string path = c.req.Path();
  const std::string view = is_write ? "review.resolve" : path.substr(std::string_view("/api/linkage/").size());
  if (path.starts_with("/api/linkage/encoded/")) {
    // The Bloom mode's pairs (linkage/encoded_store.h): officers only
    // (revealing who a partner's record is, even masked, is an officer's
    // act); every listing and decision audited.

    const std::string action = is_write ? "linkage.encoded.resolve" : "linkage.encoded.pairs";
    if (a.role != auth::Role::kOfficer) {
      Audit(c, action, "linkage_encoded", "denied");
      return Forbidden();
    }
    linkage::LinkStore links(*c.db, vault_);
    if (auto m = links.Migrate(); !m) return StoreError(m.error(), *log_);
    store::RegistryStore registry(*c.db, vault_);
    linkage::EncodedLinkStore encoded(*c.db, vault_, registry);

    if (is_write) {
      HttpResponse error;
      auto body = ParseJsonObject(c.req, error);
      if (!body) return error;
      const auto path_id = PathId(c.params.at(0));
      if (!path_id) return NotFound("没有该记录对");
      const std::string target = "linkage_encoded_pair:" + std::to_string(*path_id);
      const std::string decision = body->value("decision", std::string());
      if (decision != "match" && decision != "non_match") {
        return BadRequest("判定（decision）须为 match（是同一人）或 non_match（不是同一人）");
      }
      auto r = encoded.Resolve(*path_id, decision == "match", a.region_code, a.username);
      if (!r) return WriteFailed(c, action, target, r.error());
      Audit(c, action, target, "ok", decision);
      return JsonOk({{"pair_id", *path_id}, {"decision", decision},
                     {"decision_label", decision == "match" ? "是同一人" : "不是同一人"}});
    }

    std::string region = QueryText(c.query, "region");
    if (region.empty()) region = a.region_code;
    if (auth::RegionLevel(region) == 0) return BadRequest("区划代码须为 2/4/6/9/12 位数字");
    if (!RegionCovers(a.region_code, region)) return Forbidden();
    std::string status = QueryText(c.query, "status");
    if (status.empty()) status = "match";
    if (status != "match" && status != "open") return BadRequest("状态（status）须为 match（已关联）或 open（待复核）");
    HttpResponse error;
    const auto batch = QueryInt(c.query, "batch", 0, 0, INT64_MAX, error);
    if (!batch) return error;
    auto pairs = encoded.Pairs(region, status, *batch);
    if (!pairs) return StoreError(pairs.error(), *log_);
    static const char* const kFields[] = {"姓名", "身份证号", "出生日期", "户籍地", "手机号", "性别"};
    static const char* const kBands[] = {"缺失", "不同", "略相似", "较相似", "高度相似",
                                         "编码完全相同"};
    static const char* const kSexBands[] = {"缺失", "不同", "相同"};
    json out = json::array();
    for (const auto& p : *pairs) {
      json comparisons = json::array();
      for (size_t f = 0; f < p.levels.size() && f < std::size(kFields); ++f) {
        const int l = p.levels[f];
        const char* label = f == 5 ? (l >= 0 && l < 3 ? kSexBands[l] : "") : (l >= 0 && l < 6 ? kBands[l] : "");
        comparisons.push_back({{"field", kFields[f]}, {"level", l}, {"label", label}});
      }
      out.push_back({{"pair_id", p.pair_id}, {"county_code", p.county_code}, {"county_name", RegionName(p.county_code)},
                     {"batch_id", p.batch_id}, {"partner", p.partner}, {"partner_record", p.partner_record},
                     {"person_id", p.person_id}, {"name", p.name}, {"id_number", p.id_number}, {"phone", p.phone},
                     {"weight", p.weight}, {"probability", p.probability}, {"status", p.status},
                     {"status_label", p.status == "match" ? "已关联" : "待复核"}, {"decided_by", p.decided_by},
                     {"comparisons", comparisons}});
    }
    Audit(c, action, "region:" + region, "ok", fmt::format("status={} batch={} n={}", status, *batch, out.size()));
    return JsonOk({{"region", region}, {"status", status}, {"pairs", out}});
  }
  if (is_write ? a.role != auth::Role::kOfficer : !auth::RoleMay(a.role, auth::Permission::kReadPersons)) {
    Audit(c, "linkage." + view, "linkage", "denied");
    return Forbidden();
  }
  const std::string scope = a.role == auth::Role::kOfficer ? a.region_code : std::string("52");
  linkage::LinkStore links(*c.db, vault_);
  if (auto m = links.Migrate(); !m) return StoreError(m.error(), *log_);
  auto policy = linkage::LoadFollowupPolicy(linkage::DefaultFollowupPolicyFile());
  if (!policy) return HttpResponse::Error(503, "unavailable", "跟踪服务参数无法加载：" + policy.error().message);
  linkage::FollowupStore followups(*c.db, vault_);
  const Date today = Date::InChina(clock_.Now());

  if (is_write) {
    HttpResponse error;
    auto body = ParseJsonObject(c.req, error);
    if (!body) return error;
    const auto path_id = PathId(c.params.at(0));
    if (!path_id) return NotFound("没有该复核项");
    const int64_t id = *path_id;
    const std::string target = "linkage_review:" + std::to_string(id);
    const std::string decision = body->value("decision", std::string());
    if (decision != "match" && decision != "non_match") {
      return BadRequest("判定（decision）须为 match（是同一人）或 non_match（不是同一人）");
    }
    auto r = links.Resolve(id, decision == "match", a.region_code, a.username);
    if (!r) return WriteFailed(c, "linkage.review.resolve", target, r.error());
    int created = 0, flagged = 0;
    if (decision == "match") {
      auto n = followups.FollowUpReview(id, *policy, today);
      if (!n) return StoreError(n.error(), *log_);
      created = *n;
      // The ledger flags the merged cluster now calls for (A4(九), A3(四)).
      auto flag_policy = linkage::LoadFlagPolicy(linkage::DefaultFollowupPolicyFile());
      if (!flag_policy) return HttpResponse::Error(503, "unavailable", "比对提示参数无法加载：" + flag_policy.error().message);
      auto clusters = followups.ReviewClusters(id);
      if (!clusters) return StoreError(clusters.error(), *log_);
      auto f = linkage::FlagStore(*c.db, vault_).FlagClusters(*clusters, *policy, *flag_policy, today);
      if (!f) return StoreError(f.error(), *log_);
      flagged = *f;
    }
    Audit(c, "linkage.review.resolve", target, "ok",
          decision + " followups=" + std::to_string(created) + " flags=" + std::to_string(flagged));
    return JsonOk({{"review_id", id}, {"decision", decision},
                   {"decision_label", decision == "match" ? "是同一人" : "不是同一人"},
                   {"followups_created", created}, {"flags_created", flagged}});
  }

  std::string region = QueryText(c.query, "region");
  if (region.empty()) region = scope;
  if (auth::RegionLevel(region) == 0) return BadRequest("区划代码须为 2/4/6/9/12 位数字");
  if (!RegionCovers(scope, region)) return Forbidden();

  if (view == "batches") {
    auto batches = links.Batches(region);
    if (!batches) return StoreError(batches.error(), *log_);
    json out = json::array();
    for (const auto& b : *batches) {
      out.push_back({{"batch_id", b.batch_id}, {"county_code", b.county_code}, {"county_name", RegionName(b.county_code)},
                     {"partner", b.partner}, {"file_name", b.file_name}, {"encoding", b.encoding},
                     {"status", b.status}, {"status_label", b.status == "linked"         ? (b.encoding == "bloom-v1" ? "已比对（隐私保护编码）" : "已比对")
                                     : b.status == "deduplicated" ? "已文件内查重"
                                                                  : "已导入，未比对"},
                     {"rows", b.rows}, {"linked", b.linked}, {"review_open", b.review_open},
                     {"created_by", b.created_by}, {"created_at", b.created_at}});
    }
    return JsonOk({{"region", region}, {"batches", out}});
  }
  if (view == "review") {
    const std::string status = QueryText(c.query, "status");
    if (!status.empty() && status != "open") return BadRequest("目前只能列出待复核（status=open）的记录对");
    auto items = links.OpenReviews(region);
    if (!items) return StoreError(items.error(), *log_);
    json out = json::array();
    for (const auto& it : *items) {
      auto fields = links.Explain(it);
      if (!fields) return StoreError(fields.error(), *log_);
      json comparisons = json::array();
      std::string explanation;
      for (const auto& f : *fields) {
        comparisons.push_back({{"field", f.field}, {"level", f.level}, {"label", f.level_label},
                               {"weight", f.weight ? json(*f.weight) : json(nullptr)}});
        if (!explanation.empty()) explanation += "；";
        explanation += f.field + "：" + f.level_label;
        if (f.weight) explanation += fmt::format("（{:+.1f}）", *f.weight);
      }
      explanation += fmt::format("。匹配权重合计 {:.1f}，为同一人的概率约 {:.0f}%", it.weight, it.probability * 100);
      out.push_back({{"review_id", it.review_id}, {"county_code", it.county_code},
                     {"county_name", RegionName(it.county_code)}, {"weight", it.weight},
                     {"probability", it.probability}, {"status", it.status},
                     {"record", RecordJson(it.record)}, {"candidate", RecordJson(it.candidate)},
                     {"comparisons", comparisons}, {"explanation", explanation}});
    }
    Audit(c, "linkage.review.list", "region:" + region, "ok", std::to_string(out.size()));
    return JsonOk({{"region", region}, {"status", "open"}, {"items", out}});
  }
  if (view == "summary") {
    std::string month = QueryText(c.query, "month");
    if (month.empty()) month = today.ToString().substr(0, 7);
    if (!Date::Parse(month + "-01")) return BadRequest("月份须为 YYYY-MM");
    auto rows = followups.Summary(region, month, *policy);
    if (!rows) return StoreError(rows.error(), *log_);
    // Return follow-ups created in the month, per the person's county.
    auto made = followups.InScope(region);
    if (!made) return StoreError(made.error(), *log_);
    std::map<std::string, int64_t> made_by_county;
    for (const auto& f : *made) {
      if (f.start.ToString().starts_with(month)) ++made_by_county[f.county_code];
    }
    json out = json::array();
    json total = {{"county_code", ""}, {"county_name", "合计"}, {"workers", 0}, {"employed", 0},
                  {"unemployed", 0}, {"insured", 0}, {"returned", 0}, {"followups", 0}};
    for (const auto& r : *rows) {
      out.push_back({{"county_code", r.county_code}, {"county_name", RegionName(r.county_code)},
                     {"workers", r.workers}, {"employed", r.employed}, {"unemployed", r.unemployed},
                     {"insured", r.insured}, {"returned", r.returned},
                     {"followups", made_by_county[r.county_code]}});
      for (const char* k : {"workers", "employed", "unemployed", "insured", "returned", "followups"}) {
        total[k] = total[k].get<int64_t>() + out.back()[k].get<int64_t>();
      }
    }
    return JsonOk({{"region", region}, {"region_name", RegionName(region)}, {"month", month}, {"rows", out},
                   {"total", total}});
  }
  return NotFound();
}

}  // namespace qjy::server
