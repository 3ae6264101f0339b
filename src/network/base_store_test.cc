#include "network/base_store.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "auth/auth_schema.h"
#include "core/refdata.h"
#include "network/coverage_query.h"
#include "network/key_enterprise_store.h"
#include "network/outbound_query.h"
#include "network/outbound_share.h"
#include "store/registry_schema.h"
#include "store/store_test_support.h"
#include "core/date_test_support.h"
#include "network/network_test_support.h"

namespace qjy::network {
namespace {

using store::Value;

using ::qjy::network::testing::Regions;

using ::qjy::test_support::D;

constexpr char kFirm[] = "91440300MA0000001X";   // registered, in Shenzhen
constexpr char kLocal[] = "91520102MA0000002X";  // registered, in Guiyang

class BaseStoreTest : public store::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    ASSERT_TRUE(store::ApplyMigrations(*db_, store::RegistryMigrations()));
    ASSERT_TRUE(auth::MigrateAuth(*db_));
    for (auto [code, name, county, region] : {std::tuple{kFirm, "深圳某电子有限公司", "440300", "440305"},
                                              std::tuple{kLocal, "贵阳某食品有限公司", "520102", "520102"}}) {
      Exec("INSERT INTO employers (county_code, credit_code, name, type, size, region, insured_headcount,"
           " key_enterprise, created_at, updated_at) VALUES (?, ?, ?, 'enterprise', 'large', ?, 900, 1, 'x', 'x')",
           {std::string(county), std::string(code), std::string(name), std::string(region)});
    }
    Exec("INSERT INTO accounts (username, display_name, role, region_code, credit_code, password_hash,"
         " grants, demo, failed_logins, locked_until, disabled, created_at)"
         " VALUES ('zhuanyuan', '专员', 'officer', '520102', '', 'x', '', 0, 0, 0, 0, 0)");
  }

  void Exec(const std::string& sql, std::vector<Value> params = {}) {
    auto r = db_->Exec(sql, params);
    ASSERT_TRUE(r) << r.error().message << "\n" << sql;
  }
  int64_t Count(const char* table) {
    auto r = db_->Query(std::string("SELECT COUNT(*) FROM ") + table);
    return r ? r->at(0).Int(0) : -1;
  }
  void Person(int64_t id, const std::string& county) {
    Exec("INSERT INTO persons (person_id, county_code, id_hash, id_enc, id_masked, name, sex, birth_date, ethnicity, "
         "phone_masked, hukou_region, residence_region, work_region, insured_region, education, skills, created_at, "
         "updated_at) VALUES (?, ?, ?, ?, '5201**********123X', '测试', 'M', '1990-01-01', '汉族', '', ?, ?, '', '', "
         "'本科', '[]', 'x', 'x')",
         {id, county, Blob{uint8_t(id), uint8_t(id >> 8), 7}, Blob{1}, county, county});
  }
  // A spell of person `id` of `county` at `employer` working in `work`.
  void Spell(int64_t id, const std::string& county, const char* employer, const char* work, const char* via,
             const char* start, std::optional<const char*> end = std::nullopt) {
    Exec("INSERT INTO contracts (county_code, person_id, employer_credit_code, start_on, end_on,"
         " social_insurance_months, flexible, new_form, work_region, organised_via, created_at, updated_at)"
         " VALUES (?, ?, ?, ?, ?, 0, 0, 0, ?, ?, 'x', 'x')",
         {county, id, std::string(employer), std::string(start), end ? Value{std::string(*end)} : Value{},
          std::string(work), std::string(via)});
  }

  static BaseInput Dongguan() {
    BaseInput in;
    in.county = "520102";
    in.name = "南明区—东莞电子稳岗就业基地";
    in.partner_credit_code = kFirm;
    in.partner_city = "4419";
    in.signed_on = D("2023-08-01");
    in.posts_offered = 300;
    return in;
  }

  const Date today_ = D("2025-06-30");
};

TEST_P(BaseStoreTest, RegistersABaseAndCountsItsGuizhouWorkersFromContracts) {
  BaseStore bases(*db_, Regions());
  ASSERT_TRUE(bases.Migrate());
  auto id = bases.Add(Dongguan(), today_, "county");
  ASSERT_TRUE(id) << id.error().message;
  auto found = bases.Find(*id);
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->partner_label, "深圳某电子有限公司");  // the registry's name
  EXPECT_EQ((*found)->in.posts_offered, 300);

  // No contracts, nothing entered: unknown, not zero.
  auto w = bases.Workers(**found, D("2025-06-01"));
  ASSERT_TRUE(w);
  EXPECT_EQ(w->source, "unknown");
  EXPECT_FALSE(w->count);

  // Entered number with its source is used while the registry has no contracts.
  BaseInput entered = Dongguan();
  entered.workers_entered = 85;
  entered.workers_source = "东莞劳务协作工作站台账";
  entered.workers_as_of = D("2025-05-31");
  ASSERT_TRUE(bases.Edit(*id, entered, today_, "county"));
  found = bases.Find(*id);
  w = bases.Workers(**found, D("2025-06-01"));
  EXPECT_EQ(w->source, "entered");
  EXPECT_EQ(w->count, 85);

  // Contracts at the partner running that day win: persons 1 and 2 (two
  // spells of person 2 count once); person 3's spell has ended.
  for (int64_t p : {1, 2, 3}) Person(p, "520102");
  Spell(1, "520102", kFirm, "441900", "base", "2024-03-01");
  Spell(2, "520102", kFirm, "441900", "", "2024-05-01", "2025-12-31");
  Spell(2, "520102", kFirm, "441900", "", "2025-01-01");
  Spell(3, "520102", kFirm, "441900", "self", "2023-01-01", "2024-12-31");
  w = bases.Workers(**found, D("2025-06-01"));
  EXPECT_EQ(w->source, "contracts");
  EXPECT_EQ(w->count, 2);

  auto history = db_->Query("SELECT entity, op, diff_json FROM changes WHERE entity = 'employment_base' ORDER BY change_id");
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ(history->at(0).Text(1), "insert");
  const auto diff = nlohmann::json::parse(history->at(1).Text(2));
  EXPECT_EQ(diff["workers_entered"][0], nullptr);
  EXPECT_EQ(diff["workers_entered"][1], 85);
  EXPECT_FALSE(diff.contains("name"));

  // A partner outside the registry, named with its place.
  BaseInput outside;
  outside.county = "520102";
  outside.name = "南明区—佛山家具基地";
  outside.partner_name = "佛山某家具有限公司";
  outside.partner_region = "4406";
  outside.partner_city = "4406";
  ASSERT_TRUE(bases.Add(outside, today_, "county"));
  auto list = bases.List("5201");
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ(list->at(1).partner_label, "佛山某家具有限公司");
  EXPECT_TRUE(bases.List("5203")->empty());
  auto sites = bases.BaseSites("520102");
  ASSERT_TRUE(sites);
  ASSERT_EQ(sites->size(), 2u);
  EXPECT_EQ(sites->at(0).kind, "employment_base");
  EXPECT_EQ(sites->at(0).opened_on, D("2023-08-01"));
}

TEST_P(BaseStoreTest, BadInputNamesTheFieldAndStoresNothing) {
  BaseStore bases(*db_, Regions());
  ASSERT_TRUE(bases.Migrate());
  struct Case {
    const char* field;
    void (*change)(BaseInput&);
  } cases[] = {
      {"所属县", [](BaseInput& in) { in.county = "5201"; }},
      {"所属县", [](BaseInput& in) { in.county = "440305"; }},
      {"基地名称", [](BaseInput& in) { in.name = ""; }},
      {"合作企业", [](BaseInput& in) { in.partner_credit_code = "91440300MA9999999X"; }},
      {"合作企业", [](BaseInput& in) { in.partner_credit_code = ""; }},
      {"企业所在地", [](BaseInput& in) { in.partner_credit_code = ""; in.partner_name = "某厂"; in.partner_region = "520102"; }},
      {"企业所在地", [](BaseInput& in) { in.partner_credit_code = ""; in.partner_name = "某厂"; in.partner_region = "99"; }},
      {"协作城市", [](BaseInput& in) { in.partner_city = ""; }},
      {"协作城市", [](BaseInput& in) { in.partner_city = "44"; }},
      {"协作城市", [](BaseInput& in) { in.partner_city = "5203"; }},
      {"签约日期", [](BaseInput& in) { in.signed_on = D("2025-07-01"); }},
      {"终止日期", [](BaseInput& in) { in.closed_on = D("2023-07-31"); }},
      {"终止日期", [](BaseInput& in) { in.closed_on = D("2025-07-01"); }},
      {"提供岗位数", [](BaseInput& in) { in.posts_offered = -1; }},
      {"吸纳贵州籍务工人数", [](BaseInput& in) { in.workers_entered = -3; in.workers_source = "x"; }},
      {"人数来源", [](BaseInput& in) { in.workers_entered = 3; }},
      {"吸纳贵州籍务工人数", [](BaseInput& in) { in.workers_source = "台账"; }},
  };
  for (const auto& c : cases) {
    BaseInput in = Dongguan();
    c.change(in);
    auto r = bases.Add(in, today_, "county");
    ASSERT_FALSE(r) << c.field;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    EXPECT_TRUE(r.error().message.starts_with(c.field)) << c.field << " → " << r.error().message;
  }
  EXPECT_EQ(Count("network_employment_bases"), 0);
  EXPECT_EQ(Count("changes"), 0);
  auto id = bases.Add(Dongguan(), today_, "county");
  ASSERT_TRUE(id);
  auto twice = bases.Add(Dongguan(), today_, "county");
  ASSERT_FALSE(twice);
  EXPECT_TRUE(twice.error().message.starts_with("基地名称")) << twice.error().message;
  BaseInput moved = Dongguan();
  moved.county = "520103";
  auto r = bases.Edit(*id, moved, today_, "county");
  ASSERT_FALSE(r);
  EXPECT_TRUE(r.error().message.starts_with("所属县")) << r.error().message;
  EXPECT_EQ(bases.Edit(*id + 99, Dongguan(), today_, "county").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(Count("changes"), 1);
}

TEST_P(BaseStoreTest, KeyEnterprisesListedAsBasesAreMigratedOnceAndLinked) {
  KeyEnterpriseStore keys(*db_, Regions());
  ASSERT_TRUE(keys.Migrate());
  KeyEnterpriseInput base;
  base.credit_code = kLocal;
  base.kind = "base";
  base.officer = "zhuanyuan";
  base.listed_on = D("2023-09-01");
  auto kid = keys.Add(base, today_, "county");
  ASSERT_TRUE(kid) << kid.error().message;
  // The employer's own service listing stays; only its kind "base" moves over.
  BaseStore bases(*db_, Regions());
  ASSERT_TRUE(bases.Migrate());
  ASSERT_TRUE(bases.Migrate());  // once
  auto list = bases.List("52");
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 1u);
  const Base& b = list->front();
  EXPECT_EQ(b.key_enterprise_id, *kid);
  EXPECT_EQ(b.in.county, "520102");
  EXPECT_EQ(b.in.partner_credit_code, kLocal);
  EXPECT_EQ(b.partner_label, "贵阳某食品有限公司");
  EXPECT_EQ(b.in.signed_on, D("2023-09-01"));
  EXPECT_EQ(b.in.partner_city, "");  // to be filled in
  auto history = db_->Query("SELECT actor, diff_json FROM changes WHERE entity = 'employment_base'");
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ(history->at(0).Text(0), "migration:816");
  EXPECT_EQ(nlohmann::json::parse(history->at(0).Text(1))["key_enterprise_id"][1], *kid);
  // Its first edit asks for the partner city.
  BaseInput edit = b.in;
  auto r = bases.Edit(b.base_id, edit, today_, "county");
  ASSERT_FALSE(r);
  EXPECT_TRUE(r.error().message.starts_with("协作城市")) << r.error().message;
  edit.partner_city = "4401";
  EXPECT_TRUE(bases.Edit(b.base_id, edit, today_, "county"));
  EXPECT_EQ((*bases.Find(b.base_id))->key_enterprise_id, *kid);
}

// Hand-counted: county 520102 on 2025-06-30 —
//   p1 out (Shenzhen) via station          → organised
//   p2 out, not recorded                   → unrecorded
//   p3 out, self                           → not organised
//   p4 out, self, and a second spell via agency → organised (any spell)
//   p5 out, spell ended 2025-03-31         → not counted
//   p6 works in Guiyang (520102)           → not outbound
//   p7 out, no place of work recorded      → not counted
// outbound 4, organised 2, unrecorded 1: share 2 / 3 = 66.66 % < 70 %.
// County 520103: p8 government, p9 base, p10 self → 2 / 3… plus p11 agency
//   → 3 / 4 = 75 % ≥ 70 %. County 520111: p12 not recorded only → cannot be judged.
TEST_P(BaseStoreTest, OutboundTalliesAndTheOrganisedShareDutyMatchAHandCount) {
  BaseStore bases(*db_, Regions());
  ASSERT_TRUE(bases.Migrate());
  for (int64_t p = 1; p <= 7; ++p) Person(p, "520102");
  for (int64_t p = 8; p <= 11; ++p) Person(p, "520103");
  Person(12, "520111");
  Spell(1, "520102", kFirm, "440305", "station", "2024-01-01");
  Spell(2, "520102", kFirm, "44", "", "2024-01-01");
  Spell(3, "520102", kFirm, "3301", "self", "2025-01-01");
  Spell(4, "520102", kFirm, "440305", "self", "2024-01-01");
  Spell(4, "520102", kLocal, "441900", "agency", "2025-02-01");
  Spell(5, "520102", kFirm, "440305", "station", "2024-01-01", "2025-03-31");
  Spell(6, "520102", kLocal, "520102", "self", "2024-01-01");
  Spell(7, "520102", kFirm, "", "station", "2024-01-01");
  Spell(8, "520103", kFirm, "440305", "government", "2024-01-01");
  Spell(9, "520103", kFirm, "440305", "base", "2024-01-01");
  Spell(10, "520103", kFirm, "440305", "self", "2024-01-01");
  Spell(11, "520103", kFirm, "3502", "agency", "2024-06-01");
  Spell(12, "520111", kFirm, "440305", "", "2024-01-01");

  auto t = bases.Outbound("5201", today_);
  ASSERT_TRUE(t);
  ASSERT_EQ(t->size(), 3u);
  EXPECT_EQ(t->at(0).county, "520102");
  EXPECT_EQ(t->at(0).outbound, 4);
  EXPECT_EQ(t->at(0).organised, 2);
  EXPECT_EQ(t->at(0).unrecorded, 1);
  EXPECT_EQ(OrganisedShareBp(t->at(0)), 6666);
  EXPECT_EQ(t->at(1).outbound, 4);
  EXPECT_EQ(t->at(1).organised, 3);
  EXPECT_EQ(t->at(1).unrecorded, 0);
  EXPECT_EQ(t->at(2).outbound, 1);
  EXPECT_EQ(OrganisedShareBp(t->at(2)), -1);
  // Before p5's spell ended she counted too: 520102 had 5 out, 3 organised.
  auto earlier = bases.Outbound("520102", D("2025-03-01"));
  ASSERT_TRUE(earlier);
  ASSERT_EQ(earlier->size(), 1u);
  EXPECT_EQ(earlier->at(0).outbound, 5);
  EXPECT_EQ(earlier->at(0).organised, 3);

  Duty d;
  d.id = "outbound_organised_share";
  d.kind = DutyKind::kOutbound;
  d.share_bp = 7000;
  DutyResult r;
  OutboundDuty(Regions(), "5201", d, *t, r);
  EXPECT_EQ(r.places, 2);   // 520111 cannot be judged
  EXPECT_EQ(r.covered, 1);  // 520103
  EXPECT_EQ(r.status, Status::kMissing);
  EXPECT_EQ(r.outbound, 9);
  EXPECT_EQ(r.organised, 5);
  EXPECT_EQ(r.unrecorded, 2);
  ASSERT_EQ(r.outbound_counties.size(), 3u);  // met counties too, for the table
  EXPECT_EQ(r.outbound_counties[1].county, "520103");
  ASSERT_EQ(r.gaps.size(), 2u);
  EXPECT_EQ(r.gaps[0].code, "520102");
  EXPECT_NE(r.gaps[0].detail.find("66.66%"), std::string::npos) << r.gaps[0].detail;
  EXPECT_EQ(r.gaps[1].code, "520111");
  EXPECT_NE(r.gaps[1].detail.find("无法判定"), std::string::npos) << r.gaps[1].detail;
  DutyResult county;
  OutboundDuty(Regions(), "520103", d, *t, county);
  EXPECT_EQ(county.status, Status::kMet);
  EXPECT_EQ(county.places, 1);
  DutyResult township;
  OutboundDuty(Regions(), "520102001", d, *t, township);
  EXPECT_FALSE(township.applicable);
}

// Hand-counted: Guiyang (5201) has 10 counties. On 2025-06-30 南明区
// (520102) has an open base; 云岩区 (520103) had one, closed 2025-03-31;
// 花溪区 (520111) has one signed with no date (open now, not by a
// deadline). The duty (each county ≥ 1 base, deadline 2025-12-31) counts 2
// covered of 10, 8 gaps, 1 covered by the deadline (花溪区's base has no
// signing date), and is 期限未到; on 2026-01-31 (deadline passed) 未达标. The organised-share duty reads the contracts of the same store.
// The count reads the partial covering index of outbound spells
// (contracts_outbound, registry_schema.cc), not every contract of the
// region: the province's coverage report took 5.6 s at 2 M persons through
// the county index. SQLite uses a partial index only when the query repeats
// its WHERE terms; PostgreSQL only when it can prove them (seq scans off, so
// the tiny table does not make a scan the cheaper plan).
TEST_P(BaseStoreTest, OutboundTalliesReadTheOutboundIndexAlone) {
  Person(1, "520102");
  Spell(1, "520102", kFirm, "440305", "station", "2024-01-01");
  std::string sql = "EXPLAIN ";
  if (!IsPg()) {
    sql = "EXPLAIN QUERY PLAN ";
  } else {
    Exec("SET enable_seqscan = off");
    Exec("SET enable_bitmapscan = off");
  }
  auto plan = db_->Query(sql + OutboundTalliesSql(), OutboundTalliesParams("5201", today_));
  ASSERT_TRUE(plan) << plan.error().message;
  std::string text;
  for (const auto& r : *plan) text += r.Text(IsPg() ? 0 : 3) + "\n";
  EXPECT_NE(text.find("contracts_outbound"), std::string::npos) << text;
  EXPECT_EQ(text.find("contracts_county"), std::string::npos) << text;
  if (IsPg()) {
    // An index-only read: no contract row visited (PostgreSQL says so).
    EXPECT_NE(text.find("Index Only Scan"), std::string::npos) << text;
    Exec("RESET enable_seqscan");
    Exec("RESET enable_bitmapscan");
  } else {
    EXPECT_NE(text.find("COVERING INDEX contracts_outbound"), std::string::npos) << text;
    // A range of the region's county codes, not the whole index.
    EXPECT_NE(text.find("(county_code>? AND county_code<?)"), std::string::npos) << text;
  }
}

TEST_P(BaseStoreTest, CoverageCountsCountiesWithAnOpenBase) {
  BaseStore bases(*db_, Regions());
  ASSERT_TRUE(bases.Migrate());
  BaseInput a = Dongguan();
  ASSERT_TRUE(bases.Add(a, today_, "county"));
  BaseInput closed = Dongguan();
  closed.county = "520103";
  closed.closed_on = D("2025-03-31");
  ASSERT_TRUE(bases.Add(closed, today_, "county"));
  BaseInput undated = Dongguan();
  undated.county = "520111";
  undated.signed_on.reset();
  ASSERT_TRUE(bases.Add(undated, today_, "county"));
  Person(1, "520102");
  Spell(1, "520102", kFirm, "4419", "base", "2024-01-01");

  auto duties = LoadDuties(DefaultDutiesFile());
  ASSERT_TRUE(duties) << duties.error().message;
  NetworkStore network(*db_, Regions());
  auto report = CoverageOf(network, Regions(), *duties, "5201", today_, std::nullopt, nullptr, nullptr, &bases);
  ASSERT_TRUE(report) << report.error().message;
  const DutyResult* base = nullptr;
  const DutyResult* share = nullptr;
  for (const auto& d : report->duties) {
    if (d.id == "employment_base_county") base = &d;
    if (d.id == "outbound_organised_share") share = &d;
  }
  ASSERT_TRUE(base && share);
  EXPECT_EQ(base->clause, "附件2（一）");
  EXPECT_FALSE(base->assumed.empty());
  EXPECT_EQ(base->places, 10);
  EXPECT_EQ(base->covered, 2);
  EXPECT_EQ(base->covered_by_deadline, 1);  // 南明区: signed, still open at the deadline
  EXPECT_EQ(base->gap_count, 8);
  EXPECT_EQ(base->status, Status::kPending);
  for (const auto& g : base->gaps) EXPECT_NE(g.code, "520102");
  EXPECT_EQ(share->clause, "附件2（四）");
  EXPECT_EQ(share->outbound, 1);
  EXPECT_EQ(share->organised, 1);
  EXPECT_EQ(share->status, Status::kMet);
  const auto json = CoverageJson(*report);
  bool found = false;
  for (const auto& d : json["duties"]) {
    if (d["id"] == "outbound_organised_share") {
      found = true;
      EXPECT_EQ(d["outbound"], 1);
      ASSERT_EQ(d["outbound_counties"].size(), 1u);
      EXPECT_EQ(d["outbound_counties"][0]["county"], "520102");
      EXPECT_EQ(d["outbound_counties"][0]["share_bp"], 10000);
      EXPECT_TRUE(d["outbound_share"].get<bool>());
    }
  }
  EXPECT_TRUE(found);

  auto later = CoverageOf(network, Regions(), *duties, "5201", D("2026-01-31"), std::nullopt, nullptr, nullptr, &bases);
  ASSERT_TRUE(later);
  for (const auto& d : later->duties) {
    if (d.id == "employment_base_county") {
      EXPECT_EQ(d.status, Status::kMissing);
      EXPECT_EQ(d.covered_by_deadline, 1);  // 南明区 (花溪区's base has no signing date)
    }
  }
}

QJY_INSTANTIATE_STORE_TEST(BaseStoreTest);

}  // namespace
}  // namespace qjy::network
