#include "gig/gig_board.h"

#include <algorithm>
#include <ctime>

#include <fmt/format.h>

#include "core/utf8.h"
#include "gig/gig_schema.h"
#include "store/migrations.h"
#include "store/registry_store.h"
#include "store/row_codec.h"

namespace qjy::gig {
namespace {

using store::Value;

const store::RowCodec<GigPost>& PostCodec() {
  static const store::RowCodec<GigPost> kCodec =
      store::RowCodec<GigPost>()
          .Field("post_id", [](auto& p) -> auto& { return p.post_id; })
          .Field("county_code", [](auto& p) -> auto& { return p.county_code; })
          .Field("market_site_id", [](auto& p) -> auto& { return p.market_site_id; }, store::ZeroAsNull())
          .Field("employer_credit_code", [](auto& p) -> auto& { return p.employer_credit_code; })
          .Field("title", [](auto& p) -> auto& { return p.title; })
          .Field("work_date", [](auto& p) -> auto& { return p.work_date; })
          .Field("start_min", [](auto& p) -> auto& { return p.start_min; })
          .Field("end_min", [](auto& p) -> auto& { return p.end_min; })
          .Field("place_region", [](auto& p) -> auto& { return p.place_region; })
          .Field("pay_unit", [](auto& p) -> auto& { return p.pay_unit; }, store::Coded(PayUnitCode, ParsePayUnit))
          .Field("pay_fen", [](auto& p) -> auto& { return p.pay_fen; })
          .Field("headcount", [](auto& p) -> auto& { return p.headcount; })
          .Field("booked", [](auto& p) -> auto& { return p.booked; })
          .Field("status", [](auto& p) -> auto& { return p.status; });
  return kCodec;
}

const store::RowCodec<Availability>& AvailCodec() {
  static const store::RowCodec<Availability> kCodec =
      store::RowCodec<Availability>()
          .Field("availability_id", [](auto& a) -> auto& { return a.availability_id; })
          .Field("county_code", [](auto& a) -> auto& { return a.county_code; })
          .Field("person_id", [](auto& a) -> auto& { return a.person_id; })
          .Field("work_date", [](auto& a) -> auto& { return a.work_date; })
          .Field("start_min", [](auto& a) -> auto& { return a.start_min; })
          .Field("end_min", [](auto& a) -> auto& { return a.end_min; })
          .Field("area_region", [](auto& a) -> auto& { return a.area_region; })
          .Field("min_day_pay_fen", [](auto& a) -> auto& { return a.min_day_pay_fen; })
          .Field("skills", [](auto& a) -> auto& { return a.skills; });
  return kCodec;
}

const store::RowCodec<Booking>& BookingCodec() {
  static const store::RowCodec<Booking> kCodec =
      store::RowCodec<Booking>()
          .Field("booking_id", [](auto& b) -> auto& { return b.booking_id; })
          .Field("county_code", [](auto& b) -> auto& { return b.county_code; })
          .Field("post_id", [](auto& b) -> auto& { return b.post_id; })
          .Field("person_id", [](auto& b) -> auto& { return b.person_id; })
          .Field("work_date", [](auto& b) -> auto& { return b.work_date; })
          .Field("start_min", [](auto& b) -> auto& { return b.start_min; })
          .Field("end_min", [](auto& b) -> auto& { return b.end_min; })
          .Field("status", [](auto& b) -> auto& { return b.status; })
          .Field("contract_id", [](auto& b) -> auto& { return b.contract_id; });
  return kCodec;
}

const store::RowCodec<Market>& MarketCodec() {
  static const store::RowCodec<Market> kCodec =
      store::RowCodec<Market>()
          .Field("site_id", [](auto& m) -> auto& { return m.site_id; })
          .Field("county_code", [](auto& m) -> auto& { return m.county_code; })
          .Field("name", [](auto& m) -> auto& { return m.name; })
          .Field("region", [](auto& m) -> auto& { return m.region; })
          .Field("tier", [](auto& m) -> auto& { return m.tier; })
          .Field("online", [](auto& m) -> auto& { return m.online; })
          .Field("opened_on", [](auto& m) -> auto& { return m.opened_on; });
  return kCodec;
}

// The one record `sql` finds (nullopt when none), read by `codec`.
template <class T>
Result<std::optional<T>> One(store::Db& db, const store::RowCodec<T>& codec, const std::string& sql,
                             const std::vector<Value>& params) {
  auto rows = db.Query(sql, params);
  if (!rows) return std::unexpected(rows.error());
  return codec.ReadFirst(*rows);
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
                            std::string_view order_by, const store::RowCodec<T>& codec) {
  sql += fmt::format(" ORDER BY {} LIMIT ? OFFSET ?", order_by);
  params.emplace_back(static_cast<int64_t>(f.limit));
  params.emplace_back(static_cast<int64_t>(std::max(0, f.offset)));
  auto rows = db.Query(sql, params);
  if (!rows) return std::unexpected(rows.error());
  return codec.ReadAll(*rows);
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
  auto b = One(db, BookingCodec(),
               fmt::format("SELECT {} FROM gig_bookings WHERE booking_id = ?", BookingCodec().Columns()), key);
  if (!b) return std::unexpected(b.error());
  if (!*b) return Fail(ErrorCode::kNotFound, "没有该预约");
  return std::move(**b);
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
  auto rows = db_.Query(fmt::format("SELECT {} FROM service_sites WHERE kind = 'gig_market' AND "
                                    "substr(county_code, 1, ?) = ? ORDER BY county_code, site_id",
                                    MarketCodec().Columns()),
                        params);
  if (!rows) return std::unexpected(rows.error());
  return MarketCodec().ReadAll(*rows);
}

Result<GigPost> GigBoard::Post(GigPost p, std::string_view actor) {
  std::vector<Value> key = {p.employer_credit_code};
  auto emp = db_.Query("SELECT 1 FROM employers WHERE credit_code = ?", key);
  if (!emp) return std::unexpected(emp.error());
  if (emp->empty()) return Fail(ErrorCode::kNotFound, "用工单位不在登记库中，请先登记单位信息");
  p.booked = 0;
  p.status = "open";
  static const store::RowCodec<GigPost> kInsertable = PostCodec().Except({"post_id"});
  auto id = kInsertable.InsertReturning(db_, "gig_posts", "post_id", p, "posted_by, created_at", "?, ?",
                                        {std::string(actor), Now()});
  if (!id) return std::unexpected(id.error());
  p.post_id = *id;
  return p;
}

Result<Availability> GigBoard::AddAvailability(Availability a) {
  std::vector<Value> key = {a.person_id};
  auto person = db_.Query("SELECT county_code FROM persons WHERE person_id = ?", key);
  if (!person) return std::unexpected(person.error());
  if (person->empty()) return Fail(ErrorCode::kNotFound, "没有该人员");
  a.county_code = person->at(0).Text(0);
  static const store::RowCodec<Availability> kInsertable = AvailCodec().Except({"availability_id"});
  auto id = kInsertable.InsertReturning(db_, "gig_availability", "availability_id", a, "created_at", "?", {Now()});
  if (!id) return std::unexpected(id.error());
  a.availability_id = *id;
  return a;
}

Result<std::optional<GigPost>> GigBoard::GetPost(int64_t post_id) {
  std::vector<Value> params = {post_id};
  return One(db_, PostCodec(), fmt::format("SELECT {} FROM gig_posts WHERE post_id = ?", PostCodec().Columns()), params);
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
  return One(db_, AvailCodec(),
             fmt::format("SELECT {} FROM gig_availability WHERE availability_id = ?", AvailCodec().Columns()), params);
}

Result<std::vector<GigPost>> GigBoard::ListPosts(const GigFilter& f) {
  std::string sql = fmt::format("SELECT {} FROM gig_posts WHERE 1 = 1", PostCodec().Columns());
  std::vector<Value> params;
  Where(f, sql, params);
  if (f.open_only) sql += " AND status = 'open' AND booked < headcount";
  if (f.near_county.empty()) return Rows(db_, std::move(sql), std::move(params), f, "work_date, post_id", PostCodec());
  params.emplace_back(f.near_county);
  params.emplace_back(f.near_county.substr(0, std::min<size_t>(4, f.near_county.size())));
  return Rows(db_, std::move(sql), std::move(params), f,
              "CASE WHEN county_code = ? THEN 0 WHEN substr(county_code, 1, 4) = ? THEN 1 ELSE 2 END, work_date, post_id",
              PostCodec());
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
  std::string sql = fmt::format("SELECT {} FROM gig_availability WHERE 1 = 1", AvailCodec().Columns());
  std::vector<Value> params;
  Where(f, sql, params);
  WhereId("person_id", f.person_id, sql, params);
  return Rows(db_, std::move(sql), std::move(params), f, "work_date, availability_id", AvailCodec());
}

Result<std::vector<Booking>> GigBoard::ListBookings(const GigFilter& f) {
  std::string sql = fmt::format("SELECT {} FROM gig_bookings WHERE 1 = 1", BookingCodec().Columns());
  std::vector<Value> params;
  Where(f, sql, params);
  WhereId("person_id", f.person_id, sql, params);
  WhereId("post_id", f.post_id, sql, params);
  return Rows(db_, std::move(sql), std::move(params), f, "booking_id", BookingCodec());
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
                  AvailCodec().Columns()),
      params);
  if (!rows) return std::unexpected(rows.error());
  std::vector<WorkerMatch> out;
  auto avail = AvailCodec().ReadAll(*rows);
  if (!avail) return std::unexpected(avail.error());
  for (auto& a : *avail) {
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
                  PostCodec().Columns()),
      params);
  if (!rows) return std::unexpected(rows.error());
  std::vector<PostMatch> out;
  auto posts = PostCodec().ReadAll(*rows);
  if (!posts) return std::unexpected(posts.error());
  for (auto& p : *posts) {
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
  static const store::RowCodec<Booking> kInsertable = BookingCodec().Except({"booking_id", "contract_id"});
  auto id = kInsertable.InsertReturning(db_, "gig_bookings", "booking_id", b, "booked_by, created_at", "?, ?",
                                        {std::string(actor), Now()});
  if (!id) {
    if (id.error().code == ErrorCode::kAlreadyExists) {
      return Fail(ErrorCode::kConflict, "该人员已预约此零工岗位");
    }
    return std::unexpected(id.error());
  }
  b.booking_id = *id;
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
