// Cross-checks CheckResidentId against an independent implementation, npm
// validator's isIdentityCard(s, 'zh-CN'), run by tests/node/id_crosscheck.mjs.
// Skipped when node or node_modules/validator is missing.
//
// Every generated number belongs to a class with an expected relation
// between the two verdicts. Where validator knowingly differs from our
// rules the class asserts that exact difference instead of being left out:
//   - prefix 91 ("国外"): validator accepts it, we do not (not a province);
//   - birth years 1000..1899: validator accepts them, we require >= 1900;
//   - 15-digit first-generation numbers: validator accepts them, we take
//     only 18-digit numbers.
// validator compares the birth date with the real clock, so "today" here
// is the real local date (the one place this test reads the clock).
#include <gtest/gtest.h>

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <unistd.h>

#include "core/date.h"
#include "core/id_number.h"
#include "core/refdata.h"
#include "core/regions.h"
#include "core/install_paths.h"

namespace qjy {
namespace {

enum class Expect { kBothValid, kBothInvalid, kOnlyValidatorAccepts };

struct Case {
  std::string id;
  std::string klass;
  Expect expect;
};

Date LocalToday() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  return Date::FromYmd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday).value();
}

std::string Ymd(Date d) {
  std::string iso = d.ToString();
  return iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2);
}

std::string WithCheck(const std::string& first17) {
  return first17 + ResidentIdCheckChar(first17).value();
}

// County codes to draw from: every Guizhou county and every county of
// five other provinces, real codes from the reference data.
std::vector<std::string> CountyCodes(const RegionIndex& regions) {
  std::vector<std::string> out;
  for (const char* province : {"52", "44", "11", "65", "51", "33"}) {
    const auto prefectures = regions.Children(province).value();
    for (const Region& pref : prefectures) {
      const auto in_pref = regions.Children(pref.code).value();
      for (const Region& county : in_pref) out.push_back(county.code);
    }
  }
  return out;
}

std::vector<Case> GenerateCases(const std::vector<std::string>& counties, Date today) {
  std::mt19937 rng(11643);
  auto pick = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng); };
  auto county = [&] { return counties[pick(counties.size())]; };
  auto seq = [&] {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%03zu", pick(1000));
    return std::string(buf);
  };
  const Date first = Date::FromYmd(1950, 1, 1).value();
  const int span = Date::FromYmd(2008, 12, 31)->days() - first.days() + 1;
  auto birth = [&] { return Ymd(first.AddDays(static_cast<int>(pick(span)))); };
  auto valid = [&] { return WithCheck(county() + birth() + seq()); };

  std::vector<Case> cases;
  for (int i = 0; i < 10000; ++i) cases.push_back({valid(), "valid", Expect::kBothValid});
  // Lowercase x: both normalise.
  for (int found = 0; found < 200;) {
    std::string id = valid();
    if (id.back() != 'X') continue;
    id.back() = 'x';
    cases.push_back({id, "lowercase-x", Expect::kBothValid});
    ++found;
  }
  for (int i = 0; i < 5000; ++i) {  // one character changed anywhere
    std::string id = valid();
    size_t pos = pick(18);
    const std::string_view alphabet = pos == 17 ? "0123456789X" : "0123456789";
    char c;
    do c = alphabet[pick(alphabet.size())]; while (c == id[pos]);
    id[pos] = c;
    cases.push_back({id, "one-char-changed", Expect::kBothInvalid});
  }
  for (int i = 0; i < 2000; ++i) {  // check character replaced
    std::string id = valid();
    char c;
    do c = "0123456789X"[pick(11)]; while (c == id[17]);
    id[17] = c;
    cases.push_back({id, "check-char-swapped", Expect::kBothInvalid});
  }
  for (int i = 0; i < 1000; ++i) {  // adjacent digits transposed
    std::string id = valid();
    size_t pos = pick(16);
    if (id[pos] == id[pos + 1]) continue;
    std::swap(id[pos], id[pos + 1]);
    cases.push_back({id, "transposed", Expect::kBothInvalid});
  }
  static const char* kImpossible[] = {"0229", "0230", "0431", "0631", "0931", "1131",
                                      "1301", "0001", "0100", "0132", "1232", "0000"};
  for (int i = 0; i < 1000; ++i) {  // impossible date, correct check
    int year = 1950 + static_cast<int>(pick(59));
    if (year % 4 == 0) ++year;  // keep 0229 impossible
    std::string md = kImpossible[pick(std::size(kImpossible))];
    cases.push_back(
        {WithCheck(county() + std::to_string(year) + md + seq()), "impossible-date",
         Expect::kBothInvalid});
  }
  for (int i = 0; i < 500; ++i) {  // birth well in the future, correct check
    Date future = today.AddDays(7 + static_cast<int>(pick(3650)));
    cases.push_back({WithCheck(county() + Ymd(future) + seq()), "future-birth",
                     Expect::kBothInvalid});
  }
  for (const char* prefix : {"10", "19", "20", "30", "38", "49", "55", "60", "66", "70", "72",
                             "80", "83", "90", "99"}) {  // not provinces
    for (int i = 0; i < 20; ++i) {
      cases.push_back({WithCheck(prefix + county().substr(2) + birth() + seq()),
                       "not-a-province", Expect::kBothInvalid});
    }
  }
  for (int i = 0; i < 300; ++i) {  // wrong length or stray letters
    std::string id = valid();
    switch (i % 3) {
      case 0: id.pop_back(); break;
      case 1: id.push_back('0'); break;
      default: id[pick(17)] = 'A'; break;
    }
    cases.push_back({id, "bad-shape", Expect::kBothInvalid});
  }
  // Known differences, asserted as such.
  for (int i = 0; i < 100; ++i) {
    cases.push_back({WithCheck("91" + county().substr(2) + birth() + seq()), "quirk-prefix-91",
                     Expect::kOnlyValidatorAccepts});
  }
  for (int i = 0; i < 100; ++i) {
    const Date old = Date::FromYmd(1900, 1, 1)->AddDays(-1 - static_cast<int>(pick(365 * 60)));
    cases.push_back({WithCheck(county() + Ymd(old) + seq()), "quirk-before-1900",
                     Expect::kOnlyValidatorAccepts});
  }
  for (int i = 0; i < 100; ++i) {  // 15 digits: address, YYMMDD, sequence
    cases.push_back({county() + birth().substr(2) + seq(), "quirk-15-digit",
                     Expect::kOnlyValidatorAccepts});
  }
  return cases;
}

bool HaveNodeAndValidator() {
  const std::filesystem::path pkg =
      SourceTreeDir() / "node_modules" / "validator" / "package.json";
  if (!std::filesystem::exists(pkg)) return false;
  return std::system("node --version >/dev/null 2>&1") == 0;
}

TEST(IdCrosscheckTest, AgreesWithNpmValidator) {
  if (!HaveNodeAndValidator()) GTEST_SKIP() << "node or node_modules/validator missing";
  auto regions = RegionIndex::Load(RefdataDir());
  ASSERT_TRUE(regions.has_value()) << regions.error().message;
  const std::vector<std::string> counties = CountyCodes(*regions);
  ASSERT_GT(counties.size(), 300u);

  const Date today = LocalToday();
  const std::vector<Case> cases = GenerateCases(counties, today);
  ASSERT_GE(cases.size(), 20000u);

  const auto file = std::filesystem::temp_directory_path() /
                    ("qjy_id_crosscheck_" + std::to_string(::getpid()) + ".txt");
  {
    std::ofstream out(file);
    for (const Case& c : cases) out << c.id << "\n";
  }
  const std::string cmd = "node '" + SourceTreeDir().string() +
                          "/tests/node/id_crosscheck.mjs' '" + file.string() + "'";
  FILE* pipe = ::popen(cmd.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::vector<std::string> lines;
  {
    std::string line;
    char buf[256];
    while (std::fgets(buf, sizeof buf, pipe) != nullptr) {
      line += buf;
      if (!line.empty() && line.back() == '\n') {
        line.pop_back();
        lines.push_back(line);
        line.clear();
      }
    }
  }
  const int status = ::pclose(pipe);
  std::filesystem::remove(file);
  ASSERT_EQ(status, 0) << cmd;
  ASSERT_EQ(lines.size(), cases.size());

  std::map<std::string, int> per_class, mismatches;
  for (size_t i = 0; i < cases.size(); ++i) {
    const Case& c = cases[i];
    const size_t tab = lines[i].find('\t');
    ASSERT_NE(tab, std::string::npos) << lines[i];
    ASSERT_EQ(lines[i].substr(0, tab), c.id) << "line " << i;
    const bool theirs = lines[i].substr(tab + 1) == "true";
    const auto ours = CheckResidentId(c.id, today);
    bool ok = false;
    switch (c.expect) {
      case Expect::kBothValid: ok = ours.valid && theirs; break;
      case Expect::kBothInvalid: ok = !ours.valid && !theirs; break;
      case Expect::kOnlyValidatorAccepts: ok = !ours.valid && theirs; break;
    }
    ++per_class[c.klass];
    if (!ok && ++mismatches[c.klass] <= 5) {
      ADD_FAILURE() << c.klass << ": " << c.id << " ours=" << ours.valid << " (" << ours.reason
                    << ") validator=" << theirs;
    }
  }
  for (const auto& [klass, n] : per_class) {
    EXPECT_EQ(mismatches[klass], 0) << klass << ": " << mismatches[klass] << " of " << n;
  }
}

}  // namespace
}  // namespace qjy
