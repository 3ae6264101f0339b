#include "linkage/comparison.h"

#include <cstdio>

#include "linkage/jaro.h"

namespace qjy::linkage {

std::string Comparison::LevelLabel(int level) const {
  if (level == 0) return "missing";
  if (level == 1) return "different";
  if (level == levels() - 1) return "exact";
  return "level " + std::to_string(level);
}

void StringColumn::Add(std::string_view value) {
  arena_.append(value);
  offset_.push_back(static_cast<uint32_t>(arena_.size()));
}

int ExactString::Level(uint32_t a, uint32_t b) const {
  const std::string_view x = left_[a], y = right_[b];
  if (x.empty() || y.empty()) return 0;
  return x == y ? 2 : 1;
}

std::string ExactString::LevelLabel(int level) const { return Comparison::LevelLabel(level); }

int JaroWinklerBands::Level(uint32_t a, uint32_t b) const {
  const std::string_view x = left_[a], y = right_[b];
  if (x.empty() || y.empty()) return 0;
  if (x == y) return levels() - 1;
  const double s = JaroWinkler(x, y);
  int level = 1;
  for (size_t i = 0; i < thresholds_.size(); ++i) {
    if (s >= thresholds_[i]) level = static_cast<int>(i) + 2;
  }
  return level;
}

std::string JaroWinklerBands::LevelLabel(int level) const {
  if (level >= 2 && level < levels() - 1) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "jw>=%.2f", thresholds_[level - 2]);
    return buf;
  }
  return Comparison::LevelLabel(level);
}

bool OneTypoApart(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  size_t first = a.size(), count = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) {
      if (count == 0) first = i;
      if (++count > 2) return false;
    }
  }
  if (count == 1) return true;
  return count == 2 && first + 1 < a.size() && a[first] == b[first + 1] &&
         a[first + 1] == b[first];
}

int NearString::Level(uint32_t a, uint32_t b) const {
  const std::string_view x = left_[a], y = right_[b];
  if (x.empty() || y.empty()) return 0;
  if (x == y) return 3;
  return OneTypoApart(x, y) ? 2 : 1;
}

std::string NearString::LevelLabel(int level) const {
  return level == 2 ? "one typo" : Comparison::LevelLabel(level);
}

}  // namespace qjy::linkage
