// Audit log entries as auditors read them (the audit page, GET /api/audit):
// a target such as "entitlement:R5|E:9152…|25100|2023-07" or
// "budget:520102:employment_subsidy:2025" described in Chinese — the
// subsidy by its rule's title, persons, employers and regions by name —
// and a detail that is a JSON object shown as labelled fields. Pure: the
// names come from the caller's lookups. Thread-safe.
#ifndef QJY_SERVER_AUDIT_TEXT_H_
#define QJY_SERVER_AUDIT_TEXT_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace qjy::server {

struct AuditNamers {
  // "张三（5201**********123X）"; "" when unknown.
  std::function<std::string(int64_t person_id)> person;
  // The employer's name by credit code; "" when unknown.
  std::function<std::string(const std::string& credit_code)> employer;
  // The region's name by code; "" when unknown.
  std::function<std::string(const std::string& code)> region;
};

// The target described; "" when its kind is not one of those described
// here (the page then shows it by its own table of kinds).
std::string AuditTargetText(std::string_view target, const AuditNamers& names);

// A detail that is a JSON object as "登记编号：12；日期：2026-12-06"; any
// other detail as it is.
std::string AuditDetailText(std::string_view detail);

}  // namespace qjy::server

#endif  // QJY_SERVER_AUDIT_TEXT_H_
