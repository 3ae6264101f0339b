#include <string>

#include "core/mask.h"
#include "importer/row_util.h"
#include "importer/rows.h"
#include "registry/organised.h"

namespace qjy::importer {

using namespace internal;  // NOLINT
namespace f = registry::field;

void ParseContractRow(const RowView& row, const ParseContext& ctx, registry::Contract& c,
                      FieldErrors& errors) {
  using C = ContractCol;
  c = registry::Contract{};
  c.person_id_number.assign(Text(row[C::kIdNumber], f::kIdNumber, true, errors));
  if (!c.person_id_number.empty() && c.person_id_number.back() == 'x') {
    c.person_id_number.back() = 'X';
  }
  if (std::string lost = IdDigitsLostReason(c.person_id_number); !lost.empty()) {
    AddError(errors, f::kIdNumber, MaskValue(c.person_id_number), std::move(lost));
  }
  c.employer_credit_code.assign(Text(row[C::kCreditCode], f::kCreditCode, true, errors));
  for (char& ch : c.employer_credit_code) {
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
  }
  if (auto d = DateCell(row[C::kStartOn], f::kStartOn, true, errors)) c.start_on = *d;
  c.end_on = DateCell(row[C::kEndOn], f::kEndOn, false, errors);
  c.social_insurance_months = static_cast<int>(
      CountCell(row[C::kInsuredMonths], f::kInsuredMonths, false, errors).value_or(0));
  c.flexible = FlagCell(row[C::kFlexible], f::kFlexible, errors);
  c.new_form = FlagCell(row[C::kNewForm], f::kNewForm, errors);
  std::string_view work = TrimCell(row[C::kWorkRegion]);
  if (!work.empty()) c.work_region = ParseAnyRegionCell(work, f::kContractWorkPlace, ctx, errors);
  std::string_view via = TrimCell(row[C::kOrganisedVia]);
  if (auto code = registry::ParseOrganisedVia(via)) {
    c.organised_via = *code;
  } else {
    AddError(errors, f::kOrganisedVia, std::string(via),
             "应为劳务协作站、稳岗就业基地、人力资源服务机构、政府组织或自主外出；不填为未记录");
  }
}

void FormatContract(const registry::Contract& c, bool mask, std::vector<std::string>& cells) {
  using C = ContractCol;
  cells.assign(static_cast<size_t>(C::kCount), std::string());
  auto at = [&](C col) -> std::string& { return cells[static_cast<size_t>(col)]; };
  at(C::kIdNumber) = mask ? MaskIdNumber(c.person_id_number) : c.person_id_number;
  at(C::kCreditCode) = c.employer_credit_code;
  at(C::kStartOn) = c.start_on.ToString();
  if (c.end_on) at(C::kEndOn) = c.end_on->ToString();
  at(C::kInsuredMonths) = std::to_string(c.social_insurance_months);
  at(C::kFlexible) = YesNoText(c.flexible);
  at(C::kNewForm) = YesNoText(c.new_form);
  at(C::kWorkRegion) = c.work_region;
  if (!c.organised_via.empty()) at(C::kOrganisedVia) = std::string(registry::OrganisedViaLabel(c.organised_via));
}

}  // namespace qjy::importer
