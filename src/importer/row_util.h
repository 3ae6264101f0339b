// Helpers shared by the row parsers (internal to importer/).
#ifndef QJY_IMPORTER_ROW_UTIL_H_
#define QJY_IMPORTER_ROW_UTIL_H_

#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/utf8.h"
#include "importer/cell_values.h"
#include "registry/codes.h"
#include "registry/validate.h"

namespace qjy::importer::internal {

using registry::FieldErrors;

inline void AddError(FieldErrors& errors, std::string_view field, std::string_view value,
                     std::string reason) {
  errors.push_back({std::string(field), std::string(Utf8Prefix(value, 80)), std::move(reason)});
}

// Trimmed text; an error when required and empty.
inline std::string_view Text(std::string_view cell, std::string_view field, bool required,
                             FieldErrors& errors) {
  std::string_view t = TrimCell(cell);
  if (t.empty() && required) AddError(errors, field, t, "必填，不能为空");
  return t;
}

// Empty → nullopt (an error when required); unreadable → error + nullopt.
inline std::optional<Date> DateCell(std::string_view cell, std::string_view field, bool required,
                                    FieldErrors& errors) {
  std::string_view t = TrimCell(cell);
  if (t.empty()) {
    if (required) AddError(errors, field, t, "必填，不能为空");
    return std::nullopt;
  }
  auto d = ParseDateCell(t);
  if (!d) AddError(errors, field, t, "不是有效日期（应为 YYYY-MM-DD 格式的真实日期）");
  return d;
}

inline std::optional<int64_t> CountCell(std::string_view cell, std::string_view field,
                                        bool required, FieldErrors& errors) {
  std::string_view t = TrimCell(cell);
  if (t.empty()) {
    if (required) AddError(errors, field, t, "必填，不能为空");
    return std::nullopt;
  }
  auto n = ParseCount(t);
  if (!n) AddError(errors, field, t, "应为不小于 0 的整数");
  return n;
}

inline std::optional<int64_t> MoneyCell(std::string_view cell, std::string_view field,
                                        FieldErrors& errors) {
  std::string_view t = TrimCell(cell);
  if (t.empty()) return std::nullopt;
  auto fen = ParseYuanToFen(t);
  if (!fen) AddError(errors, field, t, "金额应为以元为单位、最多两位小数的非负数");
  return fen;
}

inline bool FlagCell(std::string_view cell, std::string_view field, FieldErrors& errors) {
  std::string_view t = TrimCell(cell);
  if (t.empty()) return false;
  auto b = ParseYesNo(t);
  if (!b) AddError(errors, field, t, "应填“是”或“否”");
  return b.value_or(false);
}

template <class E>
std::string Choices() {
  std::string s;
  for (E v : registry::AllValues<E>()) {
    if (!s.empty()) s += "/";
    s += registry::Label(v);
  }
  return s;
}

template <class E>
E EnumCell(std::string_view cell, std::string_view field, bool required, E fallback,
           FieldErrors& errors) {
  std::string_view t = TrimCell(cell);
  if (t.empty()) {
    if (required) AddError(errors, field, t, "必填，不能为空（可填：" + Choices<E>() + "）");
    return fallback;
  }
  auto v = registry::Parse<E>(t);
  if (!v) {
    AddError(errors, field, t, "无法识别，可填：" + Choices<E>());
    return fallback;
  }
  return *v;
}

}  // namespace qjy::importer::internal

#endif  // QJY_IMPORTER_ROW_UTIL_H_
