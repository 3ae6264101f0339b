// Person records for linkage, columnar and integer coded: the fields a
// partner file may hold (name, ID number, birth date, sex, home division,
// phone), normalised once on load so that comparing a pair allocates
// nothing and touches a few integers.
//
// Normalisation (anything unreadable becomes missing, never an error here;
// the importer reports row errors):
//  - name: the Han characters (up to 4; "·", spaces and Latin dropped),
//    traditional forms folded to simplified (han_fold.h: 張偉 -> 张伟), and
//    their toneless pinyin syllables (core/pinyin.h), the first character
//    read as a surname;
//  - ID number: 18 characters, 'x' -> 'X'; a 15-digit first-generation
//    number is upgraded (19 inserted before the 2-digit year, check
//    character computed). The check character is not enforced: a mistyped
//    number still compares as "one typo" with the right one;
//  - birth date: YYYY-MM-DD, YYYYMMDD, YYYY/M/D or YYYY年M月D日 -> YYYYMMDD;
//  - sex: 男/女, M/F, 1/2;
//  - division: the first 6 digits of a division code (a 4-digit prefecture
//    code is padded with 00 = county unknown);
//  - phone: an 11-digit mobile number starting with 1 (+86 and separators
//    dropped).
#ifndef QJY_LINKAGE_PERSON_TABLE_H_
#define QJY_LINKAGE_PERSON_TABLE_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace qjy::linkage {

// One record as text, in our field names (after a partner's headers are
// mapped).
struct PersonFields {
  std::string name, id_number, birth_date, sex, division_code, phone;
};

struct NameCode {
  std::array<uint32_t, 4> chars{};     // code points
  std::array<uint16_t, 4> syllables{};  // pinyin syllable ids
  uint8_t length = 0;                   // 0 = missing
};

class PersonTable {
 public:
  void Add(const PersonFields& person);
  void Reserve(size_t n);
  size_t size() const { return birth.size(); }

  // Birth date, else the one inside the ID number (for blocking keys).
  uint32_t EffectiveBirth(size_t row) const;

  std::vector<NameCode> name;
  std::vector<std::array<char, 18>> id;  // id[r][0] == 0: missing
  std::vector<uint32_t> birth;           // YYYYMMDD, 0 = missing
  std::vector<uint8_t> sex;              // 0 missing, 1 男, 2 女
  std::vector<uint32_t> division;        // 6 digits, 0 = missing
  std::vector<uint64_t> phone;           // 0 = missing
};

// Normalisers, exposed for tests and the importer.
NameCode NormalizeName(std::string_view text);
// "" when unusable.
std::string NormalizeIdNumber(std::string_view text);
uint32_t NormalizeBirthDate(std::string_view text);
uint8_t NormalizeSex(std::string_view text);
uint32_t NormalizeDivision(std::string_view text);
uint64_t NormalizePhone(std::string_view text);

}  // namespace qjy::linkage

#endif  // QJY_LINKAGE_PERSON_TABLE_H_
