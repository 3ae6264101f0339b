#include "store/person_keys.h"

#include <gtest/gtest.h>

#include "registry/codes.h"
#include "store/registry_store.h"
#include "store/store_test_support.h"

namespace qjy::store {
namespace {

const Vault& KeysVault() {
  static const Vault v = Vault::FromKey(std::array<uint8_t, 32>{9, 9, 1});
  return v;
}

class PersonKeysTest : public testing::StoreTest {};

TEST_P(PersonKeysTest, FindsThePersonByHashAndItsCounty) {
  RegistryStore registry(*db_, KeysVault());
  ASSERT_TRUE(registry.Migrate());
  registry::Person p;
  p.county_code = "520302";
  p.id_number = "520302199001010012";
  p.name = "遵义甲";
  p.birth_date = *Date::Parse("1990-01-01");
  p.ethnicity = "汉族";
  p.hukou_region = p.residence_region = "520302001";
  {
    auto tx = Transaction::Begin(*db_);
    ASSERT_TRUE(tx);
    ASSERT_TRUE(registry.UpsertPerson(p, "t"));
    ASSERT_TRUE(tx->Commit());
  }
  auto id = PersonIdByHash(*db_, KeysVault().Index(p.id_number));
  ASSERT_TRUE(id) << id.error().message;
  EXPECT_EQ(*id, p.person_id);
  EXPECT_EQ(*PersonIdByHash(*db_, KeysVault().Index("520302199001010020")), 0);
  EXPECT_EQ(*PersonIdByHash(*db_, Blob{}), 0);
  auto county = PersonCounty(*db_, p.person_id);
  ASSERT_TRUE(county);
  EXPECT_EQ(county->value_or(""), "520302");
  EXPECT_FALSE(PersonCounty(*db_, p.person_id + 1000)->has_value());
}

TEST_P(PersonKeysTest, CardAndNameShowOnlyMaskedNumbers) {
  RegistryStore registry(*db_, KeysVault());
  ASSERT_TRUE(registry.Migrate());
  registry::Person p;
  p.county_code = "520302";
  p.id_number = "520302199001010012";
  p.phone = "13812345678";
  p.name = "遵义乙";
  p.birth_date = *Date::Parse("1990-01-01");
  p.ethnicity = "汉族";
  p.education = registry::Education::kBachelor;
  p.hukou_region = p.residence_region = "520302001";
  {
    auto tx = Transaction::Begin(*db_);
    ASSERT_TRUE(tx);
    ASSERT_TRUE(registry.UpsertPerson(p, "t"));
    ASSERT_TRUE(tx->Commit());
  }
  auto card = PersonCardById(*db_, p.person_id);
  ASSERT_TRUE(card) << card.error().message;
  ASSERT_TRUE(card->has_value());
  EXPECT_EQ((*card)->name, "遵义乙");
  EXPECT_EQ((*card)->education, std::string(registry::Code(registry::Education::kBachelor)));
  EXPECT_NE((*card)->id_masked, p.id_number);
  EXPECT_EQ((*card)->id_masked.substr(0, 4), "5203");
  EXPECT_NE((*card)->phone_masked, p.phone);
  EXPECT_EQ((*card)->phone_masked.substr((*card)->phone_masked.size() - 4), "5678");
  EXPECT_FALSE(PersonCardById(*db_, p.person_id + 1000)->has_value());

  auto name = PersonNameByHash(*db_, KeysVault().Index(p.id_number));
  ASSERT_TRUE(name);
  EXPECT_EQ(name->value_or(""), "遵义乙");
  EXPECT_FALSE(PersonNameByHash(*db_, KeysVault().Index("520302199001010020"))->has_value());
  EXPECT_FALSE(PersonNameByHash(*db_, Blob{})->has_value());
}

QJY_INSTANTIATE_STORE_TEST(PersonKeysTest);

// The batch read gives the same cards as one read per person, for more
// ids than one statement takes (500), unknown ids left out.
TEST_P(PersonKeysTest, CardsOfManyPersonsEqualTheirSingleCards) {
  RegistryStore registry(*db_, KeysVault());
  ASSERT_TRUE(registry.Migrate());
  std::vector<int64_t> ids;
  {
    auto tx = Transaction::Begin(*db_);
    ASSERT_TRUE(tx);
    for (int i = 0; i < 520; ++i) {
      registry::Person p;
      p.county_code = "520302";
      p.id_number = "52030219900101" + std::to_string(1000 + i).substr(1) + "0";  // the store checks no digit
      p.name = "遵义" + std::to_string(i);
      p.birth_date = *Date::Parse("1990-01-01");
      p.ethnicity = "汉族";
      p.hukou_region = p.residence_region = "520302001";
      ASSERT_TRUE(registry.UpsertPerson(p, "t"));
      ids.push_back(p.person_id);
    }
    ASSERT_TRUE(tx->Commit());
  }
  ids.push_back(ids.back() + 1000);  // no such person
  auto cards = PersonCardsById(*db_, ids);
  ASSERT_TRUE(cards) << cards.error().message;
  EXPECT_EQ(cards->size(), 520u);
  EXPECT_FALSE(cards->contains(ids.back()));
  for (size_t i = 0; i + 1 < ids.size(); i += 37) {
    auto one = PersonCardById(*db_, ids[i]);
    ASSERT_TRUE(one && one->has_value());
    ASSERT_TRUE(cards->contains(ids[i]));
    EXPECT_EQ(cards->at(ids[i]).name, (*one)->name);
    EXPECT_EQ(cards->at(ids[i]).id_masked, (*one)->id_masked);
  }
  EXPECT_TRUE(PersonCardsById(*db_, {})->empty());
}

}  // namespace
}  // namespace qjy::store
