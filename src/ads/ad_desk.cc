#include "ads/ad_desk.h"

#include <algorithm>
#include <ctime>

#include <fmt/format.h>

#include "ads/ad_json.h"
#include "ads/ads_schema.h"
#include "store/migrations.h"
#include "store/registry_store.h"
#include "store/row_codec.h"

namespace qjy::ads {
namespace {

std::string Categories(const std::vector<Finding>& findings) {
  std::string out;
  for (const auto& f : findings) {
    if (("," + out + ",").find("," + f.category + ",") != std::string::npos) continue;
    if (!out.empty()) out += ",";
    out += f.category;
  }
  return out;
}

// A JSON column read and written through `to_json` / `from_json`.
template <class F, class ToJson, class FromJson>
store::Encoding<F> Json(ToJson to_json, FromJson from_json) {
  return store::Encoding<F>{[to_json](const F& v) { return store::Value(to_json(v).dump()); },
                            [from_json](const store::Row& r, size_t i, std::string_view column) -> Result<F> {
                              try {
                                return from_json(nlohmann::json::parse(r.Text(i)));
                              } catch (const nlohmann::json::exception& e) {
                                return std::unexpected(store::ColumnError(column, e.what()));
                              }
                            }};
}

const store::RowCodec<AdRecord>& Codec() {
  static const store::RowCodec<AdRecord> kCodec =
      store::RowCodec<AdRecord>()
          .Field("ad_id", [](auto& a) -> auto& { return a.ad_id; })
          .Field("county_code", [](auto& a) -> auto& { return a.county_code; })
          .Field("employer_credit_code", [](auto& a) -> auto& { return a.employer_credit_code; })
          .Field("status", [](auto& a) -> auto& { return a.status; })
          .Field("ad_json", [](auto& a) -> auto& { return a.ad; },
                 Json<JobAd>(AdToJson, [](const nlohmann::json& j) { return AdFromJson(j, Date()); }))
          .Field("findings_json", [](auto& a) -> auto& { return a.findings; },
                 Json<std::vector<Finding>>(FindingsToJson, [](const nlohmann::json& j) -> Result<std::vector<Finding>> {
                   return FindingsFromJson(j);
                 }))
          .Field("warning", [](auto& a) -> auto& { return a.warning; })
          .Field("job_id", [](auto& a) -> auto& { return a.job_id; }, store::ZeroAsNull())
          .Field("posted_by", [](auto& a) -> auto& { return a.posted_by; })
          .Field("posted_at", [](auto& a) -> auto& { return a.posted_at; })
          .Field("reviewed_by", [](auto& a) -> auto& { return a.reviewed_by; })
          .Field("reviewed_at", [](auto& a) -> auto& { return a.reviewed_at; })
          .Field("review_note", [](auto& a) -> auto& { return a.review_note; });
  return kCodec;
}

// The columns a posting writes (besides the title and categories, which
// come from the ad and its findings).
const store::RowCodec<AdRecord>& Posted() {
  static const store::RowCodec<AdRecord> kCodec = Codec().Except({"ad_id", "reviewed_by", "reviewed_at", "review_note"});
  return kCodec;
}

// The values of the title and categories columns.
std::vector<store::Value> Derived(const AdRecord& rec) { return {rec.ad.job.title, Categories(rec.findings)}; }

Result<AdRecord> FromRow(const store::Row& r) {
  auto a = Codec().Read(r);
  if (!a) return Fail(ErrorCode::kStore, fmt::format("招聘信息 {} 的存储内容损坏：{}", r.Int(0), a.error().message));
  return a;
}

// The records of `rows`, or the first that does not read.
Result<std::vector<AdRecord>> FromRows(const Result<std::vector<store::Row>>& rows) {
  if (!rows) return std::unexpected(rows.error());
  std::vector<AdRecord> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) {
    auto rec = FromRow(r);
    if (!rec) return std::unexpected(rec.error());
    out.push_back(std::move(*rec));
  }
  return out;
}

// The first record of `rows`, nullopt when there is none.
Result<std::optional<AdRecord>> FirstFromRows(const Result<std::vector<store::Row>>& rows) {
  auto all = FromRows(rows);
  if (!all) return std::unexpected(all.error());
  if (all->empty()) return std::optional<AdRecord>();
  return std::optional<AdRecord>(std::move(all->front()));
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
  rec.findings = screener_.Screen(ad, wages_.get());
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
  auto id = Posted().InsertReturning(db_, "job_ads", "ad_id", rec, "title, categories", "?, ?", Derived(rec));
  if (!id) return std::unexpected(id.error());
  rec.ad_id = *id;
  if (auto c = tx->Commit(); !c) return std::unexpected(c.error());
  return rec;
}

Result<std::optional<AdRecord>> AdDesk::HoldIfFlagged(const JobAd& ad, std::string_view actor) {
  if (screener_.Screen(ad, wages_.get()).empty()) return std::optional<AdRecord>();
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
  rec.findings = screener_.Screen(rec.ad, wages_.get());
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
  // The employer stays; the review is cleared.
  static const store::RowCodec<AdRecord> kResubmitted = Posted().Except({"employer_credit_code"});
  std::vector<store::Value> params = kResubmitted.Values(rec);
  for (auto& v : Derived(rec)) params.push_back(std::move(v));
  params.emplace_back(ad_id);
  auto changed = db_.Exec(fmt::format("UPDATE job_ads SET {}, title = ?, categories = ?, reviewed_by = NULL, "
                                      "reviewed_at = NULL, review_note = '' WHERE ad_id = ? AND status IN "
                                      "('pending', 'rejected')",
                                      kResubmitted.Assignments()),
                          params);
  if (!changed) return std::unexpected(changed.error());
  if (*changed == 0) return Fail(ErrorCode::kConflict, "该招聘信息刚被审核，请刷新后再试");
  if (auto c = tx->Commit(); !c) return std::unexpected(c.error());
  return rec;
}

Result<std::optional<AdRecord>> LatestAdOfJob(store::Db& db, int64_t job_id) {
  const store::Value params[] = {job_id};
  return FirstFromRows(db.Query(
      fmt::format("SELECT {} FROM job_ads WHERE job_id = ? ORDER BY ad_id DESC LIMIT 1", Codec().Columns()), params));
}

Result<std::optional<AdRecord>> AdDesk::Get(int64_t ad_id) {
  std::vector<store::Value> params = {ad_id};
  return FirstFromRows(db_.Query(fmt::format("SELECT {} FROM job_ads WHERE ad_id = ?", Codec().Columns()), params));
}

Result<std::vector<AdRecord>> AdDesk::List(const AdFilter& f) {
  std::string sql = fmt::format("SELECT {} FROM job_ads WHERE ad_id > ?", Codec().Columns());
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
  return FromRows(db_.Query(sql, params));
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
