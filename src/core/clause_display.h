// How users see clauses of 黔府发〔2023〕12号 (#12 §2): code and data write
// `main(十八)`, `A1(十九)`, `A3(六)3` (policy/clauses.h); every page, CLI
// line, message and export shows 正文（十八）, 附件1（十九）, 附件3（六）3.
// This is the one place that turns the first into the second.
#ifndef QJY_CORE_CLAUSE_DISPLAY_H_
#define QJY_CORE_CLAUSE_DISPLAY_H_

#include <string>
#include <string_view>

namespace qjy {

// The document as users cite it.
inline constexpr std::string_view kPolicyDocumentTitle =
    "《省人民政府关于促进高质量充分就业的意见》（黔府发〔2023〕12号）";

// Rewrites every clause code in `text` into its display form: "main(十八)"
// → "正文（十八）", "A1(十九)" → "附件1（十九）", "A3(六)3" → "附件3（六）3",
// "main" alone → "正文"; lists ("A4(十六)、A2(十七)") and surrounding text
// are kept. Text without codes (already displayed) comes back unchanged.
std::string DisplayClause(std::string_view text);

}  // namespace qjy

#endif  // QJY_CORE_CLAUSE_DISPLAY_H_
