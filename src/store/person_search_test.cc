// Finding persons (store/person_search.h), run against SQLite and PostgreSQL.
#include "store/person_search.h"

#include <gtest/gtest.h>

#include <chrono>
#include <set>

#include "store/registry_store.h"
#include "store/store_test_support.h"

namespace qjy::store {
namespace {

using registry::Person;
using testing::StoreTest;

std::array<uint8_t, 32> TestKey() {
  std::array<uint8_t, 32> k{};
  for (size_t i = 0; i < k.size(); ++i) k[i] = static_cast<uint8_t>(i * 5 + 3);
  return k;
}

std::string IdNumber(int n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "5201021985%07d%c", n, "0123456789X"[n % 11]);
  return buf;
}

// A person of county 520102 (南明区) with hukou and residence in its
// township 520102016 unless changed.
Person MakePerson(int n, std::string name) {
  Person p;
  p.county_code = "520102";
  p.id_number = IdNumber(n);
  p.name = std::move(name);
  p.sex = registry::Sex::kMale;
  p.birth_date = *Date::Parse("1985-01-01");
  p.ethnicity = "汉族";
  p.phone = "1390000" + std::to_string(1000 + n);
  p.hukou_region = "520102016001";
  p.residence_region = "520102016002";
  p.education = registry::Education::kPrimary;
  return p;
}

class PersonSearchTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    store_ = std::make_unique<RegistryStore>(*db_, vault_);
    ASSERT_TRUE(store_->Migrate());
    ShardIfAsked();
    if (HasFatalFailure()) return;
    std::vector<Person> persons = {
        MakePerson(1, "张伟"), MakePerson(2, "王芳"), MakePerson(3, "张小明"), MakePerson(4, "李张"),
        MakePerson(5, "龙国贵"), MakePerson(6, "张敏")};
    // 6: owned by 花溪区 (520111), living in 南明区 — both counties see her.
    persons[5].county_code = "520111";
    persons[5].hukou_region = "520111001001";
    persons[5].residence_region = "520102016003";
    // 5: another prefecture (遵义 5203).
    persons[4].county_code = "520302";
    persons[4].hukou_region = "520302001001";
    persons[4].residence_region = "520302001001";
    persons[4].phone = "";
    ASSERT_TRUE(db_->Begin());
    for (auto& p : persons) {
      auto r = store_->UpsertPerson(p, "tester");
      ASSERT_TRUE(r) << r.error().message;
      ids_[p.name] = p.person_id;
    }
    ASSERT_TRUE(db_->Commit());
  }
  void TearDown() override {
    store_.reset();
    StoreTest::TearDown();
  }

  // Names found, in order, for `text` within `scope`.
  std::vector<std::string> Names(const std::string& scope, const std::string& text, int limit = 20) {
    auto q = ClassifyPersonQuery(text);
    EXPECT_TRUE(q) << text;
    PersonSearch s;
    s.scope = scope;
    s.query = q.value_or(PersonQuery{});
    s.limit = limit;
    auto page = store_->SearchPersons(s);
    EXPECT_TRUE(page) << page.error().message;
    std::vector<std::string> out;
    if (page) {
      for (const auto& p : page->persons) out.push_back(p.name);
    }
    return out;
  }
  using V = std::vector<std::string>;

  Vault vault_ = Vault::FromKey(TestKey());
  std::unique_ptr<RegistryStore> store_;
  std::map<std::string, int64_t> ids_;
};

TEST_P(PersonSearchTest, PartOfANameWithinTheScope) {
  // "张" anywhere in the name, 南明区: 张敏 lives there though owned by 花溪区.
  EXPECT_EQ(Names("520102", "张"), (V{"张伟", "张小明", "李张", "张敏"}));
  EXPECT_EQ(Names("520111", "张"), (V{"张敏"}));
  EXPECT_EQ(Names("520302", "张"), V{});
  EXPECT_EQ(Names("520102", "小明"), (V{"张小明"}));
  // 贵阳市 holds both of 张敏's counties: she comes once.
  EXPECT_EQ(Names("5201", "张"), (V{"张伟", "张小明", "李张", "张敏"}));
  EXPECT_EQ(Names("", "张").size(), 4u);
  // Below a county: household or residence within the township / village.
  EXPECT_EQ(Names("520102016", "张"), (V{"张伟", "张小明", "李张", "张敏"}));
  EXPECT_EQ(Names("520102016003", "张"), (V{"张敏"}));
  EXPECT_EQ(Names("520102017", "张"), V{});
}

TEST_P(PersonSearchTest, InitialsIdNumbersAndPhones) {
  EXPECT_EQ(Names("520102", "zw"), (V{"张伟"}));
  EXPECT_EQ(Names("520102", "ZXM"), (V{"张小明"}));
  EXPECT_EQ(Names("52", "lgg"), (V{"龙国贵"}));
  EXPECT_EQ(Names("520102", "lgg"), V{});  // out of scope
  EXPECT_EQ(Names("520102", IdNumber(2)), (V{"王芳"}));
  EXPECT_EQ(Names("520111", IdNumber(2)), V{});
  // As lists show it: first and last four kept.
  EXPECT_EQ(Names("520102", "5201**********" + IdNumber(3).substr(14)), (V{"张小明"}));
  EXPECT_EQ(Names("520102", "13900001004"), (V{"李张"}));
  EXPECT_EQ(Names("520102", "139****1004"), (V{"李张"}));
  EXPECT_EQ(Names("520102", "1001"), (V{"张伟"}));  // phone tail
  EXPECT_EQ(Names("520102", IdNumber(4).substr(14)), (V{"李张"}));  // ID tail
}

TEST_P(PersonSearchTest, PagesWithACursor) {
  PersonSearch s;
  s.scope = "5201";
  s.query = *ClassifyPersonQuery("张");
  s.limit = 3;
  auto first = store_->SearchPersons(s);
  ASSERT_TRUE(first) << first.error().message;
  ASSERT_EQ(first->persons.size(), 3u);
  ASSERT_FALSE(first->next_after.empty());
  s.after = first->next_after;
  auto second = store_->SearchPersons(s);
  ASSERT_TRUE(second);
  ASSERT_EQ(second->persons.size(), 1u);
  EXPECT_EQ(second->persons[0].name, "张敏");
  EXPECT_TRUE(second->next_after.empty());
  s.after = "garbage";
  EXPECT_FALSE(store_->SearchPersons(s));
}

TEST_P(PersonSearchTest, PlacesAndGroups) {
  PersonSearch s;
  s.scope = "520102";
  s.places = {"520102016003"};
  auto page = store_->SearchPersons(s);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->persons.size(), 1u);
  EXPECT_EQ(page->persons[0].name, "张敏");
}

TEST_P(PersonSearchTest, UpdatesMoveTheRowsAndMigrateFillsAnEmptyTable) {
  Person p = MakePerson(1, "赵伟");  // same ID number as 张伟: an update
  p.residence_region = "520111001001";
  ASSERT_TRUE(db_->Begin());
  ASSERT_TRUE(store_->UpsertPerson(p, "tester"));
  ASSERT_TRUE(db_->Commit());
  EXPECT_EQ(Names("520102", "张伟"), V{});  // the old name is gone
  EXPECT_EQ(Names("520102", "赵"), (V{"赵伟"}));
  EXPECT_EQ(Names("520111", "zw"), (V{"赵伟"}));  // now living in 花溪区

  // A database from before the table: Migrate() fills it.
  ASSERT_TRUE(db_->Exec("DELETE FROM person_search"));
  EXPECT_EQ(Names("520102", "张"), V{});
  ASSERT_TRUE(store_->Migrate());
  EXPECT_EQ(Names("520102", "张"), (V{"张小明", "李张", "张敏"}));
  EXPECT_EQ(Names("520111", "zm"), (V{"张敏"}));
}

TEST_P(PersonSearchTest, BatchAndBulkInsertsAreSearchable) {
  std::vector<Person> batch = {MakePerson(20, "张三"), MakePerson(21, "李四")};
  ASSERT_TRUE(db_->Begin());
  auto r = store_->UpsertPersons(batch, "import:test");
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_TRUE(db_->Commit());
  std::vector<Person> bulk = {MakePerson(30, "张五")};
  bulk[0].person_id = 1000;
  ASSERT_TRUE(db_->Begin());
  ASSERT_TRUE(store_->BulkInsertPersons(bulk));
  ASSERT_TRUE(db_->Commit());
  EXPECT_EQ(Names("520102", "zs"), (V{"张三"}));
  EXPECT_EQ(Names("520102", "李"), (V{"李张", "李四"}));
  EXPECT_EQ(Names("520102", "张五"), (V{"张五"}));
}

TEST(PersonQueryTest, ShapeDecidesTheKind) {
  static const struct {
    const char* text;
    PersonQueryKind kind;
    const char* normalised;
  } cases[] = {
      {"", PersonQueryKind::kNone, ""},
      {" 张 ", PersonQueryKind::kName, "张"},
      {"ZW", PersonQueryKind::kInitials, "zw"},
      {"52010219850101001x", PersonQueryKind::kIdNumber, "52010219850101001X"},
      {"5201**********001x", PersonQueryKind::kIdMasked, "5201**********001X"},
      {"13900001001", PersonQueryKind::kPhone, "13900001001"},
      {"139****1001", PersonQueryKind::kPhoneMasked, "139****1001"},
      {"001X", PersonQueryKind::kTail, "001X"},
      {"1001", PersonQueryKind::kTail, "1001"},
  };
  for (const auto& c : cases) {
    auto q = ClassifyPersonQuery(c.text);
    ASSERT_TRUE(q) << c.text;
    EXPECT_EQ(q->kind, c.kind) << c.text;
    EXPECT_EQ(q->text, c.normalised) << c.text;
  }
  for (const char* bad : {"52010", "z1", "张%", "1390000100"}) {
    EXPECT_FALSE(ClassifyPersonQuery(bad)) << bad;
  }
}

}  // namespace

QJY_INSTANTIATE_STORE_TEST(PersonSearchTest);

}  // namespace qjy::store
