#include "core/clause_display.h"

#include <gtest/gtest.h>

namespace qjy {
namespace {

TEST(ClauseDisplayTest, CodesBecomeTheDocumentsWords) {
  struct {
    std::string_view code, shown;
  } cases[] = {
      {"main(十八)", "正文（十八）"},
      {"A1(十九)", "附件1（十九）"},
      {"A3(六)3", "附件3（六）3"},
      {"A4(十六)、A2(十七)", "附件4（十六）、附件2（十七）"},
      {"main", "正文"},
      {"r2.amount = 100000 fen（A1(一)，假定值）", "r2.amount = 100000 fen（附件1（一），假定值）"},
      {"正文（十八）", "正文（十八）"},  // already shown
      {"", ""},
      {"A5(一)", "A5(一)"},            // not a part of the document
      {"main(", "main("},              // unterminated: left alone
  };
  for (const auto& c : cases) EXPECT_EQ(DisplayClause(c.code), c.shown) << c.code;
  EXPECT_NE(kPolicyDocumentTitle.find("黔府发〔2023〕12号"), std::string_view::npos);
}

}  // namespace
}  // namespace qjy
