#include "gig/gig_holds.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "store/sql_where.h"

namespace qjy::gig {
namespace {

using store::Value;

constexpr char kColumns[] =
    "hold_id, post_json, findings_json, warning, status, post_id, posted_by, posted_at, "
    "reviewed_by, reviewed_at, review_note";

std::string PostToJson(const GigPost& p) {
  return nlohmann::json{{"county_code", p.county_code},
                        {"market_site_id", p.market_site_id},
                        {"employer_credit_code", p.employer_credit_code},
                        {"title", p.title},
                        {"work_date", p.work_date.ToString()},
                        {"start_min", p.start_min},
                        {"end_min", p.end_min},
                        {"place_region", p.place_region},
                        {"pay_unit", std::string(PayUnitCode(p.pay_unit))},
                        {"pay_fen", p.pay_fen},
                        {"headcount", p.headcount}}
      .dump();
}

Result<GigPost> PostFromJson(const std::string& text) {
  try {
    auto j = nlohmann::json::parse(text);
    GigPost p;
    p.county_code = j.at("county_code").get<std::string>();
    p.market_site_id = j.at("market_site_id").get<int64_t>();
    p.employer_credit_code = j.at("employer_credit_code").get<std::string>();
    p.title = j.at("title").get<std::string>();
    auto d = Date::Parse(j.at("work_date").get<std::string>());
    if (!d) return std::unexpected(d.error());
    p.work_date = *d;
    p.start_min = j.at("start_min").get<int>();
    p.end_min = j.at("end_min").get<int>();
    p.place_region = j.at("place_region").get<std::string>();
    p.pay_unit = ParsePayUnit(j.at("pay_unit").get<std::string>()).value_or(PayUnit::kDay);
    p.pay_fen = j.at("pay_fen").get<int64_t>();
    p.headcount = j.at("headcount").get<int>();
    p.status = "held";
    return p;
  } catch (const nlohmann::json::exception& e) {
    return Fail(ErrorCode::kStore, fmt::format("待审核零工岗位的存储内容损坏：{}", e.what()));
  }
}

Result<GigHold> FromRow(const store::Row& r) {
  GigHold h;
  h.hold_id = r.Int(0);
  auto p = PostFromJson(r.Text(1));
  if (!p) return std::unexpected(p.error());
  h.post = std::move(*p);
  h.findings_json = r.Text(2);
  h.warning = r.Text(3);
  h.status = r.Text(4);
  h.post.post_id = r.Int(5);
  if (h.post.post_id) h.post.status = "open";
  h.posted_by = r.Text(6);
  h.posted_at = r.Text(7);
  h.reviewed_by = r.Text(8);
  h.reviewed_at = r.Text(9);
  h.review_note = r.Text(10);
  return h;
}

}  // namespace

Result<GigHold> GigHolds::Hold(const GigPost& p, std::string_view findings_json,
                               std::string_view warning, std::string_view actor,
                               std::string_view now) {
  std::vector<Value> key = {p.employer_credit_code};
  auto emp = db_.Query("SELECT 1 FROM employers WHERE credit_code = ?", key);
  if (!emp) return std::unexpected(emp.error());
  if (emp->empty()) return Fail(ErrorCode::kNotFound, "用工单位不在登记库中，请先登记单位信息");
  std::vector<Value> params = {p.county_code,       p.employer_credit_code, p.title,
                               PostToJson(p),       std::string(findings_json),
                               std::string(warning), std::string(actor),  std::string(now)};
  auto rows = db_.Query(
      "INSERT INTO gig_post_holds (county_code, employer_credit_code, title, post_json, "
      "findings_json, warning, status, posted_by, posted_at) "
      "VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?) RETURNING hold_id",
      params);
  if (!rows) return std::unexpected(rows.error());
  auto h = Get(rows->at(0).Int(0));
  if (!h) return std::unexpected(h.error());
  return std::move(**h);
}

Result<GigHold> GigHolds::Review(int64_t hold_id, bool approve, std::string_view officer,
                                 std::string_view note, std::string_view now) {
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  std::vector<Value> params = {std::string(approve ? "approved" : "rejected"), std::string(officer),
                               std::string(now), std::string(note), hold_id};
  auto changed = db_.Exec(
      "UPDATE gig_post_holds SET status = ?, reviewed_by = ?, reviewed_at = ?, review_note = ? "
      "WHERE hold_id = ? AND status = 'pending'",
      params);
  if (!changed) return std::unexpected(changed.error());
  auto rec = Get(hold_id);
  if (!rec) return std::unexpected(rec.error());
  if (!*rec) return Fail(ErrorCode::kNotFound, "没有该待审核零工岗位");
  if (*changed == 0) {
    return Fail(ErrorCode::kConflict, "该零工岗位不在待审核状态（可能已被其他经办人审核）");
  }
  GigHold out = std::move(**rec);
  if (approve) {
    GigPost p = out.post;
    auto stored = board_.Post(p, officer);
    if (!stored) return std::unexpected(stored.error());
    out.post = *stored;
    std::vector<Value> p2 = {stored->post_id, hold_id};
    if (auto u = db_.Exec("UPDATE gig_post_holds SET post_id = ? WHERE hold_id = ?", p2); !u) {
      return std::unexpected(u.error());
    }
  }
  if (auto c = tx->Commit(); !c) return std::unexpected(c.error());
  return out;
}

Result<std::optional<GigHold>> GigHolds::Get(int64_t hold_id) {
  std::vector<Value> params = {hold_id};
  auto rows =
      db_.Query(fmt::format("SELECT {} FROM gig_post_holds WHERE hold_id = ?", kColumns), params);
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<GigHold>();
  auto h = FromRow(rows->front());
  if (!h) return std::unexpected(h.error());
  return std::optional<GigHold>(std::move(*h));
}

Result<std::vector<GigHold>> GigHolds::List(const GigHoldFilter& f) {
  store::Where w("hold_id > ?", {f.after_hold_id});
  w.SubstrPrefix("county_code", f.region_prefix).Eq("status", f.status).Eq("employer_credit_code", f.employer);
  auto rows = db_.Query(fmt::format("SELECT {} FROM gig_post_holds WHERE {} ORDER BY hold_id LIMIT ?", kColumns, w.Sql()),
                        w.Then(int64_t{f.limit}));
  if (!rows) return std::unexpected(rows.error());
  std::vector<GigHold> out;
  for (const auto& r : *rows) {
    auto h = FromRow(r);
    if (!h) return std::unexpected(h.error());
    out.push_back(std::move(*h));
  }
  return out;
}

}  // namespace qjy::gig
