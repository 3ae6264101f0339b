#include "store/row_codec.h"

#include <gtest/gtest.h>

#include "store/store_test_support.h"

namespace qjy::store {
namespace {

struct Inner {
  std::string region;
  std::optional<Date> closed_on;
};

struct Record {
  int64_t id = 0;
  std::string name;
  bool online = false;
  int staff = 0;
  Date opened_on;
  std::optional<int64_t> poor;
  Inner in;
};

const RowCodec<Record>& Codec() {
  static const RowCodec<Record> kCodec = RowCodec<Record>()
                                             .Field("id", [](auto& r) -> auto& { return r.id; })
                                             .Field("name", [](auto& r) -> auto& { return r.name; })
                                             .Field("online", [](auto& r) -> auto& { return r.online; })
                                             .Field("staff", [](auto& r) -> auto& { return r.staff; })
                                             .Field("opened_on", [](auto& r) -> auto& { return r.opened_on; })
                                             .Field("poor", [](auto& r) -> auto& { return r.poor; })
                                             .Field("region", [](auto& r) -> auto& { return r.in.region; })
                                             .Field("closed_on", [](auto& r) -> auto& { return r.in.closed_on; });
  return kCodec;
}

TEST(RowCodecTest, ListsColumnsPlaceholdersAndAssignmentsInOrder) {
  EXPECT_EQ(Codec().size(), 8u);
  EXPECT_EQ(Codec().Columns(), "id, name, online, staff, opened_on, poor, region, closed_on");
  EXPECT_EQ(Codec().Columns("w"), "w.id, w.name, w.online, w.staff, w.opened_on, w.poor, w.region, w.closed_on");
  EXPECT_EQ(Codec().Columns({"region", "name"}), "region, name");
  EXPECT_EQ(Codec().Placeholders({"region", "name"}), "?, ?");
  EXPECT_EQ(Codec().Assignments({"region", "name"}), "region = ?, name = ?");
  EXPECT_THROW(Codec().Columns({"nope"}), std::out_of_range);
  const auto writable = Codec().Except({"id", "poor"});
  EXPECT_EQ(writable.Columns(), "name, online, staff, opened_on, region, closed_on");
  EXPECT_EQ(writable.Placeholders(), "?, ?, ?, ?, ?, ?");
  const auto two = Codec().Except({"id", "online", "staff", "opened_on", "poor", "closed_on"});
  EXPECT_EQ(two.InsertSql("t"), "INSERT INTO t (name, region) VALUES (?, ?)");
  EXPECT_EQ(two.InsertSql("t", "status, created_at", "'open', ?"),
            "INSERT INTO t (name, region, status, created_at) VALUES (?, ?, 'open', ?)");
}

TEST(RowCodecTest, EncodesEachTypeAsItsColumnType) {
  Record r;
  r.id = 7;
  r.name = "车间";
  r.online = true;
  r.staff = 3;
  r.opened_on = *Date::Parse("2024-02-29");
  r.in.region = "520102";
  auto v = Codec().Values(r);
  ASSERT_EQ(v.size(), 8u);
  EXPECT_EQ(std::get<int64_t>(v[0]), 7);
  EXPECT_EQ(std::get<std::string>(v[1]), "车间");
  EXPECT_EQ(std::get<int64_t>(v[2]), 1);
  EXPECT_EQ(std::get<int64_t>(v[3]), 3);
  EXPECT_EQ(std::get<std::string>(v[4]), "2024-02-29");
  EXPECT_TRUE(std::holds_alternative<std::monostate>(v[5]));  // no count: NULL, not 0
  EXPECT_EQ(std::get<std::string>(v[6]), "520102");
  EXPECT_TRUE(std::holds_alternative<std::monostate>(v[7]));
  auto some = Codec().Values(r, {"region", "id"});
  ASSERT_EQ(some.size(), 2u);
  EXPECT_EQ(std::get<std::string>(some[0]), "520102");
}

TEST(RowCodecTest, ABadDateIsAnErrorNamingTheColumn) {
  Row row;
  row.cells = {int64_t{1}, std::string("x"), int64_t{0}, int64_t{0}, std::string("2023-02-30"), Value(),
               std::string("52"), Value()};
  auto r = Codec().Read(row);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kStore);
  EXPECT_NE(r.error().message.find("opened_on"), std::string::npos) << r.error().message;
  row.cells.pop_back();
  EXPECT_FALSE(Codec().Read(row));  // too few cells
  EXPECT_FALSE(Codec().ReadFirst({row}));
}

TEST(RowCodecTest, ReadFirstIsNoneForNoRowsAndTheFirstOtherwise) {
  auto none = Codec().ReadFirst({});
  ASSERT_TRUE(none);
  EXPECT_FALSE(*none);
  Row a, b;
  a.cells = {int64_t{1}, std::string("甲"), int64_t{1}, int64_t{2}, std::string("2024-01-01"), Value(),
             std::string("52"), Value()};
  b = a;
  b.cells[0] = int64_t{2};
  auto got = Codec().ReadFirst({a, b});
  ASSERT_TRUE(got) << got.error().message;
  ASSERT_TRUE(*got);
  EXPECT_EQ((*got)->id, 1);
  EXPECT_EQ((*got)->name, "甲");
}


enum class Unit { kDay, kHour };
std::string_view UnitCode(Unit u) { return u == Unit::kDay ? "day" : "hour"; }
std::optional<Unit> ParseUnit(std::string_view s) {
  if (s == "day") return Unit::kDay;
  if (s == "hour") return Unit::kHour;
  return std::nullopt;
}
Result<Unit> ParseUnitResult(std::string_view s) {
  if (auto u = ParseUnit(s)) return *u;
  return std::unexpected(Error{ErrorCode::kInvalidArgument, "unit"});
}

struct Shift {
  int64_t id = 0;
  Unit unit = Unit::kDay;
  std::optional<Unit> closed_as;
  int64_t site_id = 0;  // 0: no site
  int64_t pay_fen = 0;
};

const RowCodec<Shift>& CodedCodec() {
  static const RowCodec<Shift> kCodec =
      RowCodec<Shift>()
          .Field("id", [](auto& r) -> auto& { return r.id; })
          .Field("unit", [](auto& r) -> auto& { return r.unit; }, Coded(UnitCode, ParseUnit))
          .Field("closed_as", [](auto& r) -> auto& { return r.closed_as; },
                 Nullable(Coded(UnitCode, ParseUnitResult)))
          .Field("site_id", [](auto& r) -> auto& { return r.site_id; }, ZeroAsNull())
          .Field("pay_fen", [](auto& r) -> auto& { return r.pay_fen; });
  return kCodec;
}

TEST(RowCodecTest, EncodingsWriteCodesNullsAndNoneAsNull) {
  Shift c;
  c.id = 3;
  c.unit = Unit::kHour;
  c.pay_fen = 12345;
  auto v = CodedCodec().Values(c);
  ASSERT_EQ(v.size(), 5u);
  EXPECT_EQ(std::get<std::string>(v[1]), "hour");
  EXPECT_TRUE(std::holds_alternative<std::monostate>(v[2]));
  EXPECT_TRUE(std::holds_alternative<std::monostate>(v[3]));  // site 0: NULL, not 0
  EXPECT_EQ(std::get<int64_t>(v[4]), 12345);
  c.closed_as = Unit::kDay;
  c.site_id = 9;
  v = CodedCodec().Values(c);
  EXPECT_EQ(std::get<std::string>(v[2]), "day");
  EXPECT_EQ(std::get<int64_t>(v[3]), 9);
}

TEST(RowCodecTest, AnUnknownCodeIsAnErrorNamingTheColumn) {
  Row row;
  row.cells = {int64_t{1}, std::string("week"), Value(), Value(), int64_t{5}};
  auto r = CodedCodec().Read(row);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kStore);
  EXPECT_NE(r.error().message.find("unit"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("week"), std::string::npos) << r.error().message;
  row.cells[1] = std::string("day");
  row.cells[2] = std::string("");  // an empty code is not NULL
  r = CodedCodec().Read(row);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("closed_as"), std::string::npos) << r.error().message;
  row.cells[2] = Value();
  r = CodedCodec().Read(row);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->unit, Unit::kDay);
  EXPECT_FALSE(r->closed_as);
  EXPECT_EQ(r->site_id, 0);
  EXPECT_EQ(r->pay_fen, 5);
}

class RowCodecStoreTest : public testing::StoreTest {};

// What goes in through Values() comes back through Read() on both engines,
// NULLs included, and an UPDATE built from Assignments() changes only its
// columns.
TEST_P(RowCodecStoreTest, RoundTripsThroughTheDatabase) {
  ASSERT_TRUE(db_->ExecScript(
      "CREATE TABLE rc (id BIGINT PRIMARY KEY, name TEXT, online BIGINT, staff BIGINT, opened_on TEXT, poor BIGINT,"
      " region TEXT, closed_on TEXT)"));
  Record a;
  a.id = 1;
  a.name = "花溪区零工市场";
  a.online = true;
  a.staff = 4;
  a.opened_on = *Date::Parse("2023-06-30");
  a.poor = 0;  // a real zero, distinct from "not recorded"
  a.in.region = "520111";
  a.in.closed_on = *Date::Parse("2025-01-02");
  Record b;
  b.id = 2;
  b.opened_on = *Date::Parse("2023-01-01");
  for (const Record* r : {&a, &b}) {
    auto v = Codec().Values(*r);
    ASSERT_TRUE(db_->Exec("INSERT INTO rc (" + Codec().Columns() + ") VALUES (" + Codec().Placeholders() + ")", v));
  }
  auto rows = db_->Query("SELECT " + Codec().Columns() + " FROM rc ORDER BY id");
  ASSERT_TRUE(rows) << rows.error().message;
  auto got = Codec().ReadAll(*rows);
  ASSERT_TRUE(got) << got.error().message;
  ASSERT_EQ(got->size(), 2u);
  const Record& x = (*got)[0];
  EXPECT_EQ(x.name, a.name);
  EXPECT_TRUE(x.online);
  EXPECT_EQ(x.staff, 4);
  EXPECT_EQ(x.opened_on, a.opened_on);
  ASSERT_TRUE(x.poor.has_value());
  EXPECT_EQ(*x.poor, 0);
  EXPECT_EQ(x.in.region, "520111");
  EXPECT_EQ(x.in.closed_on, a.in.closed_on);
  const Record& y = (*got)[1];
  EXPECT_FALSE(y.poor.has_value());
  EXPECT_FALSE(y.in.closed_on.has_value());
  EXPECT_EQ(y.name, "");

  Record edited = x;
  edited.name = "花溪区零工驿站";
  edited.staff = 9;
  auto params = Codec().Values(edited, {"name"});
  params.push_back(int64_t{1});
  ASSERT_TRUE(db_->Exec("UPDATE rc SET " + Codec().Assignments({"name"}) + " WHERE id = ?", params));
  auto after = db_->Query("SELECT " + Codec().Columns() + " FROM rc WHERE id = 1");
  ASSERT_TRUE(after);
  auto z = Codec().Read(after->front());
  ASSERT_TRUE(z);
  EXPECT_EQ(z->name, "花溪区零工驿站");
  EXPECT_EQ(z->staff, 4);  // not in the UPDATE
}

// Codes, NULL codes and none-as-NULL ids come back as they went in on both
// engines, and a NULL id is a NULL in the database (IS NULL finds it).
TEST_P(RowCodecStoreTest, EncodingsRoundTripThroughTheDatabase) {
  ASSERT_TRUE(db_->ExecScript(
      "CREATE TABLE rce (id BIGINT PRIMARY KEY, unit TEXT NOT NULL, closed_as TEXT, site_id BIGINT, pay_fen BIGINT)"));
  Shift a;
  a.id = 1;
  a.unit = Unit::kHour;
  a.closed_as = Unit::kDay;
  a.site_id = 42;
  a.pay_fen = 1999900;
  Shift b;
  b.id = 2;
  for (const Shift* r : {&a, &b}) {
    auto v = CodedCodec().Values(*r);
    ASSERT_TRUE(db_->Exec(CodedCodec().InsertSql("rce"), v));
  }
  auto nulls = db_->Query("SELECT id FROM rce WHERE site_id IS NULL AND closed_as IS NULL");
  ASSERT_TRUE(nulls);
  ASSERT_EQ(nulls->size(), 1u);
  EXPECT_EQ(nulls->front().Int(0), 2);
  auto rows = db_->Query("SELECT " + CodedCodec().Columns() + " FROM rce ORDER BY id");
  ASSERT_TRUE(rows);
  auto got = CodedCodec().ReadAll(*rows);
  ASSERT_TRUE(got) << got.error().message;
  ASSERT_EQ(got->size(), 2u);
  EXPECT_EQ((*got)[0].unit, Unit::kHour);
  EXPECT_EQ((*got)[0].closed_as, std::optional<Unit>(Unit::kDay));
  EXPECT_EQ((*got)[0].site_id, 42);
  EXPECT_EQ((*got)[0].pay_fen, 1999900);
  EXPECT_EQ((*got)[1].unit, Unit::kDay);
  EXPECT_FALSE((*got)[1].closed_as);
  EXPECT_EQ((*got)[1].site_id, 0);
}

// InsertReturning writes the codec's columns and the caller's extra ones
// and gives back the generated key on both engines.
TEST_P(RowCodecStoreTest, InsertReturningGivesTheGeneratedKey) {
  const std::string key = IsPg() ? "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY" : "INTEGER PRIMARY KEY";
  ASSERT_TRUE(db_->ExecScript("CREATE TABLE rci (id " + key +
                              ", unit TEXT NOT NULL, closed_as TEXT, site_id BIGINT, pay_fen BIGINT,"
                              " status TEXT, created_at TEXT)"));
  static const RowCodec<Shift> kInsertable = CodedCodec().Except({"id"});
  Shift s;
  s.unit = Unit::kHour;
  s.pay_fen = 2500;
  auto first = kInsertable.InsertReturning(*db_, "rci", "id", s, "status, created_at", "'open', ?",
                                           {std::string("2024-03-01T00:00:00Z")});
  ASSERT_TRUE(first) << first.error().message;
  auto second = kInsertable.InsertReturning(*db_, "rci", "id", s, "status, created_at", "'open', ?",
                                            {std::string("2024-03-02T00:00:00Z")});
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_NE(*first, *second);
  const Value k[] = {*second};
  auto rows = db_->Query("SELECT " + CodedCodec().Columns() + ", status, created_at FROM rci WHERE id = ?", k);
  ASSERT_TRUE(rows);
  auto got = CodedCodec().ReadFirst(*rows);
  ASSERT_TRUE(got && *got);
  EXPECT_EQ((*got)->id, *second);
  EXPECT_EQ((*got)->unit, Unit::kHour);
  EXPECT_EQ((*got)->pay_fen, 2500);
  EXPECT_EQ(rows->front().Text(CodedCodec().size()), "open");
  EXPECT_EQ(rows->front().Text(CodedCodec().size() + 1), "2024-03-02T00:00:00Z");
  // A statement the database refuses is its error, not a key.
  EXPECT_FALSE(kInsertable.InsertReturning(*db_, "no_such_table", "id", s));
}

QJY_INSTANTIATE_STORE_TEST(RowCodecStoreTest);

}  // namespace
}  // namespace qjy::store
