#include "gen/id_allocator.h"

#include <cstdio>

#include "gen/checks.h"

namespace qjy::gen {

IdAllocator::IdAllocator(size_t counties, Date first_birth, Date last_birth)
    : first_(first_birth),
      last_(last_birth),
      days_(static_cast<size_t>(last_birth.days() - first_birth.days() + 1)),
      used_(counties * days_ * 2, 0) {}

std::optional<std::string> IdAllocator::Allocate(const std::string& county_code, int county,
                                                  Date birth, registry::Sex sex) {
  if (birth < first_ || birth > last_ || county_code.size() != 6) return std::nullopt;
  const int s = sex == registry::Sex::kMale ? 0 : 1;
  uint16_t& used = used_[(static_cast<size_t>(county) * days_ +
                          static_cast<size_t>(birth.days() - first_.days())) * 2 + s];
  // Men 001, 003, … 999 (500 numbers); women 002, 004, … 998 (499).
  const int seq = s == 0 ? 2 * used + 1 : 2 * used + 2;
  if (seq > 999) return std::nullopt;
  ++used;
  char buf[24];
  std::snprintf(buf, sizeof buf, "%s%04d%02d%02d%03d", county_code.c_str(), birth.year(),
                birth.month(), birth.day(), seq);
  std::string id(buf, 17);
  id += ResidentIdCheckChar(id);
  return id;
}

}  // namespace qjy::gen
