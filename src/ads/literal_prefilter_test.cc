#include "ads/literal_prefilter.h"

#include <filesystem>
#include <functional>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <unicode/regex.h>
#include <yaml-cpp/yaml.h>

#include "ads/normalise.h"
#include "ads/screener.h"

namespace qjy::ads {
namespace {

std::vector<std::string> Literals(const std::string& pattern) {
  auto l = RequiredLiterals(icu::UnicodeString::fromUTF8(pattern));
  if (!l) return {"<none>"};
  std::vector<std::string> out;
  for (const auto& s : *l) {
    std::string u8;
    icu::UnicodeString(s.data(), static_cast<int32_t>(s.size())).toUTF8String(u8);
    out.push_back(u8);
  }
  return out;
}

using V = std::vector<std::string>;

TEST(LiteralPrefilterTest, RequiredLiteralsOfPatterns) {
  EXPECT_EQ(Literals("乙肝|HBV"), (V{"hbv", "乙肝"}));  // case-folded
  EXPECT_EQ(Literals("(仅限|只限)\\p{Han}{0,6}户籍"), (V{"仅限", "只限"}));
  // The stronger side of a sequence: two characters over one.
  EXPECT_EQ(Literals("(男|女)\\p{Han}{0,3}(免谈|勿扰)"), (V{"免谈", "勿扰"}));
  // Look-arounds and anchors require nothing; a look-behind start is skipped.
  EXPECT_EQ(Literals("(?:^|(?<=[，,]))(男|女)(性|士)?(?=\\s*[，,]|$)"), (V{"女", "男"}));
  // Small classes and optional parts multiply out.
  EXPECT_EQ(Literals("[男女]工?"), (V{"女", "男"}));  // "女工" adds nothing to "女"
  EXPECT_EQ(Literals("[男女]工"), (V{"女工", "男工"}));
  EXPECT_EQ(Literals("(19|20)\\d{2}年"), (V{"19", "20"}));
  // At least once: what one repetition needs.
  EXPECT_EQ(Literals("\\d+\\s*(元|块)"), (V{"元", "块"}));
  // Nothing required: the pattern always runs.
  EXPECT_EQ(Literals("\\p{Han}{2,4}籍?"), V{"<none>"});
  EXPECT_EQ(Literals("(男|女)?"), V{"<none>"});
  EXPECT_EQ(Literals("男|\\d+"), V{"<none>"});
  EXPECT_EQ(Literals("(?i)男"), V{"<none>"});  // inline flags: not analysed
  EXPECT_EQ(Literals("(a)\\1"), V{"<none>"});  // back-reference
  EXPECT_EQ(Literals("[^男]女"), V{"女"});
  EXPECT_EQ(Literals("[a-z]女"), V{"女"});
}

TEST(LiteralPrefilterTest, IndexReportsPatternsWhoseLiteralsOccur) {
  LiteralIndex index;
  index.Add(0, {u"押金", u"保证金"});
  index.Add(1, {u"hbv"});
  index.Add(2, {u"金"});
  std::vector<char> hit;
  index.Find(FoldForPrefilter(icu::UnicodeString::fromUTF8("无需保证金，查HBV")), hit);
  EXPECT_EQ(hit, (std::vector<char>{1, 1, 1}));
  hit.assign(3, 0);
  index.Find(FoldForPrefilter(icu::UnicodeString::fromUTF8("押")), hit);
  EXPECT_EQ(hit, (std::vector<char>{0, 0, 0}));
}

// Every ad text of every data set (labelled, held-out, blind 1–4, probes,
// corpus), and each with its first and last character dropped (so that
// words at the edges are cut).
std::vector<std::string> AllAdTexts() {
  std::vector<std::string> out;
  std::function<void(const YAML::Node&)> walk = [&](const YAML::Node& n) {
    if (n.IsScalar()) {
      std::string s = n.as<std::string>();
      if (s.size() > 6) out.push_back(s);
    } else if (n.IsSequence()) {
      for (const auto& x : n) walk(x);
    } else if (n.IsMap()) {
      for (const auto& kv : n) walk(kv.second);
    }
  };
  for (const auto& e : std::filesystem::directory_iterator(AdsDataDir())) {
    const std::string name = e.path().filename().string();
    if (name.ends_with("_ads.yaml") || name == "screening_corpus.yaml") walk(YAML::LoadFile(e.path().string()));
    if (name.ends_with("_ads.tsv")) {
      std::ifstream in(e.path());
      for (std::string line; std::getline(in, line);) out.push_back(line.substr(line.rfind('\t') + 1));
    }
  }
  const size_t n = out.size();
  for (size_t i = 0; i < n; ++i) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(out[i]);
    if (u.length() < 4) continue;
    std::string cut;
    icu::UnicodeString(u, 1, u.length() - 2).toUTF8String(cut);
    out.push_back(cut);
  }
  return out;
}

// Soundness on real text: whenever a pattern of screening.yaml matches a
// text, one of its literals occurs in it.
TEST(LiteralPrefilterTest, EveryMatchContainsALiteralOfItsPattern) {
  auto s = Screener::LoadDefault();
  ASSERT_TRUE(s) << s.error().message;
  std::vector<icu::UnicodeString> texts;
  std::vector<std::u16string> folded;
  for (const auto& t : AllAdTexts()) {
    NormalisedText n(icu::UnicodeString::fromUTF8(t));
    texts.push_back(n.text());
    folded.push_back(FoldForPrefilter(n.text()));
  }
  ASSERT_GT(texts.size(), 2000u);
  int with_literals = 0, matches = 0;
  for (const auto& p : s->PatternTexts()) {
    auto lits = RequiredLiterals(icu::UnicodeString::fromUTF8(p));
    if (!lits) continue;
    ++with_literals;
    LiteralIndex index;
    index.Add(0, *lits);
    UErrorCode st = U_ZERO_ERROR;
    UParseError pe;
    std::unique_ptr<icu::RegexPattern> re(
        icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(p), UREGEX_CASE_INSENSITIVE, pe, st));
    ASSERT_TRUE(U_SUCCESS(st)) << p;
    for (size_t i = 0; i < texts.size(); ++i) {
      UErrorCode status = U_ZERO_ERROR;
      std::unique_ptr<icu::RegexMatcher> m(re->matcher(texts[i], status));
      if (!m->find(status)) continue;
      ++matches;
      std::vector<char> hit;
      index.Find(folded[i], hit);
      std::string text;
      texts[i].toUTF8String(text);
      EXPECT_TRUE(hit[0]) << "pattern " << p << " matches a text without its literals: " << text;
    }
  }
  // Nearly every pattern of the file has literals (the rest always run).
  EXPECT_GE(with_literals, static_cast<int>(s->PatternTexts().size()) - 10);
  EXPECT_GT(matches, 1000);
}

// The screener with the prefilter finds exactly what it finds without.
TEST(LiteralPrefilterTest, ScreenerFindsTheSameWithAndWithoutThePrefilter) {
  std::ifstream in(AdsDataDir() + "/screening.yaml");
  std::string yaml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto fast = Screener::Parse(yaml, "screening.yaml");
  auto slow = Screener::Parse(yaml, "screening.yaml", /*prefilter=*/false);
  ASSERT_TRUE(fast && slow);
  int flagged = 0;
  for (const auto& t : AllAdTexts()) {
    JobAd ad;
    ad.job.title = "岗位";
    ad.job.requirements = t;
    auto a = fast->Screen(ad), b = slow->Screen(ad);
    flagged += !a.empty();
    ASSERT_EQ(a.size(), b.size()) << t;
    for (size_t i = 0; i < a.size(); ++i) {
      EXPECT_EQ(a[i].category, b[i].category) << t;
      EXPECT_EQ(a[i].matched, b[i].matched) << t;
      EXPECT_EQ(a[i].suggestion, b[i].suggestion) << t;
      EXPECT_EQ(a[i].field, b[i].field) << t;
    }
  }
  EXPECT_GT(flagged, 1000);
}

}  // namespace
}  // namespace qjy::ads
