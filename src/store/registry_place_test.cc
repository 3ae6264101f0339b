// The place-of-work and jurisdiction columns (#12 §1): employers' 参保地
// round-trips (empty = NULL = unknown), and a database made by the main of
// before #12 (registry migrations 1–3, contracts with hand-set cross
// flags) migrates forward in place: rows and history kept, every
// employer's 参保地 unknown, the place of work kept, the flags gone —
// on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include <vector>

#include "core/vault.h"
#include "store/migrations.h"
#include "store/registry_schema.h"
#include "store/registry_store.h"
#include "store/store_test_support.h"

namespace qjy::store {
namespace {

using testing::StoreTest;

std::array<uint8_t, 32> Key() {
  std::array<uint8_t, 32> k{};
  k.fill(3);
  return k;
}

registry::Person PlacePerson() {
  registry::Person p;
  p.county_code = "520102";
  p.id_number = "520102199003070014";
  p.name = "张三";
  p.birth_date = *Date::Parse("1990-03-07");
  p.ethnicity = "汉族";
  p.hukou_region = "520102001";
  p.residence_region = "520102001";
  return p;
}

registry::Employer PlaceEmployer(const std::string& code, const std::string& insured) {
  registry::Employer e;
  e.county_code = "520102";
  e.credit_code = code;
  e.name = "单位" + code;
  e.region = "520102";
  e.insured_region = insured;
  return e;
}

class PlaceColumnsTest : public StoreTest {
 protected:
  Vault vault_ = Vault::FromKey(Key());
};

TEST_P(PlaceColumnsTest, EmployersInsuredRegionRoundTripsAndUnknownIsNull) {
  RegistryStore store(*db_, vault_);
  ASSERT_TRUE(store.Migrate());
  auto tx = Transaction::Begin(*db_);
  ASSERT_TRUE(tx);
  auto gd = PlaceEmployer("91440300MA5000001X", "440305");
  auto old = PlaceEmployer("91520102MA6000002X", "");
  ASSERT_TRUE(store.UpsertEmployer(gd, "t"));
  ASSERT_TRUE(store.UpsertEmployer(old, "t"));
  ASSERT_TRUE(tx->Commit());
  EXPECT_EQ(store.FindEmployer(gd.credit_code).value()->insured_region, "440305");
  EXPECT_EQ(store.FindEmployer(old.credit_code).value()->insured_region, "");
  auto nulls = db_->Query("SELECT COUNT(*) FROM employers WHERE insured_region IS NULL");
  ASSERT_TRUE(nulls);
  EXPECT_EQ((*nulls)[0].Int(0), 1);
  // Recording the 参保地 later is an update with its history entry.
  auto tx2 = Transaction::Begin(*db_);
  ASSERT_TRUE(tx2);
  old.insured_region = "520102";
  EXPECT_EQ(store.UpsertEmployer(old, "t").value(), UpsertOutcome::kUpdated);
  ASSERT_TRUE(tx2->Commit());
  EXPECT_EQ(store.FindEmployer(old.credit_code).value()->insured_region, "520102");
  auto h = store.History("employer", old.employer_id);
  ASSERT_TRUE(h);
  auto diff = nlohmann::json::parse(h->back().diff_json);
  EXPECT_EQ(diff["insured_region"], nlohmann::json::array({"", "520102"}));
}

// The outbound spells of a group (the risk warning of 正文（十九）): only
// members' contracts with a known place of work outside Guizhou, each with
// the membership's validity and the household-registration region.
TEST_P(PlaceColumnsTest, GroupSpellsOutsideGuizhouReadByIndex) {
  RegistryStore store(*db_, vault_);
  ASSERT_TRUE(store.Migrate());
  auto member = PlacePerson();
  member.groups = {{registry::Group::kPovertyAlleviated, *Date::Parse("2023-01-01"), std::nullopt}};
  auto other = PlacePerson();
  other.id_number = "520102199001010011";
  other.hukou_region = "";
  other.groups = {{registry::Group::kRuralLabour, *Date::Parse("2023-01-01"), std::nullopt}};
  auto gd = PlaceEmployer("91440300MA5000001X", "440305");
  auto tx = Transaction::Begin(*db_);
  ASSERT_TRUE(tx);
  ASSERT_TRUE(store.UpsertPerson(member, "t"));
  ASSERT_TRUE(store.UpsertPerson(other, "t"));
  ASSERT_TRUE(store.UpsertEmployer(gd, "t"));
  auto contract = [&](const registry::Person& p, const char* start, const char* where) {
    registry::Contract c;
    c.county_code = p.county_code;
    c.person_id = p.person_id;
    c.person_id_number = p.id_number;
    c.employer_credit_code = gd.credit_code;
    c.start_on = *Date::Parse(start);
    c.end_on = *Date::Parse("2025-12-31");
    c.work_region = where;
    ASSERT_TRUE(store.UpsertContract(c, "t"));
  };
  contract(member, "2024-01-01", "440305");  // outside: listed
  contract(member, "2024-03-01", "520102");  // in Guizhou: not
  contract(member, "2024-05-01", "");        // unknown: not
  contract(other, "2024-01-01", "440305");   // not a member: not
  ASSERT_TRUE(tx->Commit());
  std::vector<RegistryStore::GroupSpell> got;
  ASSERT_TRUE(store.ForEachGroupSpell(registry::Group::kPovertyAlleviated, "52",
                                      [&](const auto& x) { got.push_back(x); }));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].person_id, member.person_id);
  EXPECT_EQ(got[0].home_region, "520102001");
  EXPECT_EQ(got[0].county_code, "520102");
  EXPECT_EQ(got[0].start, *Date::Parse("2024-01-01"));
  EXPECT_EQ(got[0].end, *Date::Parse("2025-12-31"));
  EXPECT_EQ(got[0].group_from, *Date::Parse("2023-01-01"));
  EXPECT_FALSE(got[0].group_to);
  // Without `outside`: every spell of the members.
  got.clear();
  ASSERT_TRUE(store.ForEachGroupSpell(registry::Group::kPovertyAlleviated, "",
                                      [&](const auto& x) { got.push_back(x); }));
  EXPECT_EQ(got.size(), 3u);
  // Rural labour: the other person's spell, home region its owning county.
  got.clear();
  ASSERT_TRUE(store.ForEachGroupSpell(registry::Group::kRuralLabour, "52",
                                      [&](const auto& x) { got.push_back(x); }));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].home_region, "520102");
  // Every contract as a spell, place of work as recorded.
  std::vector<RegistryStore::Spell> spells;
  ASSERT_TRUE(store.ForEachSpell([&](const auto& x) { spells.push_back(x); }));
  ASSERT_EQ(spells.size(), 4u);
  EXPECT_EQ(spells[0].person_id, member.person_id);
  EXPECT_EQ(spells[0].work_region, "440305");
  EXPECT_EQ(spells[2].work_region, "");
  EXPECT_EQ(spells[3].person_id, other.person_id);
}

// How the worker went out (附件2（四）, migration 42): stored on the spell,
// read back, a change kept in the history; not recorded stays "".
TEST_P(PlaceColumnsTest, ContractsWayOutRoundTripsWithHistory) {
  RegistryStore store(*db_, vault_);
  ASSERT_TRUE(store.Migrate());
  auto p = PlacePerson();
  auto gd = PlaceEmployer("91440300MA5000001X", "440305");
  ASSERT_TRUE(store.UpsertPerson(p, "t"));
  ASSERT_TRUE(store.UpsertEmployer(gd, "t"));
  registry::Contract c;
  c.county_code = p.county_code;
  c.person_id = p.person_id;
  c.person_id_number = p.id_number;
  c.employer_credit_code = gd.credit_code;
  c.start_on = *Date::Parse("2024-01-01");
  c.work_region = "440305";
  c.organised_via = "station";
  ASSERT_TRUE(store.UpsertContract(c, "t"));
  auto held = store.ContractsOfPerson(p.person_id);
  ASSERT_TRUE(held);
  ASSERT_EQ(held->size(), 1u);
  EXPECT_EQ(held->at(0).organised_via, "station");
  c.organised_via = "self";
  ASSERT_TRUE(store.UpsertContract(c, "t"));
  auto history = store.History("contract", held->at(0).contract_id);
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 2u);
  EXPECT_NE(history->back().diff_json.find(R"("organised_via":["station","self"])"), std::string::npos)
      << history->back().diff_json;
  c.start_on = *Date::Parse("2023-01-01");
  c.organised_via.clear();
  ASSERT_TRUE(store.UpsertContract(c, "t"));
  held = store.ContractsOfPerson(p.person_id);
  ASSERT_EQ(held->size(), 2u);
  EXPECT_EQ(held->at(0).organised_via.empty() + held->at(1).organised_via.empty(), 1);
}

TEST_P(PlaceColumnsTest, DatabaseOfTheFormerSchemaMigratesInPlace) {
  // The schema of the main before #12: registry migrations 1..3.
  auto all = RegistryMigrations();
  std::vector<Migration> before;
  // Plus the person search table (30) and the region counters (40): the
  // test writes its old person row with today's UpsertPerson, which keeps
  // those tables current.
  for (const auto& m : all) {
    if (m.version <= 3 || m.version == 30 || m.version == 40) before.push_back(m);
  }
  ASSERT_EQ(before.size(), 5u);
  ASSERT_TRUE(ApplyMigrations(*db_, before));
  RegistryStore store(*db_, vault_);
  auto p = PlacePerson();
  {
    auto tx = Transaction::Begin(*db_);
    ASSERT_TRUE(tx);
    ASSERT_TRUE(store.UpsertPerson(p, "t"));  // person columns are unchanged by #12
    ASSERT_TRUE(tx->Commit());
  }
  // Rows as the former code wrote them: no 参保地 column, hand-set flags.
  ASSERT_TRUE(db_->ExecScript(
      "INSERT INTO employers (county_code, credit_code, name, type, size, region, insured_headcount,"
      " key_enterprise, created_at, updated_at) VALUES ('520102', '91520102MA6000003X', '旧单位', 'enterprise',"
      " 'small', '520102', 5, 0, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z');"));
  const Value c1[] = {p.person_id};
  ASSERT_TRUE(db_->Exec(
      "INSERT INTO contracts (county_code, person_id, employer_credit_code, start_on, end_on,"
      " social_insurance_months, cross_county, cross_province, flexible, new_form, work_region, created_at,"
      " updated_at) VALUES ('520102', ?, '91520102MA6000003X', '2023-07-01', NULL, 3, 1, 1, 0, 0, '',"
      " '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z')",
      c1));
  ASSERT_TRUE(db_->Exec(
      "INSERT INTO contracts (county_code, person_id, employer_credit_code, start_on, end_on,"
      " social_insurance_months, cross_county, cross_province, flexible, new_form, work_region, created_at,"
      " updated_at) VALUES ('520102', ?, '91520102MA6000003X', '2020-01-01', '2022-12-31', 30, 1, 0, 0, 0,"
      " '520221', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z')",
      c1));
  auto history_before = store.History("person", p.person_id);
  ASSERT_TRUE(history_before);

  ASSERT_TRUE(store.Migrate());  // in place
  auto versions = AppliedVersions(*db_);
  ASSERT_TRUE(versions);
  // The place migration ran (later migrations of the registry range may follow it).
  EXPECT_NE(std::find(versions->begin(), versions->end(), 10), versions->end());
  EXPECT_GE(versions->back(), 10);
  auto e = store.FindEmployer("91520102MA6000003X");
  ASSERT_TRUE(e && e->has_value());
  EXPECT_EQ((*e)->insured_region, "");  // unknown, not invented
  EXPECT_EQ((*e)->insured_headcount, 5);
  std::vector<registry::Contract> contracts;
  ASSERT_TRUE(store.ForEachContract([&](const registry::Contract& c) { contracts.push_back(c); }));
  ASSERT_EQ(contracts.size(), 2u);
  for (const auto& c : contracts) {
    if (c.start_on == *Date::Parse("2023-07-01")) {
      EXPECT_EQ(c.work_region, "");  // the old flag said 跨省; the place stays unknown
    } else {
      EXPECT_EQ(c.work_region, "520221");
      EXPECT_EQ(c.social_insurance_months, 30);
    }
  }
  EXPECT_FALSE(db_->Query("SELECT cross_county FROM contracts"));  // the hand-set flags are gone
  auto history_after = store.History("person", p.person_id);
  ASSERT_TRUE(history_after);
  EXPECT_EQ(history_after->size(), history_before->size());
  EXPECT_TRUE(store.Migrate());  // and again: nothing left to do
}

INSTANTIATE_TEST_SUITE_P(Dialects, PlaceColumnsTest, ::testing::Values(Dialect::kSqlite, Dialect::kPostgres),
                         testing::DialectName);

}  // namespace
}  // namespace qjy::store
