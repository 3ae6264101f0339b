// Payment facts (store/payment_facts_store.h) on SQLite and PostgreSQL:
// only keyed hashes and the last four digits are stored, a fact not given
// keeps what is stored, the row follows the person's county, a bad account
// writes nothing.
#include "store/payment_facts_store.h"

#include <gtest/gtest.h>

#include "store/registry_store.h"
#include "store/store_test_support.h"

namespace qjy::store {
namespace {

using testing::StoreTest;

class PaymentFactsStoreTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    registry_ = std::make_unique<RegistryStore>(*db_, vault_);
    auto m = registry_->Migrate();
    ASSERT_TRUE(m) << m.error().message;
  }
  void TearDown() override {
    registry_.reset();
    StoreTest::TearDown();
  }
  registry::Person PersonIn(int64_t id, const std::string& county) {
    registry::Person p;
    p.person_id = id;
    p.county_code = county;
    return p;
  }
  Result<void> Write(const registry::Person& p, const registry::PaymentFacts& f) {
    auto tx = Transaction::Begin(*db_);
    if (!tx) return std::unexpected(tx.error());
    auto r = WritePaymentFacts(*db_, vault_, std::span<const registry::Person>(&p, 1),
                               std::span<const registry::PaymentFacts>(&f, 1), "2024-06-15");
    if (!r) return r;
    return tx->Commit();
  }
  Vault vault_ = Vault::FromKey(std::array<uint8_t, 32>{7, 7, 7});
  std::unique_ptr<RegistryStore> registry_;
};

TEST_P(PaymentFactsStoreTest, KeepsHashesAndLastFourOnly) {
  const registry::Person p = PersonIn(1, "520102");
  ASSERT_TRUE(Write(p, {"6222 0212 3456 7890 123", "贵阳市南明区（花果园）3栋 1单元"}));
  auto got = GetPaymentFacts(*db_, 1);
  ASSERT_TRUE(got) << got.error().message;
  ASSERT_TRUE(*got);
  EXPECT_EQ((*got)->county_code, "520102");
  EXPECT_EQ((*got)->bank_last4, "0123");
  EXPECT_EQ((*got)->bank_hash, vault_.Index(registry::BankHashInput("6222021234567890123")));
  // The same address written another way hashes alike.
  EXPECT_EQ((*got)->address_hash,
            vault_.Index(registry::AddressHashInput(registry::NormaliseAddress("贵阳市南明区花果园3栋1单元"))));
  // Nothing in the row spells the account or the address.
  auto raw = db_->Query("SELECT * FROM person_payment_facts");
  ASSERT_TRUE(raw);
  for (const auto& cell : (*raw)[0].cells) {
    if (const auto* text = std::get_if<std::string>(&cell)) {
      EXPECT_EQ(text->find("6222021234567890123"), std::string::npos);
      EXPECT_EQ(text->find("花果园"), std::string::npos);
    }
    if (const auto* blob = std::get_if<Blob>(&cell)) {
      const std::string bytes(blob->begin(), blob->end());
      EXPECT_EQ(bytes.find("6222021234567890123"), std::string::npos);
    }
  }
}

TEST_P(PaymentFactsStoreTest, AFactNotGivenKeepsWhatIsStored) {
  ASSERT_TRUE(Write(PersonIn(2, "520102"), {"622202123456789012", "花果园3栋"}));
  auto before = GetPaymentFacts(*db_, 2);
  ASSERT_TRUE(before && *before);
  // A new address only, in another county: the account stays.
  ASSERT_TRUE(Write(PersonIn(2, "520103"), {"", "观山湖区1号"}));
  auto after = GetPaymentFacts(*db_, 2);
  ASSERT_TRUE(after && *after);
  EXPECT_EQ((*after)->county_code, "520103");
  EXPECT_EQ((*after)->bank_hash, (*before)->bank_hash);
  EXPECT_EQ((*after)->bank_last4, "9012");
  EXPECT_NE((*after)->address_hash, (*before)->address_hash);
  // Two accounts ending alike are two hashes.
  ASSERT_TRUE(Write(PersonIn(3, "520102"), {"622202999999999012", ""}));
  auto other = GetPaymentFacts(*db_, 3);
  ASSERT_TRUE(other && *other);
  EXPECT_EQ((*other)->bank_last4, "9012");
  EXPECT_NE((*other)->bank_hash, (*after)->bank_hash);
  EXPECT_TRUE((*other)->address_hash.empty());
}

TEST_P(PaymentFactsStoreTest, ABadAccountWritesNothing) {
  auto r = Write(PersonIn(4, "520102"), {"6222-ABC", "花果园"});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  auto got = GetPaymentFacts(*db_, 4);
  ASSERT_TRUE(got);
  EXPECT_FALSE(*got);
  // No facts at all: no row.
  ASSERT_TRUE(Write(PersonIn(5, "520102"), {}));
  auto none = GetPaymentFacts(*db_, 5);
  ASSERT_TRUE(none);
  EXPECT_FALSE(*none);
}

QJY_INSTANTIATE_STORE_TEST(PaymentFactsStoreTest);

}  // namespace
}  // namespace qjy::store
