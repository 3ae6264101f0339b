#include "ads/ad_desk.h"

#include <algorithm>
#include <ctime>

#include <fmt/format.h>

#include "ads/ad_json.h"
#include "ads/ads_schema.h"
#include "store/migrations.h"
#include "store/registry_store.h"

namespace qjy::ads {
namespace {

constexpr char kColumns[] =
    "ad_id, county_code, employer_credit_code, status, ad_json, findings_json, warning, "
    "job_id, posted_by, posted_at, reviewed_by, reviewed_at, review_note";

std::string Categories(const std::vector<Finding>& findings) {
  std::string out;
  for (const auto& f : findings) {
    if (("," + out + ",").find("," + f.category + ",") != std::string::npos) continue;
    if (!out.empty()) out += ",";
    out += f.category;
  }
  return out;
}

Result<AdRecord> FromRow(const store::Row& r) {
  AdRecord a;
  a.ad_id = r.Int(0);
  a.county_code = r.Text(1);
  a.employer_credit_code = r.Text(2);
  a.status = r.Text(3);
  try {
    auto ad = AdFromJson(nlohmann::json::parse(r.Text(4)), Date());
    if (!ad) return std::unexpected(ad.error());
    a.ad = std::move(*ad);
    a.findings = FindingsFromJson(nlohmann::json::parse(r.Text(5)));
  } catch (const nlohmann::json::exception& e) {
    return Fail(ErrorCode::kStore, fmt::format("招聘信息 {} 的存储内容损坏：{}", a.ad_id, e.what()));
  }
  a.warning = r.Text(6);
  a.job_id = r.Int(7);
  a.posted_by = r.Text(8);
  a.posted_at = r.Text(9);
  a.reviewed_by = r.Text(10);
  a.reviewed_at = r.Text(11);
  a.review_note = r.Text(12);
  return a;
}

}  // namespace

Result<void> AdDesk::Migrate(store::Db& db) { return store::ApplyMigrations(db, AdsMigrations()); }

std::string AdDesk::Now() const { return IsoUtc(clock_.Now()); }

Result<int64_t> AdDesk::PublishJob(const JobAd& ad, std::string_view actor) {
  store::RegistryStore registry(db_, vault_, clock_);
  registry::Job job = ad.job;
  auto r = registry.UpsertJob(job, actor);
  if (!r) return std::unexpected(r.error());
  return job.job_id;
}

Result<AdRecord> AdDesk::Post(const JobAd& ad, std::string_view actor) {
  if (ad.job.county_code.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "招聘信息缺少所属县");
  }
  AdRecord rec;
  rec.ad = ad;
  rec.county_code = ad.job.county_code;
  rec.employer_credit_code = ad.job.employer_credit_code;
  rec.findings = screener_.Screen(ad);
  rec.warning = screener_.Warning(rec.findings);
  rec.status = rec.findings.empty() ? "published" : "pending";
  rec.posted_by = std::string(actor);
  rec.posted_at = Now();
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  if (rec.findings.empty()) {
    auto id = PublishJob(ad, actor);
    if (!id) return std::unexpected(id.error());
    rec.job_id = *id;
  }
  std::vector<store::Value> params = {rec.county_code,
                                      rec.employer_credit_code,
                                      ad.job.title,
                                      AdToJson(ad).dump(),
                                      FindingsToJson(rec.findings).dump(),
                                      Categories(rec.findings),
                                      rec.warning,
                                      rec.status,
                                      rec.job_id ? store::Value(rec.job_id) : store::Value(),
                                      rec.posted_by,
                                      rec.posted_at};
  auto rows = db_.Query(
      "INSERT INTO job_ads (county_code, employer_credit_code, title, ad_json, findings_json, "
      "categories, warning, status, job_id, posted_by, posted_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING ad_id",
      params);
  if (!rows) return std::unexpected(rows.error());
  rec.ad_id = rows->at(0).Int(0);
  if (auto c = tx->Commit(); !c) return std::unexpected(c.error());
  return rec;
}

Result<std::optional<AdRecord>> AdDesk::HoldIfFlagged(const JobAd& ad, std::string_view actor) {
  if (screener_.Screen(ad).empty()) return std::optional<AdRecord>();
  std::vector<store::Value> params = {ad.job.employer_credit_code, AdToJson(ad).dump()};
  auto rows = db_.Query(
      "SELECT ad_id, status FROM job_ads WHERE employer_credit_code = ? "
      "AND status IN ('pending', 'approved') AND ad_json = ? ORDER BY ad_id DESC LIMIT 1",
      params);
  if (!rows) return std::unexpected(rows.error());
  if (!rows->empty()) {
    // An officer approved this very text: it is stored as a clean job.
    if (rows->front().Text(1) == "approved") return std::optional<AdRecord>();
    return Get(rows->front().Int(0));
  }
  auto rec = Post(ad, actor);
  if (!rec) return std::unexpected(rec.error());
  return std::optional<AdRecord>(std::move(*rec));
}

Result<AdRecord> AdDesk::Review(int64_t ad_id, bool approve, std::string_view officer,
                                std::string_view note) {
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  const std::string now = Now();
  std::vector<store::Value> params = {std::string(approve ? "approved" : "rejected"),
                                      std::string(officer), now, std::string(note), ad_id};
  auto changed = db_.Exec(
      "UPDATE job_ads SET status = ?, reviewed_by = ?, reviewed_at = ?, review_note = ? "
      "WHERE ad_id = ? AND status = 'pending'",
      params);
  if (!changed) return std::unexpected(changed.error());
  if (*changed == 0) {
    auto existing = Get(ad_id);
    if (!existing) return std::unexpected(existing.error());
    if (!*existing) return Fail(ErrorCode::kNotFound, "没有该招聘信息");
    return Fail(ErrorCode::kConflict, "该招聘信息不在待审核状态（可能已被其他经办人审核）");
  }
  auto rec = Get(ad_id);
  if (!rec) return std::unexpected(rec.error());
  if (!*rec) return Fail(ErrorCode::kNotFound, "没有该招聘信息");
  AdRecord out = std::move(**rec);
  if (approve) {
    auto id = PublishJob(out.ad, officer);
    if (!id) return std::unexpected(id.error());
    out.job_id = *id;
    std::vector<store::Value> p2 = {*id, ad_id};
    if (auto u = db_.Exec("UPDATE job_ads SET job_id = ? WHERE ad_id = ?", p2); !u) {
      return std::unexpected(u.error());
    }
  }
  if (auto c = tx->Commit(); !c) return std::unexpected(c.error());
  return out;
}

Result<AdRecord> AdDesk::Resubmit(int64_t ad_id, std::string_view employer_credit_code, const JobAd& ad,
                                  std::string_view actor, AdRecord* previous) {
  if (ad.job.county_code.empty()) return Fail(ErrorCode::kInvalidArgument, "招聘信息缺少所属县");
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  auto old = Get(ad_id);
  if (!old) return std::unexpected(old.error());
  if (!*old || (*old)->employer_credit_code != employer_credit_code) {
    return Fail(ErrorCode::kNotFound, "没有该招聘信息");
  }
  if ((*old)->status != "pending" && (*old)->status != "rejected") {
    return Fail(ErrorCode::kConflict, "该招聘信息已发布或已审核通过，不能再修改重新提交；如需变更请发布新的招聘信息");
  }
  if (previous) *previous = **old;
  AdRecord rec = std::move(**old);
  rec.ad = ad;
  rec.ad.job.employer_credit_code = rec.employer_credit_code;  // never moves to another employer
  rec.county_code = ad.job.county_code;
  rec.findings = screener_.Screen(rec.ad);
  rec.warning = screener_.Warning(rec.findings);
  rec.status = rec.findings.empty() ? "published" : "pending";
  rec.posted_by = std::string(actor);
  rec.posted_at = Now();
  rec.reviewed_by.clear();
  rec.reviewed_at.clear();
  rec.review_note.clear();
  rec.job_id = 0;
  if (rec.findings.empty()) {
    auto id = PublishJob(rec.ad, actor);
    if (!id) return std::unexpected(id.error());
    rec.job_id = *id;
  }
  std::vector<store::Value> params = {rec.county_code,
                                      rec.ad.job.title,
                                      AdToJson(rec.ad).dump(),
                                      FindingsToJson(rec.findings).dump(),
                                      Categories(rec.findings),
                                      rec.warning,
                                      rec.status,
                                      rec.job_id ? store::Value(rec.job_id) : store::Value(),
                                      rec.posted_by,
                                      rec.posted_at,
                                      ad_id};
  auto changed = db_.Exec(
      "UPDATE job_ads SET county_code = ?, title = ?, ad_json = ?, findings_json = ?, categories = ?, "
      "warning = ?, status = ?, job_id = ?, posted_by = ?, posted_at = ?, reviewed_by = NULL, "
      "reviewed_at = NULL, review_note = '' WHERE ad_id = ? AND status IN ('pending', 'rejected')",
      params);
  if (!changed) return std::unexpected(changed.error());
  if (*changed == 0) return Fail(ErrorCode::kConflict, "该招聘信息刚被审核，请刷新后再试");
  if (auto c = tx->Commit(); !c) return std::unexpected(c.error());
  return rec;
}

Result<std::optional<AdRecord>> LatestAdOfJob(store::Db& db, int64_t job_id) {
  const store::Value params[] = {job_id};
  auto rows = db.Query(fmt::format("SELECT {} FROM job_ads WHERE job_id = ? ORDER BY ad_id DESC LIMIT 1", kColumns),
                       params);
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<AdRecord>();
  auto rec = FromRow(rows->front());
  if (!rec) return std::unexpected(rec.error());
  return std::optional<AdRecord>(std::move(*rec));
}

Result<std::optional<AdRecord>> AdDesk::Get(int64_t ad_id) {
  std::vector<store::Value> params = {ad_id};
  auto rows = db_.Query(fmt::format("SELECT {} FROM job_ads WHERE ad_id = ?", kColumns), params);
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<AdRecord>();
  auto rec = FromRow(rows->front());
  if (!rec) return std::unexpected(rec.error());
  return std::optional<AdRecord>(std::move(*rec));
}

Result<std::vector<AdRecord>> AdDesk::List(const AdFilter& f) {
  std::string sql = fmt::format("SELECT {} FROM job_ads WHERE ad_id > ?", kColumns);
  std::vector<store::Value> params = {f.after_ad_id};
  if (!f.region_prefix.empty()) {
    sql += " AND substr(county_code, 1, ?) = ?";
    params.emplace_back(static_cast<int64_t>(f.region_prefix.size()));
    params.emplace_back(f.region_prefix);
  }
  if (!f.status.empty()) {
    sql += " AND status = ?";
    params.emplace_back(f.status);
  }
  if (!f.employer.empty()) {
    sql += " AND employer_credit_code = ?";
    params.emplace_back(f.employer);
  }
  sql += " ORDER BY ad_id LIMIT ?";
  params.emplace_back(static_cast<int64_t>(f.limit));
  auto rows = db_.Query(sql, params);
  if (!rows) return std::unexpected(rows.error());
  std::vector<AdRecord> out;
  for (const auto& r : *rows) {
    auto rec = FromRow(r);
    if (!rec) return std::unexpected(rec.error());
    out.push_back(std::move(*rec));
  }
  return out;
}

Result<std::vector<InspectionCase>> AdDesk::InspectionList(std::string_view region_prefix,
                                                          int min_held) {
  std::vector<store::Value> params = {static_cast<int64_t>(region_prefix.size()),
                                      std::string(region_prefix), static_cast<int64_t>(min_held)};
  auto rows = db_.Query(
      "SELECT employer_credit_code, COUNT(*), "
      "SUM(CASE WHEN status = 'pending' THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN status = 'rejected' THEN 1 ELSE 0 END) "
      "FROM job_ads WHERE substr(county_code, 1, ?) = ? AND status IN ('pending', 'rejected') "
      "GROUP BY employer_credit_code HAVING COUNT(*) >= ? "
      "ORDER BY COUNT(*) DESC, employer_credit_code",
      params);
  if (!rows) return std::unexpected(rows.error());
  std::vector<InspectionCase> out;
  for (const auto& r : *rows) {
    InspectionCase c;
    c.employer_credit_code = r.Text(0);
    c.held = r.Int(1);
    c.pending = r.Int(2);
    c.rejected = r.Int(3);
    AdFilter f;
    f.region_prefix = std::string(region_prefix);
    f.employer = c.employer_credit_code;
    f.limit = 200;
    auto ads = List(f);
    if (!ads) return std::unexpected(ads.error());
    for (auto& a : *ads) {
      if (a.status != "pending" && a.status != "rejected") continue;
      for (const auto& x : a.findings) {
        if (std::find(c.categories.begin(), c.categories.end(), x.label) == c.categories.end()) {
          c.categories.push_back(x.label);
        }
      }
      if (c.ads.size() < 50) c.ads.push_back(std::move(a));
    }
    out.push_back(std::move(c));
  }
  return out;
}

Result<std::vector<std::pair<std::string, int64_t>>> AdDesk::CountByStatus(
    std::string_view region_prefix) {
  std::vector<store::Value> params = {static_cast<int64_t>(region_prefix.size()),
                                      std::string(region_prefix)};
  auto rows = db_.Query(
      "SELECT status, COUNT(*) FROM job_ads WHERE substr(county_code, 1, ?) = ? "
      "GROUP BY status ORDER BY status",
      params);
  if (!rows) return std::unexpected(rows.error());
  std::vector<std::pair<std::string, int64_t>> out;
  for (const auto& r : *rows) out.emplace_back(r.Text(0), r.Int(1));
  return out;
}

}  // namespace qjy::ads
