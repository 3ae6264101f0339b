// Resident ID numbers and unified social credit codes (core/id_number.h,
// core/credit_code.h, core/identifier_check.h): no crash or UB on any
// text, and a "valid" verdict always carries a number whose check
// character recomputes.
#include <cstddef>
#include <cstdint>
#include <memory>

#include <nlohmann/json.hpp>

#include "core/credit_code.h"
#include "core/id_number.h"
#include "core/identifier_check.h"
#include "core/refdata.h"
#include "core/regions.h"
#include "fuzz_util.h"

namespace {

const qjy::RegionIndex* Regions() {
  static const std::unique_ptr<qjy::RegionIndex> regions = [] {
    auto r = qjy::RegionIndex::Load(qjy::RefdataDir());
    return r ? std::make_unique<qjy::RegionIndex>(std::move(*r)) : nullptr;
  }();
  return regions.get();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using qjy::fuzz::AsText;
  const std::string_view text = AsText(data, size);
  const qjy::Date today = *qjy::Date::FromYmd(2026, 6, 30);

  qjy::ResidentIdCheck id = qjy::CheckResidentId(text, today, Regions());
  if (id.valid) {
    QJY_FUZZ_CHECK(id.normalized.size() == 18);
    auto check = qjy::ResidentIdCheckChar(std::string_view(id.normalized).substr(0, 17));
    QJY_FUZZ_CHECK(check && *check == id.normalized[17]);
    QJY_FUZZ_CHECK(id.birth_date && *id.birth_date <= today);
  }
  (void)qjy::ResidentIdCheckChar(text);

  qjy::CreditCodeCheck code = qjy::CheckCreditCode(text);
  if (code.valid) {
    QJY_FUZZ_CHECK(code.normalized.size() == 18);
    QJY_FUZZ_CHECK(qjy::IsCreditCodeAlphabet(code.normalized));
    auto check = qjy::CreditCodeCheckChar(std::string_view(code.normalized).substr(0, 17));
    QJY_FUZZ_CHECK(check && *check == code.normalized[17]);
  }
  (void)qjy::CreditCodeCheckChar(text);

  qjy::IdentifierVerdict verdict = qjy::CheckIdentifier(text, today);
  (void)qjy::ToJson(verdict).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return 0;
}
