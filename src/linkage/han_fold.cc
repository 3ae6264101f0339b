#include "linkage/han_fold.h"

#include <opencc.h>
#include <unicode/utf8.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

namespace qjy::linkage {
namespace {

struct Range {
  char32_t first, last;  // inclusive
};
// CJK Extension A, CJK Unified Ideographs, CJK Compatibility Ideographs.
constexpr Range kRanges[] = {{0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xF900, 0xFAFF}};

class FoldTable {
 public:
  FoldTable() {
    for (const auto& r : kRanges) size_ += r.last - r.first + 1;
    map_.resize(size_);
    std::string input;
    input.reserve(size_ * 4);
    for (const auto& r : kRanges) {
      for (char32_t c = r.first; c <= r.last; ++c) {
        char buf[4];
        int32_t n = 0;
        UBool error = false;
        U8_APPEND(reinterpret_cast<uint8_t*>(buf), n, 4, static_cast<UChar32>(c), error);
        input.append(buf, static_cast<size_t>(n));
        input.push_back('\n');
      }
    }
    opencc_t cc = opencc_open("t2s.json");
    if (cc == reinterpret_cast<opencc_t>(-1)) {
      std::fprintf(stderr, "OpenCC 简繁转换数据无法打开（t2s.json，Debian 包 libopencc-data）：%s\n",
                   opencc_error());
      std::abort();
    }
    std::unique_ptr<char, void (*)(char*)> out(opencc_convert_utf8(cc, input.data(), input.size()),
                                               opencc_convert_utf8_free);
    opencc_close(cc);
    if (!out) {
      std::fprintf(stderr, "OpenCC 简繁转换失败：%s\n", opencc_error());
      std::abort();
    }
    // One output line per input character; a line of exactly one code point
    // is the folded character, anything else leaves the character alone.
    const std::string_view text(out.get());
    size_t index = 0, start = 0;
    for (size_t i = 0; i <= text.size() && index < size_; ++i) {
      if (i < text.size() && text[i] != '\n') continue;
      const auto* p = reinterpret_cast<const uint8_t*>(text.data() + start);
      const auto n = static_cast<int32_t>(i - start);
      int32_t k = 0;
      UChar32 c = -1;
      if (n > 0) U8_NEXT(p, k, n, c);
      map_[index] = (c >= 0 && k == n) ? static_cast<char32_t>(c) : 0;
      ++index;
      start = i + 1;
    }
    if (index != size_) {
      std::fprintf(stderr, "OpenCC 简繁转换结果行数不符（%zu / %zu）\n", index, size_);
      std::abort();
    }
  }

  char32_t Fold(char32_t c) const {
    size_t offset = 0;
    for (const auto& r : kRanges) {
      if (c >= r.first && c <= r.last) {
        const char32_t m = map_[offset + (c - r.first)];
        return m != 0 ? m : c;
      }
      offset += r.last - r.first + 1;
    }
    return c;
  }

 private:
  size_t size_ = 0;
  std::vector<char32_t> map_;  // 0: keep the character
};

}  // namespace

char32_t FoldToSimplified(char32_t c) {
  static const FoldTable table;  // immutable once built; C++ guarantees one thread builds it
  return table.Fold(c);
}

}  // namespace qjy::linkage
