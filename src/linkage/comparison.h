// Comparisons of one field between a left and a right row, as levels.
// Level 0: missing on either side (neutral); 1: disagreement; higher levels
// are closer agreement, levels()-1 the closest. Implementations hold
// references to the columns of both sides, are immutable and safe to call
// from several threads; Level() must not allocate.
#ifndef QJY_LINKAGE_COMPARISON_H_
#define QJY_LINKAGE_COMPARISON_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace qjy::linkage {

class Comparison {
 public:
  virtual ~Comparison() = default;
  virtual std::string name() const = 0;
  virtual int levels() const = 0;
  virtual int Level(uint32_t left, uint32_t right) const = 0;
  // For reports: "exact", "jw>=0.92", ...; level 0 is "missing".
  virtual std::string LevelLabel(int level) const;
};

// Strings of one field, columnar: row i is arena[offset[i], offset[i+1]);
// an empty string is missing.
class StringColumn {
 public:
  StringColumn() { offset_.push_back(0); }
  void Add(std::string_view value);
  size_t size() const { return offset_.size() - 1; }
  std::string_view operator[](size_t row) const {
    return std::string_view(arena_).substr(offset_[row], offset_[row + 1] - offset_[row]);
  }

 private:
  std::vector<uint32_t> offset_;
  std::string arena_;
};

// Exact equality: levels missing / different / equal.
class ExactString final : public Comparison {
 public:
  ExactString(std::string name, const StringColumn& left, const StringColumn& right)
      : name_(std::move(name)), left_(left), right_(right) {}
  std::string name() const override { return name_; }
  int levels() const override { return 3; }
  int Level(uint32_t a, uint32_t b) const override;
  std::string LevelLabel(int level) const override;

 private:
  std::string name_;
  const StringColumn& left_;
  const StringColumn& right_;
};

// Jaro–Winkler bands: missing / below the lowest band / each band
// (thresholds ascending) / exact.
class JaroWinklerBands final : public Comparison {
 public:
  JaroWinklerBands(std::string name, const StringColumn& left, const StringColumn& right,
                   std::vector<double> thresholds)
      : name_(std::move(name)), left_(left), right_(right), thresholds_(std::move(thresholds)) {}
  std::string name() const override { return name_; }
  int levels() const override { return static_cast<int>(thresholds_.size()) + 3; }
  int Level(uint32_t a, uint32_t b) const override;
  std::string LevelLabel(int level) const override;

 private:
  std::string name_;
  const StringColumn& left_;
  const StringColumn& right_;
  std::vector<double> thresholds_;
};

// Digit strings (identity numbers written as text, dates as YYYYMMDD):
// missing / different / one substitution or adjacent transposition / exact.
class NearString final : public Comparison {
 public:
  NearString(std::string name, const StringColumn& left, const StringColumn& right)
      : name_(std::move(name)), left_(left), right_(right) {}
  std::string name() const override { return name_; }
  int levels() const override { return 4; }
  int Level(uint32_t a, uint32_t b) const override;
  std::string LevelLabel(int level) const override;

 private:
  std::string name_;
  const StringColumn& left_;
  const StringColumn& right_;
};

// Whether two equal-length byte strings differ in exactly one position or
// by one swap of adjacent positions.
bool OneTypoApart(std::string_view a, std::string_view b);

}  // namespace qjy::linkage

#endif  // QJY_LINKAGE_COMPARISON_H_
