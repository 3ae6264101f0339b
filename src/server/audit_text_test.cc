#include "server/audit_text.h"

#include <gtest/gtest.h>

namespace qjy::server {
namespace {

AuditNamers TestNamers() {
  AuditNamers n;
  n.person = [](int64_t id) { return id == 25100 ? std::string("张三（5201**********123X）") : std::string(); };
  n.employer = [](const std::string& code) { return code == "91520102MA6DXXXX0X" ? "测试公司" : ""; };
  n.region = [](const std::string& code) { return code == "520102" ? "南明区" : ""; };
  return n;
}

TEST(AuditTargetText, DescribesTargetsWithoutCodes) {
  const AuditNamers n = TestNamers();
  static const struct {
    const char* target;
    const char* text;
  } kCases[] = {
      {"entitlement:R2|P:25100|25100|once", "享受资格：“一次性吸纳就业补贴（高校毕业生和青年）”（张三（5201**********123X））"},
      {"entitlement:R5|E:91520102MA6DXXXX0X|25100|2023-07",
       "享受资格：“一次性吸纳就业补贴（脱贫人口）”（单位 测试公司，人员 张三（5201**********123X），期间 2023-07）"},
      {"entitlement:R5|E:91520102MA6DXXXX0X|7|2023-07",
       "享受资格：“一次性吸纳就业补贴（脱贫人口）”（单位 测试公司，人员 人员（登记信息已不存在），期间 2023-07）"},
      {"payment-batch:12", "支付批次 12"},
      {"review-list", "待审核清单"},
      {"hold:5", "资金监管核查记录 5"},
      {"person:25100", "人员 张三（5201**********123X）"},
      {"budget:520102:employment_subsidy:2025", "预算：南明区 2025 年就业补助资金"},
      {"region:520102 2025Q2", "区域 南明区 2025Q2"},
      {"supervision:holds/5/release", "资金监管核查记录 5"},
      {"job:17", ""},  // the page's own table names it
  };
  for (const auto& c : kCases) EXPECT_EQ(AuditTargetText(c.target, n), c.text) << c.target;
}

TEST(AuditDetailText, JsonObjectAsLabelledFields) {
  EXPECT_EQ(AuditDetailText(R"({"registration_id":12,"on":"2026-12-06","override_reason":"已离职"})"),
            "登记编号：12；日期：2026-12-06；经办人说明：已离职");
  EXPECT_EQ(AuditDetailText(R"({"amount_fen":150000})"), "金额：1,500.00元");
  EXPECT_EQ(AuditDetailText("新增 3 条待审核享受资格"), "新增 3 条待审核享受资格");
  EXPECT_EQ(AuditDetailText("{not json"), "{not json");
}

}  // namespace
}  // namespace qjy::server
