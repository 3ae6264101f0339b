// Traditional -> simplified folding of single Han characters, so that a
// partner's 張偉 or 陳曉明 compares as 张伟 / 陈晓明 (issue #18: names
// "traditional/simplified via OpenCC's data").
//
// The table comes from OpenCC (Debian libopencc, whose package brings its
// dictionaries): every code point of the CJK Unified Ideographs, Extension A
// and the compatibility ideographs is converted once with OpenCC's t2s
// configuration, one character per line so that no phrase rule joins two
// characters, and kept in an array. Folding a character is then one lookup,
// with no allocation and no lock (safe from any thread).
//
// Contract: FoldToSimplified(c) is OpenCC's single-character t2s result
// when that is exactly one code point, else c itself (a character outside
// the table, one OpenCC leaves alone, or one it would expand). A simplified
// character maps to itself. The table is built on first use (one OpenCC call, under a second); if
// OpenCC or its t2s data cannot be opened the process stops with a message
// naming the missing file, as it would for a missing shared library (the
// data is part of the library's Debian package).
#ifndef QJY_LINKAGE_HAN_FOLD_H_
#define QJY_LINKAGE_HAN_FOLD_H_

namespace qjy::linkage {

char32_t FoldToSimplified(char32_t c);

}  // namespace qjy::linkage

#endif  // QJY_LINKAGE_HAN_FOLD_H_
