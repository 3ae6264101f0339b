#include <string>

#include "importer/row_util.h"
#include "importer/rows.h"
#include "registry/contribution.h"

namespace qjy::importer {

using namespace internal;  // NOLINT
namespace f = registry::field;
namespace cf = contribution_field;

void ParseContributionRow(const RowView& row, registry::Contribution& c, FieldErrors& errors) {
  using C = ContributionCol;
  c = registry::Contribution{};
  c.person_id_number.assign(Text(row[C::kIdNumber], f::kIdNumber, true, errors));
  if (!c.person_id_number.empty() && c.person_id_number.back() == 'x') c.person_id_number.back() = 'X';
  c.employer_credit_code.assign(Text(row[C::kCreditCode], cf::kCreditCode, false, errors));
  for (char& ch : c.employer_credit_code) {
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
  }
  if (std::string_view m = Text(row[C::kMonth], cf::kMonth, true, errors); !m.empty()) {
    if (auto month = registry::ParseMonth(m)) {
      c.month = *month;
    } else {
      AddError(errors, cf::kMonth, m, "不是有效的年月（应为 YYYY-MM，如 2023-07）");
    }
  }
  if (std::string_view k = Text(row[C::kKinds], cf::kKinds, true, errors); !k.empty()) {
    if (auto kinds = registry::ParseInsuranceKinds(k)) {
      c.kinds = *kinds;
    } else {
      AddError(errors, cf::kKinds, k, "无法识别的险种，可填：养老/失业/医疗/工伤（多个用分号隔开）或“全部”");
    }
  }
  if (std::string_view b = Text(row[C::kBase], cf::kBase, true, errors); !b.empty()) {
    if (auto fen = MoneyCell(b, cf::kBase, errors)) c.base_fen = *fen;
  }
}

}  // namespace qjy::importer
