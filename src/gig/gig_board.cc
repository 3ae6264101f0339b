#include "gig/gig_board.h"

#include <algorithm>
#include <ctime>

#include <fmt/format.h>

#include "core/utf8.h"
#include "gig/gig_schema.h"
#include "store/migrations.h"
#include "store/registry_store.h"

namespace qjy::gig {
namespace {

using store::Value;

constexpr char kPostColumns[] =
    "post_id, county_code, market_site_id, employer_credit_code, title, work_date, start_min, "
    "end_min, place_region, pay_unit, pay_fen, headcount, booked, status";
constexpr char kAvailColumns[] =
    "availability_id, county_code, person_id, work_date, start_min, end_min, area_region, "
    "min_day_pay_fen, skills";
constexpr char kBookingColumns[] =
    "booking_id, county_code, post_id, person_id, work_date, start_min, end_min, status, contract_id";

Date DateOf(const store::Row& r, size_t i) { return Date::Parse(r.Text(i)).value_or(Date()); }

GigPost PostFromRow(const store::Row& r) {
  GigPost p;
  p.post_id = r.Int(0);
  p.county_code = r.Text(1);
  p.market_site_id = r.Int(2);
  p.employer_credit_code = r.Text(3);
  p.title = r.Text(4);
  p.work_date = DateOf(r, 5);
  p.start_min = static_cast<int>(r.Int(6));
  p.end_min = static_cast<int>(r.Int(7));
  p.place_region = r.Text(8);
  p.pay_unit = ParsePayUnit(r.Text(9)).value_or(PayUnit::kDay);
  p.pay_fen = r.Int(10);
  p.headcount = static_cast<int>(r.Int(11));
  p.booked = static_cast<int>(r.Int(12));
  p.status = r.Text(13);
  return p;
}

Availability AvailFromRow(const store::Row& r) {
  Availability a;
  a.availability_id = r.Int(0);
  a.county_code = r.Text(1);
  a.person_id = r.Int(2);
  a.work_date = DateOf(r, 3);
  a.start_min = static_cast<int>(r.Int(4));
  a.end_min = static_cast<int>(r.Int(5));
  a.area_region = r.Text(6);
  a.min_day_pay_fen = r.Int(7);
  a.skills = r.Text(8);
  return a;
}

Booking BookingFromRow(const store::Row& r) {
  Booking b;
  b.booking_id = r.Int(0);
  b.county_code = r.Text(1);
  b.post_id = r.Int(2);
  b.person_id = r.Int(3);
  b.work_date = DateOf(r, 4);
  b.start_min = static_cast<int>(r.Int(5));
  b.end_min = static_cast<int>(r.Int(6));
  b.status = r.Text(7);
  b.contract_id = r.Int(8);
  return b;
}

void CheckHours(int start, int end, registry::FieldErrors& out) {
  if (start < 0 || end > 1440 || start >= end) {
    out.push_back({"工作时间", FormatMinutes(std::max(start, 0)) + "-" + FormatMinutes(std::clamp(end, 0, 1440)),
                   "开始时间须早于结束时间，且在 00:00 至 24:00 之间"});
  }
}

// Appends " AND ..." conditions of a filter on table alias-free columns.
void Where(const GigFilter& f, std::string& sql, std::vector<Value>& params) {
  if (!f.region_prefix.empty()) {
    sql += " AND substr(county_code, 1, ?) = ?";
    params.emplace_back(static_cast<int64_t>(f.region_prefix.size()));
    params.emplace_back(f.region_prefix);
  }
  if (f.date) {
    sql += " AND work_date = ?";
    params.emplace_back(f.date->ToString());
  }
}

// Runs `sql` (conditions appended already) ordered and limited by the
// filter, one T a row.
template <class T>
Result<std::vector<T>> Rows(store::Db& db, std::string sql, std::vector<Value> params, const GigFilter& f,
                            std::string_view order_by, T (*from_row)(const store::Row&)) {
  sql += fmt::format(" ORDER BY {} LIMIT ? OFFSET ?", order_by);
  params.emplace_back(static_cast<int64_t>(f.limit));
  params.emplace_back(static_cast<int64_t>(std::max(0, f.offset)));
  auto rows = db.Query(sql, params);
  if (!rows) return std::unexpected(rows.error());
  std::vector<T> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(from_row(r));
  return out;
}

// Appends " AND column = ?" when the id is set.
void WhereId(std::string_view column, int64_t id, std::string& sql, std::vector<Value>& params) {
  if (!id) return;
  sql += fmt::format(" AND {} = ?", column);
  params.emplace_back(id);
}

// Reads a booking inside the caller's transaction; kNotFound when unknown.
Result<Booking> ReadBooking(store::Db& db, int64_t booking_id) {
  std::vector<Value> key = {booking_id};
  auto rows = db.Query(fmt::format("SELECT {} FROM gig_bookings WHERE booking_id = ?", kBookingColumns), key);
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return Fail(ErrorCode::kNotFound, "没有该预约");
  return BookingFromRow(rows->front());
}

}  // namespace

Result<void> GigBoard::Migrate(store::Db& db) { return store::ApplyMigrations(db, GigMigrations()); }

std::string GigBoard::Now() const { return IsoUtc(clock_.Now()); }

bool GigBoard::ValidatePost(const GigPost& p, const RegionIndex& regions, Date today,
                            registry::FieldErrors& out) {
  const size_t before = out.size();
  if (p.title.empty() || p.title.size() > 180) {
    out.push_back({"零工名称", std::string(Utf8First(p.title, 20)), "零工名称不能为空，且不超过 60 个字"});
  }
  if (p.work_date < today) out.push_back({"用工日期", p.work_date.ToString(), "用工日期不能早于今天"});
  CheckHours(p.start_min, p.end_min, out);
  if (p.pay_fen <= 0) out.push_back({"报酬(分)", std::to_string(p.pay_fen), "报酬须大于 0"});
  if (p.headcount < 1 || p.headcount > 1000) {
    out.push_back({"用工人数", std::to_string(p.headcount), "用工人数应在 1 到 1000 之间"});
  }
  registry::CheckRegion("工作地点", p.place_region, regions, out);
  if (p.employer_credit_code.empty()) out.push_back({"统一社会信用代码", "", "缺少用工单位"});
  return out.size() == before;
}

bool GigBoard::ValidateAvailability(const Availability& a, const RegionIndex& regions, Date today,
                                    registry::FieldErrors& out) {
  const size_t before = out.size();
  if (a.work_date < today) out.push_back({"可工作日期", a.work_date.ToString(), "日期不能早于今天"});
  CheckHours(a.start_min, a.end_min, out);
  if (a.min_day_pay_fen < 0) {
    out.push_back({"期望日薪(分)", std::to_string(a.min_day_pay_fen), "不能为负数"});
  }
  if (regions.Find(a.area_region) == nullptr) {
    out.push_back({"意向区域", a.area_region, "区划代码不存在"});
  }
  if (a.skills.size() > 300) out.push_back({"技能", std::string(Utf8First(a.skills, 30)), "技能描述过长（上限 300 字节）"});
  return out.size() == before;
}

Result<std::vector<Market>> GigBoard::Markets(std::string_view region_prefix) {
  std::vector<Value> params = {static_cast<int64_t>(region_prefix.size()), std::string(region_prefix)};
  auto rows = db_.Query(
      "SELECT site_id, county_code, name, region, tier, online, opened_on FROM service_sites "
      "WHERE kind = 'gig_market' AND substr(county_code, 1, ?) = ? ORDER BY county_code, site_id",
      params);
  if (!rows) return std::unexpected(rows.error());
  std::vector<Market> out;
  for (const auto& r : *rows) {
    Market m{r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Int(5) != 0, std::nullopt};
    if (!r.IsNull(6)) {
      if (auto d = Date::Parse(r.Text(6))) m.opened_on = *d;
    }
    out.push_back(std::move(m));
  }
  return out;
}

Result<GigPost> GigBoard::Post(GigPost p, std::string_view actor) {
  std::vector<Value> key = {p.employer_credit_code};
  auto emp = db_.Query("SELECT 1 FROM employers WHERE credit_code = ?", key);
  if (!emp) return std::unexpected(emp.error());
  if (emp->empty()) return Fail(ErrorCode::kNotFound, "用工单位不在登记库中，请先登记单位信息");
  std::vector<Value> params = {p.county_code,
                               p.market_site_id ? Value(p.market_site_id) : Value(),
                               p.employer_credit_code,
                               p.title,
                               p.work_date.ToString(),
                               static_cast<int64_t>(p.start_min),
                               static_cast<int64_t>(p.end_min),
                               p.place_region,
                               std::string(PayUnitCode(p.pay_unit)),
                               p.pay_fen,
                               static_cast<int64_t>(p.headcount),
                               std::string(actor),
                               Now()};
  auto rows = db_.Query(
      "INSERT INTO gig_posts (county_code, market_site_id, employer_credit_code, title, work_date, "
      "start_min, end_min, place_region, pay_unit, pay_fen, headcount, booked, status, posted_by, "
      "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 'open', ?, ?) RETURNING post_id",
      params);
  if (!rows) return std::unexpected(rows.error());
  p.post_id = rows->at(0).Int(0);
  p.booked = 0;
  p.status = "open";
  return p;
}

Result<Availability> GigBoard::AddAvailability(Availability a) {
  std::vector<Value> key = {a.person_id};
  auto person = db_.Query("SELECT county_code FROM persons WHERE person_id = ?", key);
  if (!person) return std::unexpected(person.error());
  if (person->empty()) return Fail(ErrorCode::kNotFound, "没有该人员");
  a.county_code = person->at(0).Text(0);
  std::vector<Value> params = {a.county_code,  a.person_id, a.work_date.ToString(),
                               static_cast<int64_t>(a.start_min), static_cast<int64_t>(a.end_min),
                               a.area_region,  a.min_day_pay_fen, a.skills, Now()};
  auto rows = db_.Query(
      "INSERT INTO gig_availability (county_code, person_id, work_date, start_min, end_min, "
      "area_region, min_day_pay_fen, skills, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "RETURNING availability_id",
      params);
  if (!rows) return std::unexpected(rows.error());
  a.availability_id = rows->at(0).Int(0);
  return a;
}

Result<std::optional<GigPost>> GigBoard::GetPost(int64_t post_id) {
  std::vector<Value> params = {post_id};
  auto rows = db_.Query(fmt::format("SELECT {} FROM gig_posts WHERE post_id = ?", kPostColumns), params);
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<GigPost>();
  return std::optional<GigPost>(PostFromRow(rows->front()));
}

Result<std::optional<Booking>> GigBoard::GetBooking(int64_t booking_id) {
  auto b = ReadBooking(db_, booking_id);
  if (!b) {
    if (b.error().code == ErrorCode::kNotFound) return std::optional<Booking>();
    return std::unexpected(b.error());
  }
  return std::optional<Booking>(std::move(*b));
}

Result<std::optional<Availability>> GigBoard::GetAvailability(int64_t id) {
  std::vector<Value> params = {id};
  auto rows = db_.Query(
      fmt::format("SELECT {} FROM gig_availability WHERE availability_id = ?", kAvailColumns), params);
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<Availability>();
  return std::optional<Availability>(AvailFromRow(rows->front()));
}

Result<std::vector<GigPost>> GigBoard::ListPosts(const GigFilter& f) {
  std::string sql = fmt::format("SELECT {} FROM gig_posts WHERE 1 = 1", kPostColumns);
  std::vector<Value> params;
  Where(f, sql, params);
  if (f.open_only) sql += " AND status = 'open' AND booked < headcount";
  if (f.near_county.empty()) return Rows(db_, std::move(sql), std::move(params), f, "work_date, post_id", PostFromRow);
  params.emplace_back(f.near_county);
  params.emplace_back(f.near_county.substr(0, std::min<size_t>(4, f.near_county.size())));
  return Rows(db_, std::move(sql), std::move(params), f,
              "CASE WHEN county_code = ? THEN 0 WHEN substr(county_code, 1, 4) = ? THEN 1 ELSE 2 END, work_date, post_id",
              PostFromRow);
}

Result<int64_t> GigBoard::CountPosts(const GigFilter& f) {
  std::string sql = "SELECT COUNT(*) FROM gig_posts WHERE 1 = 1";
  std::vector<Value> params;
  Where(f, sql, params);
  if (f.open_only) sql += " AND status = 'open' AND booked < headcount";
  auto rows = db_.Query(sql, params);
  if (!rows) return std::unexpected(rows.error());
  return rows->front().Int(0);
}

Result<std::vector<Availability>> GigBoard::ListAvailability(const GigFilter& f) {
  std::string sql = fmt::format("SELECT {} FROM gig_availability WHERE 1 = 1", kAvailColumns);
  std::vector<Value> params;
  Where(f, sql, params);
  WhereId("person_id", f.person_id, sql, params);
  return Rows(db_, std::move(sql), std::move(params), f, "work_date, availability_id", AvailFromRow);
}

Result<std::vector<Booking>> GigBoard::ListBookings(const GigFilter& f) {
  std::string sql = fmt::format("SELECT {} FROM gig_bookings WHERE 1 = 1", kBookingColumns);
  std::vector<Value> params;
  Where(f, sql, params);
  WhereId("person_id", f.person_id, sql, params);
  WhereId("post_id", f.post_id, sql, params);
  return Rows(db_, std::move(sql), std::move(params), f, "booking_id", BookingFromRow);
}

Result<std::vector<WorkerMatch>> GigBoard::WorkersFor(int64_t post_id, int limit) {
  auto post = GetPost(post_id);
  if (!post) return std::unexpected(post.error());
  if (!*post) return Fail(ErrorCode::kNotFound, "没有该零工岗位");
  std::vector<Value> params = {(*post)->work_date.ToString(), post_id};
  auto rows = db_.Query(
      fmt::format("SELECT {} FROM gig_availability a WHERE work_date = ? AND NOT EXISTS ("
                  "SELECT 1 FROM gig_bookings b WHERE b.post_id = ? AND b.person_id = a.person_id) "
                  "ORDER BY availability_id LIMIT 5000",
                  kAvailColumns),
      params);
  if (!rows) return std::unexpected(rows.error());
  std::vector<WorkerMatch> out;
  for (const auto& r : *rows) {
    Availability a = AvailFromRow(r);
    PointMatch m = MatchPoint(**post, a);
    if (m.feasible) out.push_back({std::move(a), std::move(m)});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& x, const auto& y) { return x.match.score > y.match.score; });
  if (static_cast<int>(out.size()) > limit) out.resize(limit);
  return out;
}

Result<std::vector<PostMatch>> GigBoard::PostsFor(int64_t availability_id, int limit) {
  auto a = GetAvailability(availability_id);
  if (!a) return std::unexpected(a.error());
  if (!*a) return Fail(ErrorCode::kNotFound, "没有该空闲时间登记");
  std::vector<Value> params = {(*a)->work_date.ToString(), (*a)->person_id};
  auto rows = db_.Query(
      fmt::format("SELECT {} FROM gig_posts p WHERE work_date = ? AND status = 'open' AND "
                  "booked < headcount AND NOT EXISTS (SELECT 1 FROM gig_bookings b WHERE "
                  "b.post_id = p.post_id AND b.person_id = ?) ORDER BY post_id LIMIT 5000",
                  kPostColumns),
      params);
  if (!rows) return std::unexpected(rows.error());
  std::vector<PostMatch> out;
  for (const auto& r : *rows) {
    GigPost p = PostFromRow(r);
    PointMatch m = MatchPoint(p, **a);
    if (m.feasible) out.push_back({std::move(p), std::move(m)});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& x, const auto& y) { return x.match.score > y.match.score; });
  if (static_cast<int>(out.size()) > limit) out.resize(limit);
  return out;
}

Result<Booking> GigBoard::Book(int64_t post_id, int64_t person_id, std::string_view actor) {
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  auto post = GetPost(post_id);
  if (!post) return std::unexpected(post.error());
  if (!*post) return Fail(ErrorCode::kNotFound, "没有该零工岗位");
  const GigPost& p = **post;
  std::vector<Value> pk = {person_id};
  auto person = db_.Query("SELECT county_code FROM persons WHERE person_id = ?", pk);
  if (!person) return std::unexpected(person.error());
  if (person->empty()) return Fail(ErrorCode::kNotFound, "没有该人员");
  const std::string county = person->at(0).Text(0);
  const std::string date = p.work_date.ToString();

  // 1. Lock the worker's day.
  std::vector<Value> day = {person_id, date, county};
  auto ins = db_.Exec(
      "INSERT INTO gig_worker_days (person_id, work_date, county_code, bookings) VALUES (?, ?, ?, 0) "
      "ON CONFLICT (person_id, work_date) DO NOTHING",
      day);
  if (!ins) return std::unexpected(ins.error());
  std::vector<Value> lock = {person_id, date};
  auto locked = db_.Exec(
      "UPDATE gig_worker_days SET bookings = bookings + 1 WHERE person_id = ? AND work_date = ?", lock);
  if (!locked) return std::unexpected(locked.error());

  // 2. The worker's other gigs that day.
  std::vector<Value> ov = {person_id, date, static_cast<int64_t>(p.end_min),
                           static_cast<int64_t>(p.start_min)};
  auto overlap = db_.Query(
      "SELECT post_id FROM gig_bookings WHERE person_id = ? AND work_date = ? AND "
      "status <> 'cancelled' AND start_min < ? AND end_min > ?",
      ov);
  if (!overlap) return std::unexpected(overlap.error());
  for (const auto& r : *overlap) {
    if (r.Int(0) == post_id) return Fail(ErrorCode::kConflict, "该人员已预约此零工岗位");
  }
  if (!overlap->empty()) {
    return Fail(ErrorCode::kConflict,
                fmt::format("该人员当天 {}-{} 已有其他零工预约，时间冲突", FormatMinutes(p.start_min),
                            FormatMinutes(p.end_min)));
  }

  // 3. Take a place on the post.
  std::vector<Value> take = {post_id};
  auto taken = db_.Exec(
      "UPDATE gig_posts SET booked = booked + 1 WHERE post_id = ? AND status = 'open' AND "
      "booked < headcount",
      take);
  if (!taken) return std::unexpected(taken.error());
  if (*taken == 0) return Fail(ErrorCode::kConflict, "该零工岗位已满员或已关闭");

  Booking b;
  b.county_code = p.county_code;
  b.post_id = post_id;
  b.person_id = person_id;
  b.work_date = p.work_date;
  b.start_min = p.start_min;
  b.end_min = p.end_min;
  b.status = "booked";
  std::vector<Value> params = {b.county_code, post_id, person_id, date,
                               static_cast<int64_t>(p.start_min), static_cast<int64_t>(p.end_min),
                               std::string(actor), Now()};
  auto rows = db_.Query(
      "INSERT INTO gig_bookings (county_code, post_id, person_id, work_date, start_min, end_min, "
      "status, booked_by, created_at) VALUES (?, ?, ?, ?, ?, ?, 'booked', ?, ?) RETURNING booking_id",
      params);
  if (!rows) {
    if (rows.error().code == ErrorCode::kAlreadyExists) {
      return Fail(ErrorCode::kConflict, "该人员已预约此零工岗位");
    }
    return std::unexpected(rows.error());
  }
  b.booking_id = rows->at(0).Int(0);
  if (auto c = tx->Commit(); !c) return std::unexpected(c.error());
  return b;
}

Result<Booking> GigBoard::Complete(int64_t booking_id, std::string_view actor) {
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  auto read = ReadBooking(db_, booking_id);
  if (!read) return std::unexpected(read.error());
  Booking b = std::move(*read);
  std::vector<Value> mark = {Now(), booking_id};
  auto changed = db_.Exec(
      "UPDATE gig_bookings SET status = 'completed', completed_at = ? WHERE booking_id = ? AND "
      "status = 'booked'",
      mark);
  if (!changed) return std::unexpected(changed.error());
  if (*changed == 0) return Fail(ErrorCode::kConflict, "该预约不是“已预约”状态，不能确认完工");
  auto post = GetPost(b.post_id);
  if (!post) return std::unexpected(post.error());
  if (!*post) return Fail(ErrorCode::kNotFound, "没有该零工岗位");

  registry::Contract c;
  c.person_id = b.person_id;
  c.employer_credit_code = (*post)->employer_credit_code;
  c.start_on = b.work_date;
  c.end_on = b.work_date;
  c.flexible = true;  // 灵活就业: a completed gig
  c.work_region = (*post)->place_region;
  store::RegistryStore registry(db_, vault_, clock_);
  auto up = registry.UpsertContract(c, actor);
  if (!up) return std::unexpected(up.error());
  std::vector<Value> link = {c.contract_id, booking_id};
  if (auto l = db_.Exec("UPDATE gig_bookings SET contract_id = ? WHERE booking_id = ?", link); !l) {
    return std::unexpected(l.error());
  }
  if (auto cm = tx->Commit(); !cm) return std::unexpected(cm.error());
  b.status = "completed";
  b.contract_id = c.contract_id;
  return b;
}

Result<Booking> GigBoard::Cancel(int64_t booking_id, std::string_view actor) {
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  auto read = ReadBooking(db_, booking_id);
  if (!read) return std::unexpected(read.error());
  Booking b = std::move(*read);
  std::vector<Value> mark = {booking_id};
  auto changed = db_.Exec(
      "UPDATE gig_bookings SET status = 'cancelled' WHERE booking_id = ? AND status = 'booked'", mark);
  if (!changed) return std::unexpected(changed.error());
  if (*changed == 0) {
    return Fail(ErrorCode::kConflict, b.status == "completed" ? "该零工已确认完工，不能取消"
                                                              : "该预约已取消");
  }
  std::vector<Value> post = {b.post_id};
  auto freed = db_.Exec("UPDATE gig_posts SET booked = booked - 1 WHERE post_id = ? AND booked > 0", post);
  if (!freed) return std::unexpected(freed.error());
  if (*freed != 1) return Fail(ErrorCode::kInternal, "零工岗位的预约人数与预约记录不一致");
  (void)actor;  // the caller audits who cancelled
  if (auto cm = tx->Commit(); !cm) return std::unexpected(cm.error());
  b.status = "cancelled";
  return b;
}

}  // namespace qjy::gig
