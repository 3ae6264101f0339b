#include <string>

#include "importer/row_util.h"
#include "importer/rows.h"

namespace qjy::importer {

using namespace internal;  // NOLINT
namespace f = registry::field;

void ParseEmployerRow(const RowView& row, const ParseContext& ctx, registry::Employer& e,
                      FieldErrors& errors) {
  using C = EmployerCol;
  e = registry::Employer{};
  e.credit_code.assign(Text(row[C::kCreditCode], f::kCreditCode, true, errors));
  for (char& c : e.credit_code) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  e.name.assign(Text(row[C::kName], f::kEmployerName, true, errors));
  e.type = EnumCell(row[C::kType], f::kEmployerType, true, registry::EmployerType::kEnterprise,
                    errors);
  e.size = EnumCell(row[C::kSize], f::kSize, true, registry::SizeClass::kSmall, errors);
  std::string_view region = Text(row[C::kRegion], f::kEmployerRegion, true, errors);
  if (!region.empty()) {
    e.region = ParseRegionCell(region, f::kEmployerRegion, ctx, errors);
    if (!e.region.empty()) {
      if (auto county = ctx.regions.CountyOf(e.region)) {
        e.county_code = std::move(*county);
      } else {
        AddError(errors, f::kEmployerRegion, region, "所在地需精确到县级或更细");
      }
    }
  }
  e.insured_headcount = static_cast<int>(
      CountCell(row[C::kInsuredHeadcount], f::kInsuredHeadcount, false, errors).value_or(0));
  e.key_enterprise = FlagCell(row[C::kKeyEnterprise], f::kKeyEnterprise, errors);
  std::string_view insured = TrimCell(row[C::kInsuredRegion]);
  if (!insured.empty()) e.insured_region = ParseAnyRegionCell(insured, f::kEmployerInsuredRegion, ctx, errors);

  std::string_view year = TrimCell(row[C::kYear]);
  bool any_year_cell = !TrimCell(row[C::kYearHeadcount]).empty() ||
                       !TrimCell(row[C::kLayoffs]).empty() || !TrimCell(row[C::kUiPremium]).empty();
  if (year.empty()) {
    if (any_year_cell) AddError(errors, f::kYear, year, "填写了年度数据但未填年度");
    return;
  }
  registry::EmployerYear y;
  auto n = ParseCount(year);
  if (!n || *n < 1000 || *n > 9999) {
    AddError(errors, f::kYear, year, "年度应为四位年份，如 2022");
  } else {
    y.year = static_cast<int>(*n);
  }
  y.insured_headcount = static_cast<int>(
      CountCell(row[C::kYearHeadcount], f::kYearHeadcount, false, errors).value_or(0));
  y.layoffs = static_cast<int>(CountCell(row[C::kLayoffs], f::kLayoffs, false, errors).value_or(0));
  y.ui_premium_fen = MoneyCell(row[C::kUiPremium], f::kUiPremium, errors).value_or(0);
  e.years.push_back(y);
}

void FormatEmployer(const registry::Employer& e, std::vector<std::vector<std::string>>& rows) {
  using C = EmployerCol;
  std::vector<std::string> base(static_cast<size_t>(C::kCount));
  auto at = [](std::vector<std::string>& v, C c) -> std::string& {
    return v[static_cast<size_t>(c)];
  };
  at(base, C::kCreditCode) = e.credit_code;
  at(base, C::kName) = e.name;
  at(base, C::kType) = registry::Label(e.type);
  at(base, C::kSize) = registry::Label(e.size);
  at(base, C::kRegion) = e.region;
  at(base, C::kInsuredHeadcount) = std::to_string(e.insured_headcount);
  at(base, C::kKeyEnterprise) = YesNoText(e.key_enterprise);
  at(base, C::kInsuredRegion) = e.insured_region;
  rows.clear();
  if (e.years.empty()) {
    rows.push_back(std::move(base));
    return;
  }
  for (const auto& y : e.years) {
    auto r = base;
    at(r, C::kYear) = std::to_string(y.year);
    at(r, C::kYearHeadcount) = std::to_string(y.insured_headcount);
    at(r, C::kLayoffs) = std::to_string(y.layoffs);
    at(r, C::kUiPremium) = FenToYuanText(y.ui_premium_fen);
    rows.push_back(std::move(r));
  }
}

}  // namespace qjy::importer
