#include "linkage/synth.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include "core/id_number.h"
#include "core/pinyin.h"

namespace qjy::linkage {
namespace {

uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

// Real county-level codes of Guizhou's nine prefectures (2020 division).
constexpr uint32_t kCounties[] = {
    520102, 520103, 520111, 520112, 520113, 520115, 520121, 520122, 520123, 520181,
    520201, 520203, 520221, 520281, 520302, 520303, 520304, 520322, 520323, 520324,
    520325, 520326, 520327, 520328, 520329, 520330, 520381, 520382, 520402, 520403,
    520422, 520423, 520424, 520425, 520502, 520521, 520523, 520524, 520525, 520526,
    520527, 520581, 520602, 520603, 520621, 520622, 520623, 520624, 520625, 520626,
    520627, 520628, 522301, 522302, 522323, 522324, 522325, 522326, 522327, 522328,
    522601, 522622, 522623, 522624, 522625, 522626, 522627, 522628, 522629, 522630,
    522631, 522632, 522633, 522634, 522635, 522636, 522701, 522702, 522722, 522723,
    522725, 522726, 522727, 522728, 522729, 522730, 522731, 522732,
};

// Common characters that clerks type for a homophone (besides the name tables).
constexpr const char* kCommonChars =
    "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可"
    "她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已"
    "老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力"
    "机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军"
    "产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常"
    "提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服"
    "毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言"
    "权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满"
    "式李息写呢识极令黄德收脸钱党倒未持音跑影演群香维玮薇蔚卫炜纬韦章彰樟璋芬纷汾丽莉俐力励黎丽";

std::vector<std::string> SplitChars(std::string_view s) {
  std::vector<std::string> out;
  const auto* d = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < n;) {
    const int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(d, i, n, c);
    if (c >= 0x3400) out.emplace_back(s.substr(static_cast<size_t>(start), static_cast<size_t>(i - start)));
  }
  return out;
}

uint32_t FirstCp(const std::string& ch) {
  int32_t i = 0;
  UChar32 c = 0;
  U8_NEXT(reinterpret_cast<const uint8_t*>(ch.data()), i, static_cast<int32_t>(ch.size()), c);
  return static_cast<uint32_t>(c);
}

struct NameTables {
  std::vector<std::string> surnames;
  std::vector<uint64_t> surname_cum;  // cumulative weights
  std::vector<std::string> male, female, either;
  std::map<uint16_t, std::vector<std::string>> homophones;          // any pool
  std::map<uint16_t, std::vector<std::string>> surname_homophones;  // surnames only
  std::vector<std::string> pool;
};

Result<NameTables> LoadTables(const std::string& dir) {
  NameTables t;
  std::ifstream s(dir + "/surnames.csv"), g(dir + "/given_chars.csv");
  if (!s || !g) return Fail(ErrorCode::kIo, "读不到生成器的姓名表：" + dir);
  std::string line;
  uint64_t total = 0;
  while (std::getline(s, line)) {
    if (line.empty() || line[0] == '#' || line.starts_with("surname,")) continue;
    const auto comma = line.find(',');
    if (comma == std::string::npos) continue;
    t.surnames.push_back(line.substr(0, comma));
    total += std::stoull(line.substr(comma + 1));
    t.surname_cum.push_back(total);
  }
  while (std::getline(g, line)) {
    if (line.empty() || line[0] == '#' || line.starts_with("sex,")) continue;
    const auto chars = SplitChars(line.substr(2));
    auto& dest = line[0] == 'm' ? t.male : line[0] == 'f' ? t.female : t.either;
    dest.insert(dest.end(), chars.begin(), chars.end());
  }
  if (t.surnames.empty() || t.male.empty() || t.female.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "生成器的姓名表为空：" + dir);
  }
  t.pool = SplitChars(kCommonChars);
  for (const auto* v : {&t.male, &t.female, &t.either}) t.pool.insert(t.pool.end(), v->begin(), v->end());
  std::sort(t.pool.begin(), t.pool.end());
  t.pool.erase(std::unique(t.pool.begin(), t.pool.end()), t.pool.end());
  for (const auto& ch : t.pool) t.homophones[PinyinSyllableId(FirstCp(ch))].push_back(ch);
  for (const auto& ch : t.surnames) {
    if (SplitChars(ch).size() == 1) t.surname_homophones[PinyinSyllableId(FirstCp(ch), true)].push_back(ch);
  }
  for (const auto& ch : t.surnames) {
    const uint16_t syl = PinyinSyllableId(FirstCp(ch), true);
    for (const auto& p : t.pool) {
      if (PinyinSyllableId(FirstCp(p)) == syl) t.surname_homophones[syl].push_back(p);
    }
  }
  for (auto& [k, v] : t.surname_homophones) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
  }
  return t;
}

struct Person {
  std::vector<std::string> surname, given;  // characters
  uint32_t birth = 0;                       // YYYYMMDD
  bool male = true;
  uint32_t county = 0, id_county = 0;
  std::string id;
  uint64_t phone = 0;
};

uint64_t NewPhone(SynthRng& rng) {
  static constexpr int kSecond[] = {3, 5, 7, 8, 9};
  return 10'000'000'000ull + static_cast<uint64_t>(kSecond[rng.Below(5)]) * 1'000'000'000ull +
         rng.Below(1'000'000'000);
}

Person NewPerson(const NameTables& t, SynthRng& rng) {
  Person p;
  const uint64_t r = rng.Below(t.surname_cum.back());
  const size_t si = static_cast<size_t>(
      std::upper_bound(t.surname_cum.begin(), t.surname_cum.end(), r) - t.surname_cum.begin());
  p.surname = SplitChars(t.surnames[si]);
  p.male = rng.Chance(0.52);
  const auto& own = p.male ? t.male : t.female;
  const int given = rng.Chance(0.25) ? 1 : 2;
  for (int k = 0; k < given; ++k) {
    const auto& from = (!t.either.empty() && rng.Chance(0.15)) ? t.either : own;
    p.given.push_back(from[rng.Below(from.size())]);
  }
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const uint32_t y = 1960 + static_cast<uint32_t>(rng.Below(46));
  const uint32_t m = 1 + static_cast<uint32_t>(rng.Below(12));
  const uint32_t d = 1 + static_cast<uint32_t>(rng.Below(static_cast<uint64_t>(kDays[m - 1])));
  p.birth = y * 10000 + m * 100 + d;
  p.county = kCounties[rng.Below(std::size(kCounties))];
  p.id_county = rng.Chance(0.8) ? p.county : kCounties[rng.Below(std::size(kCounties))];
  const uint32_t seq = static_cast<uint32_t>(rng.Below(500)) * 2 + (p.male ? 1 : 0);
  char first17[18];
  std::snprintf(first17, sizeof first17, "%06u%08u%03u", p.id_county, p.birth, seq);
  p.id = std::string(first17, 17) + ResidentIdCheckChar(std::string_view(first17, 17)).value_or('0');
  p.phone = NewPhone(rng);
  return p;
}

std::string Join(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::string s;
  for (const auto& c : a) s += c;
  for (const auto& c : b) s += c;
  return s;
}

std::string DateText(uint32_t v, SynthRng& rng) {
  char buf[32];
  const uint32_t y = v / 10000, m = v / 100 % 100, d = v % 100;
  switch (rng.Below(3)) {
    case 0: std::snprintf(buf, sizeof buf, "%04u-%02u-%02u", y, m, d); break;
    case 1: std::snprintf(buf, sizeof buf, "%04u%02u%02u", y, m, d); break;
    default: std::snprintf(buf, sizeof buf, "%04u/%u/%u", y, m, d); break;
  }
  return buf;
}

PersonFields Render(const Person& p, SynthRng& rng) {
  PersonFields f;
  f.name = Join(p.surname, p.given);
  f.id_number = p.id;
  f.birth_date = p.birth ? DateText(p.birth, rng) : "";
  f.sex = p.male ? "男" : "女";
  f.division_code = p.county ? std::to_string(p.county) : "";
  f.phone = p.phone ? std::to_string(p.phone) : "";
  return f;
}

PersonFields Corrupt(Person p, const NameTables& t, const SynthOptions& o, SynthRng& rng) {
  // Name.
  if (rng.Chance(o.name_homophone)) {
    const bool surname = rng.Chance(0.3) && p.surname.size() == 1;
    std::string& ch = surname ? p.surname[0] : p.given[rng.Below(p.given.size())];
    const uint16_t syl = PinyinSyllableId(FirstCp(ch), surname);
    const auto& map = surname ? t.surname_homophones : t.homophones;
    if (auto it = map.find(syl); it != map.end() && it->second.size() > 1) {
      std::string other = ch;
      for (int tries = 0; tries < 8 && other == ch; ++tries) other = it->second[rng.Below(it->second.size())];
      ch = other;
    }
  }
  if (p.given.size() == 2 && rng.Chance(o.name_transpose)) std::swap(p.given[0], p.given[1]);
  if (p.given.size() == 2 && rng.Chance(o.name_drop)) p.given.erase(p.given.begin() + static_cast<long>(rng.Below(2)));
  if (rng.Chance(o.name_replace)) p.given[rng.Below(p.given.size())] = t.pool[rng.Below(t.pool.size())];
  const bool name_missing = rng.Chance(o.name_missing);
  // ID number.
  std::string id = p.id;
  if (rng.Chance(o.id_digit)) {
    const size_t k = rng.Below(17);
    id[k] = static_cast<char>('0' + (id[k] - '0' + 1 + rng.Below(9)) % 10);
  } else if (rng.Chance(o.id_swap)) {
    const size_t k = rng.Below(16);
    std::swap(id[k], id[k + 1]);
  } else if (p.birth < 20000000 && rng.Chance(o.id_15)) {
    id = id.substr(0, 6) + id.substr(8, 9);
  }
  if (rng.Chance(o.id_missing)) id.clear();
  // Birth date.
  uint32_t birth = p.birth;
  const uint32_t y = birth / 10000, m = birth / 100 % 100, d = birth % 100;
  if (d <= 12 && d != m && rng.Chance(o.birth_swap)) {
    birth = y * 10000 + d * 100 + m;
  } else if (rng.Chance(o.birth_wrong)) {
    birth = rng.Chance(0.5) ? (y + 1) * 10000 + m * 100 + d
                            : y * 10000 + m * 100 + (d % 28) + 1;
  }
  if (rng.Chance(o.birth_missing)) birth = 0;
  // Division: another county of the same prefecture.
  if (rng.Chance(o.division_moved)) {
    std::vector<uint32_t> same;
    for (uint32_t c : kCounties) {
      if (c / 100 == p.county / 100 && c != p.county) same.push_back(c);
    }
    if (!same.empty()) p.county = same[rng.Below(same.size())];
  }
  if (rng.Chance(o.division_missing)) p.county = 0;
  // Phone.
  if (rng.Chance(o.phone_changed)) {
    p.phone = NewPhone(rng);
  } else if (rng.Chance(o.phone_typo)) {
    const uint64_t pow10[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000};
    const uint64_t place = pow10[rng.Below(9)];
    const uint64_t digit = p.phone / place % 10;
    p.phone = p.phone - digit * place + ((digit + 1 + rng.Below(9)) % 10) * place;
  }
  if (rng.Chance(o.phone_missing)) p.phone = 0;

  PersonFields f;
  f.name = name_missing ? "" : Join(p.surname, p.given);
  f.id_number = id;
  f.birth_date = birth ? DateText(birth, rng) : "";
  if (birth != 0 && rng.Chance(0.05)) {  // some partners write 1990年3月5日
    f.birth_date = std::to_string(birth / 10000) + "年" + std::to_string(birth / 100 % 100) + "月" +
                   std::to_string(birth % 100) + "日";
  }
  f.sex = rng.Chance(o.sex_missing) ? "" : (p.male ? "男" : "女");
  f.division_code = p.county ? std::to_string(p.county) : "";
  f.phone = p.phone ? std::to_string(p.phone) : "";
  return f;
}

}  // namespace

SynthRng::SynthRng(uint64_t seed) {
  for (auto& s : s_) {
    uint64_t z = (seed += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    s = z ^ (z >> 31);
  }
}

uint64_t SynthRng::Next() {
  const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
  const uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = Rotl(s_[3], 45);
  return result;
}

uint64_t SynthRng::Below(uint64_t n) {
  const uint64_t limit = ~uint64_t{0} - (~uint64_t{0} % n);
  uint64_t x;
  do x = Next(); while (x >= limit);
  return x % n;
}

bool SynthRng::Chance(double p) { return static_cast<double>(Next() >> 11) * 0x1.0p-53 < p; }

Result<SynthData> Synthesize(const SynthOptions& o, const std::string& gen_data_dir, SynthRng& rng) {
  auto tables = LoadTables(gen_data_dir);
  if (!tables) return std::unexpected(tables.error());
  const NameTables& t = *tables;
  SynthData data;
  std::vector<Person> people;
  people.reserve(o.left);
  data.left.reserve(o.left);
  for (size_t i = 0; i < o.left; ++i) {
    people.push_back(NewPerson(t, rng));
    PersonFields f = Render(people.back(), rng);
    if (rng.Chance(o.left_phone_missing)) f.phone.clear();
    if (rng.Chance(o.left_id_missing)) f.id_number.clear();
    data.left.push_back(std::move(f));
  }
  // Which left rows have a copy on the right: a random subset.
  const size_t copies = std::min(o.left, static_cast<size_t>(static_cast<double>(o.right) * o.overlap));
  std::vector<uint32_t> order(o.left);
  for (size_t i = 0; i < o.left; ++i) order[i] = static_cast<uint32_t>(i);
  for (size_t i = 0; i < copies; ++i) std::swap(order[i], order[i + rng.Below(o.left - i)]);
  // Right rows: copies then new persons, then shuffled.
  std::vector<std::pair<PersonFields, int64_t>> right;  // (fields, left row or -1)
  right.reserve(o.right);
  for (size_t k = 0; k < copies; ++k) right.emplace_back(Corrupt(people[order[k]], t, o, rng), order[k]);
  while (right.size() < o.right) right.emplace_back(Render(NewPerson(t, rng), rng), -1);
  for (size_t i = right.size(); i > 1; --i) std::swap(right[i - 1], right[rng.Below(i)]);
  data.right.reserve(right.size());
  for (size_t j = 0; j < right.size(); ++j) {
    if (right[j].second >= 0) data.truth.emplace_back(static_cast<uint32_t>(right[j].second), static_cast<uint32_t>(j));
    data.right.push_back(std::move(right[j].first));
  }
  std::sort(data.truth.begin(), data.truth.end());
  return data;
}

}  // namespace qjy::linkage
