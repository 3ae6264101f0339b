#include "store/sql_where.h"

#include <utility>

namespace qjy::store {

Where::Where(std::string condition, std::vector<Value> params) : params_(std::move(params)) {
  conditions_.push_back(std::move(condition));
}

Where& Where::Eq(std::string_view column, std::string_view value) {
  if (value.empty()) return *this;
  return And(std::string(column) + " = ?", {Value(std::string(value))});
}

Where& Where::Eq(std::string_view column, int64_t id) {
  if (id == 0) return *this;
  return And(std::string(column) + " = ?", {Value(id)});
}

Where& Where::Prefix(std::string_view column, std::string_view prefix) {
  if (prefix.empty()) return *this;
  return And(std::string(column) + " LIKE ?", {Value(std::string(prefix) + "%")});
}

Where& Where::County(std::string_view column, std::string_view region) {
  if (region.size() == 6) return Eq(column, region);
  return Prefix(column, region);
}

Where& Where::SubstrPrefix(std::string_view column, std::string_view prefix) {
  if (prefix.empty()) return *this;
  return And("substr(" + std::string(column) + ", 1, ?) = ?",
             {Value(static_cast<int64_t>(prefix.size())), Value(std::string(prefix))});
}

Where& Where::And(std::string_view condition, std::vector<Value> params) {
  conditions_.emplace_back(condition);
  for (auto& p : params) params_.push_back(std::move(p));
  return *this;
}

std::string Where::Sql() const {
  if (conditions_.empty()) return "1 = 1";
  std::string out;
  for (const auto& c : conditions_) {
    if (!out.empty()) out += " AND ";
    out += c;
  }
  return out;
}

std::vector<Value> Where::Then(std::vector<Value> more) const {
  std::vector<Value> out = params_;
  for (auto& v : more) out.push_back(std::move(v));
  return out;
}

}  // namespace qjy::store
