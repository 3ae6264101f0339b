#include <string>

#include "importer/row_util.h"
#include "importer/rows.h"

namespace qjy::importer {

using namespace internal;  // NOLINT
namespace f = registry::field;

void ParseJobRow(const RowView& row, const ParseContext& ctx, registry::Job& j,
                 FieldErrors& errors) {
  using C = JobCol;
  j = registry::Job{};
  j.employer_credit_code.assign(Text(row[C::kCreditCode], f::kCreditCode, true, errors));
  for (char& c : j.employer_credit_code) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  j.title.assign(Text(row[C::kTitle], f::kTitle, true, errors));
  j.occupation_code.assign(Text(row[C::kOccupationCode], f::kOccupationCode, false, errors));
  j.headcount =
      static_cast<int>(CountCell(row[C::kHeadcount], f::kHeadcount, true, errors).value_or(1));
  auto min = MoneyCell(row[C::kWageMin], f::kWageMin, errors);
  auto max = MoneyCell(row[C::kWageMax], f::kWageMax, errors);
  j.wage_min_fen = min.value_or(0);
  j.wage_max_fen = max ? *max : j.wage_min_fen;
  std::string_view place = Text(row[C::kPlace], f::kPlace, true, errors);
  if (!place.empty()) {
    j.place_region = ParseRegionCell(place, f::kPlace, ctx, errors);
    if (!j.place_region.empty()) {
      // Outside Guizhou the importer sets the employer's county instead.
      if (auto county = ctx.regions.CountyOf(j.place_region)) {
        j.county_code = std::move(*county);
      } else {
        AddError(errors, f::kPlace, place, "工作地点需精确到县级或更细");
      }
    }
  }
  j.type = EnumCell(row[C::kType], f::kJobType, false, registry::JobType::kFullTime, errors);
  j.requirements.assign(TrimCell(row[C::kRequirements]));
  if (auto d = DateCell(row[C::kOpenOn], f::kOpenOn, true, errors)) j.open_on = *d;
  j.close_on = DateCell(row[C::kCloseOn], f::kCloseOn, false, errors);
}

void FormatJob(const registry::Job& j, std::vector<std::string>& cells) {
  using C = JobCol;
  cells.assign(static_cast<size_t>(C::kCount), std::string());
  auto at = [&](C c) -> std::string& { return cells[static_cast<size_t>(c)]; };
  at(C::kCreditCode) = j.employer_credit_code;
  at(C::kTitle) = j.title;
  at(C::kOccupationCode) = j.occupation_code;
  at(C::kHeadcount) = std::to_string(j.headcount);
  if (j.wage_min_fen != 0 || j.wage_max_fen != 0) {
    at(C::kWageMin) = FenToYuanText(j.wage_min_fen);
    at(C::kWageMax) = FenToYuanText(j.wage_max_fen);
  }
  at(C::kPlace) = j.place_region;
  at(C::kType) = registry::Label(j.type);
  at(C::kRequirements) = j.requirements;
  at(C::kOpenOn) = j.open_on.ToString();
  if (j.close_on) at(C::kCloseOn) = j.close_on->ToString();
}

}  // namespace qjy::importer
