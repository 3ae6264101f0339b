#include "supervision/summary_text.h"

#include <gtest/gtest.h>

namespace qjy::supervision {
namespace {

SummaryNamers TestNames() {
  SummaryNamers n;
  n.person = [](int64_t id) { return id == 25100 ? std::string("张三（5201**********123X）") : std::string(); };
  n.region = [](const std::string& code) { return code == "520102" ? std::string("南明区") : std::string(); };
  return n;
}

TEST(SummaryText, NamesPersonsCountiesAndRules) {
  const SummaryNamers n = TestNames();
  static const struct {
    const char* stored;
    const char* shown;
  } kCases[] = {
      {"人员 25100 的一次性吸纳就业补贴已由R5（520102，单位 91520102MA6DXXXX0X，合同期间重叠 30 天）享受",
       "人员 张三（5201**********123X）的一次性吸纳就业补贴已由“一次性吸纳就业补贴（脱贫人口）”（南明区，单位 "
       "91520102MA6DXXXX0X，合同期间重叠 30 天）享受"},
      {"享受人员 25100 的联系电话与经办人员 county 本人相同（利益冲突）",
       "享受人员 张三（5201**********123X）的联系电话与经办人员 county 本人相同（利益冲突）"},
      {"人员 7 于 2023-01-05 死亡，拟于 2024-06-15 支付 600.00元",
       "人员（登记信息已不存在）于 2023-01-05 死亡，拟于 2024-06-15 支付 600.00元"},
      {"520102 2024 年就业补助资金预算 1,000.00元", "南明区 2024 年就业补助资金预算 1,000.00元"},
      {"县区 520399 人均享受金额", "县区 520399 人均享受金额"},  // unknown: left
      {"联系电话（散列 ab12R5cd…）由 4 名享受人员共用", "联系电话（散列 ab12R5cd…）由 4 名享受人员共用"},
      {"R99 不是规则", "R99 不是规则"},
  };
  for (const auto& c : kCases) EXPECT_EQ(SummaryText(c.stored, n), c.shown) << c.stored;
}

TEST(NamedEvidence, ClaimsAndPersonListsGainNames) {
  nlohmann::json ev = {{"claim", {{"rule", "R2"}, {"county_code", "520102"}, {"person_id", 25100}}},
                       {"others", {{{"rule", "R5"}, {"county_code", "520399"}, {"person_id", 0}}}},
                       {"persons", {25100, 7}}};
  auto out = NamedEvidence(ev, TestNames());
  EXPECT_EQ(out["claim"]["rule_title"], "“一次性吸纳就业补贴（高校毕业生和青年）”");
  EXPECT_EQ(out["claim"]["county_name"], "南明区");
  EXPECT_EQ(out["claim"]["person_name"], "张三（5201**********123X）");
  EXPECT_FALSE(out["others"][0].contains("person_name"));
  EXPECT_EQ(out["others"][0]["county_name"], "");
  EXPECT_EQ(out["person_names"], nlohmann::json({"张三（5201**********123X）", "（登记信息已不存在）"}));
  EXPECT_EQ(out["persons"], ev["persons"]);  // the numbers stay for the record
}

// Within the reader's region a person is named (ID masked); a counterpart
// in another county only by its county.
TEST(PersonForReader, NamedWithinTheRegionByCountyElsewhere) {
  auto region = [](const std::string& code) { return code == "520115" ? std::string("观山湖区") : std::string(); };
  EXPECT_EQ(PersonForReader("张三", "52010219900101123X", "520102", "520102", region), "张三（5201**********123X）");
  EXPECT_EQ(PersonForReader("张三", "52010219900101123X", "520102", "", region), "张三（5201**********123X）");
  EXPECT_EQ(PersonForReader("李四", "520115199001011234", "520115", "520102", region), "辖区外人员（观山湖区）");
  EXPECT_EQ(PersonForReader("王五", "520399199001011234", "520399", "5201", region), "辖区外人员（其他县（区））");
  EXPECT_EQ(PersonForReader("王五", "520399199001011234", "520399", "5201", nullptr), "辖区外人员（其他县（区））");
}

}  // namespace
}  // namespace qjy::supervision
