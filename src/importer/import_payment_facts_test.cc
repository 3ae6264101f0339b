// The persons file's 银行账号 and 住址 (issue #17 §1): stored beside the
// record as keyed hashes and the account's last four digits, in the same
// transaction; a bad account is a row error naming the column (value
// masked) and goes to the rejects file; an empty cell keeps what is stored;
// without a key the row is refused rather than the facts dropped.
#include <gtest/gtest.h>

#include "importer/import.h"
#include "importer/import_test_util.h"
#include "store/payment_facts_store.h"

namespace qjy::importer {
namespace {

using namespace testing;  // NOLINT

class PaymentFactsImportTest : public ::testing::Test {
 protected:
  PaymentFactsImportTest() : reg_(dir_ / "registry.db") {}

  Result<ImportResult> Run(const std::string& content, bool with_key = true) {
    const std::string path = dir_ / "人员.csv";
    WriteFile(path, content);
    ImportOptions o = TestOptions();
    if (with_key) o.vault = &reg_.vault;
    return Import(Entity::kPersons, path, *reg_.registry, *reg_.db, o);
  }
  // PersonRow(i) with the two extra cells.
  static std::string Row(int i, const std::string& bank, const std::string& address) {
    std::string r = PersonRow(i);
    r.resize(r.size() - 2);  // "\r\n"
    return r + "," + bank + "," + address + "\r\n";
  }
  std::optional<store::StoredPaymentFacts> Facts(int i) {
    auto p = reg_.registry->FindPersonByIdNumber(PersonId(i));
    EXPECT_TRUE(p && *p);
    if (!p || !*p) return std::nullopt;
    auto f = store::GetPaymentFacts(*reg_.db, (*p)->person_id);
    EXPECT_TRUE(f);
    return f ? *f : std::nullopt;
  }
  static std::string Header(const char* bank = "银行账号", const char* address = "住址") {
    std::string h = kPersonHeader;
    h.resize(h.size() - 2);
    return h + "," + bank + "," + address + "\r\n";
  }

  TempDir dir_;
  TestRegistry reg_;
};

TEST_F(PaymentFactsImportTest, StoredAsHashesBadAccountIsARowError) {
  auto r = Run(Header() + Row(1, "6222 0212 3456 7890 123", "贵阳市南明区花果园B区3栋1单元101") +
               Row(2, "6222-ABC-0212", "贵阳市南明区花果园B区3栋1单元101") + Row(3, "", "遵义市红花岗区丁字口5号"));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->inserted, 2);
  EXPECT_EQ(r->rejected, 1);
  ASSERT_EQ(r->errors.size(), 1u);
  EXPECT_EQ(r->errors[0].row, 3);
  EXPECT_EQ(r->errors[0].column, "银行账号");
  EXPECT_EQ(r->errors[0].value.find("0212"), std::string::npos) << r->errors[0].value;  // masked
  EXPECT_NE(r->errors[0].reason.find("12-30 位数字"), std::string::npos);
  ASSERT_FALSE(r->rejects_file.empty());
  const std::string rejects = ReadFile(r->rejects_file);
  EXPECT_NE(rejects.find("错误原因"), std::string::npos);
  EXPECT_NE(rejects.find(PersonId(2)), std::string::npos);

  auto one = Facts(1);
  ASSERT_TRUE(one);
  EXPECT_EQ(one->bank_last4, "0123");
  EXPECT_EQ(one->bank_hash, reg_.vault.Index(registry::BankHashInput("6222021234567890123")));
  EXPECT_FALSE(one->address_hash.empty());
  auto three = Facts(3);
  ASSERT_TRUE(three);
  EXPECT_TRUE(three->bank_hash.empty());
  EXPECT_EQ(three->bank_last4, "");

  // Again under the aliases, the account cell empty, the address another:
  // the account is kept.
  auto again = Run(Header("银行卡号", "现住址") + Row(1, "", "贵阳市观山湖区1号"));
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->rejected, 0);
  auto kept = Facts(1);
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->bank_hash, one->bank_hash);
  EXPECT_NE(kept->address_hash, one->address_hash);
}

TEST_F(PaymentFactsImportTest, WithoutAKeyTheRowIsRefused) {
  auto r = Run(Header() + Row(4, "6222021234567890123", "") + Row(5, "", ""), /*with_key=*/false);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->inserted, 1);  // row 5 carries no facts
  EXPECT_EQ(r->rejected, 1);
  ASSERT_EQ(r->errors.size(), 1u);
  EXPECT_NE(r->errors[0].reason.find("未配置密钥"), std::string::npos);
  auto p = reg_.registry->FindPersonByIdNumber(PersonId(4));
  ASSERT_TRUE(p);
  EXPECT_FALSE(*p);
}

}  // namespace
}  // namespace qjy::importer
