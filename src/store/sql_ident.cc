#include "store/sql_ident.h"

namespace qjy::store {

bool IsPlainIdentifier(std::string_view name) {
  if (name.empty() || name.size() > 63) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    bool digit = c >= '0' && c <= '9';
    if (!alpha && !(digit && i > 0)) return false;
  }
  return true;
}

Result<void> CheckIdentifiers(std::string_view table, std::span<const std::string> columns) {
  if (!IsPlainIdentifier(table)) {
    return Fail(ErrorCode::kInvalidArgument, "非法的表名：" + std::string(table));
  }
  if (columns.empty()) return Fail(ErrorCode::kInvalidArgument, "未指定列");
  for (const auto& c : columns) {
    if (!IsPlainIdentifier(c)) return Fail(ErrorCode::kInvalidArgument, "非法的列名：" + c);
  }
  return {};
}

}  // namespace qjy::store
