#include <string>

#include "importer/row_util.h"
#include "importer/rows.h"

namespace qjy::importer {

std::string ParseRegionCell(std::string_view text, std::string_view field, const ParseContext& ctx,
                            FieldErrors& errors) {
  text = TrimCell(text);
  if (text.empty()) return {};
  bool digits = text.find_first_not_of("0123456789") == std::string_view::npos;
  if (digits) {
    const Region* r = ctx.regions.Find(text);
    if (r == nullptr) {
      internal::AddError(errors, field, text, "未知的行政区划代码");
      return {};
    }
    return r->code;
  }
  auto code = ctx.regions.ResolveName(text, ctx.region_within);
  if (!code) {
    internal::AddError(errors, field, text, code.error().message);
    return {};
  }
  return std::move(*code);
}

std::string ParseAnyRegionCell(std::string_view text, std::string_view field, const ParseContext& ctx,
                               FieldErrors& errors) {
  ParseContext anywhere = ctx;
  anywhere.region_within = {};
  return ParseRegionCell(text, field, anywhere, errors);
}

}  // namespace qjy::importer
