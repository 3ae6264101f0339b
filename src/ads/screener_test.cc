#include "ads/screener.h"

#include <algorithm>
#include <set>

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "core/clause_display.h"

namespace qjy::ads {
namespace {

const Screener& Default() {
  static const Screener s = [] {
    auto r = Screener::LoadDefault();
    EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().message);
    return std::move(*r);
  }();
  return s;
}

std::set<std::string> Categories(const std::vector<Finding>& fs) {
  std::set<std::string> out;
  for (const auto& f : fs) out.insert(f.category);
  return out;
}

JobAd AdWithText(const std::string& text) {
  JobAd ad;
  ad.job.title = "岗位";
  ad.job.requirements = text;
  return ad;
}

YAML::Node Corpus() { return YAML::LoadFile(AdsDataDir() + "/screening_corpus.yaml"); }

TEST(ScreenerTest, FlaggedCorpusAdsGetExactlyTheirCategories) {
  YAML::Node corpus = Corpus();
  ASSERT_GE(corpus["flagged"].size(), 10u);
  std::set<std::string> covered;
  for (const auto& ad : corpus["flagged"]) {
    std::string text = ad["text"].as<std::string>();
    std::set<std::string> expect;
    for (const auto& c : ad["expect"]) expect.insert(c.as<std::string>());
    auto findings = Default().Screen(AdWithText(text));
    EXPECT_EQ(Categories(findings), expect) << text;
    for (const auto& f : findings) {
      EXPECT_FALSE(f.suggestion.empty()) << text;
      EXPECT_EQ(f.clause, "main(十八)") << text;
      EXPECT_EQ(f.field, "岗位要求");
      EXPECT_NE(text.find(f.matched), std::string::npos) << f.matched;
    }
    covered.insert(expect.begin(), expect.end());
  }
  // The corpus exercises every category of the data file.
  for (const auto& code : Default().CategoryCodes()) EXPECT_TRUE(covered.count(code)) << code;
}

TEST(ScreenerTest, EveryCleanCorpusAdPasses) {
  YAML::Node corpus = Corpus();
  ASSERT_GE(corpus["clean"].size(), 8u);
  for (const auto& ad : corpus["clean"]) {
    std::string text = ad.as<std::string>();
    auto findings = Default().Screen(AdWithText(text));
    EXPECT_TRUE(findings.empty()) << text << " -> " << (findings.empty() ? "" : findings[0].matched);
  }
}

TEST(ScreenerTest, NeutralPhrasesPass) {
  for (const char* text : {"男女不限", "年龄不限", "提供婚育礼金", "男女宿舍分开"}) {
    EXPECT_TRUE(Default().ScreenText("岗位要求", text).empty()) << text;
  }
}

TEST(ScreenerTest, FindingCarriesMatchedTextAndSuggestion) {
  auto fs = Default().ScreenText("岗位要求", "仓管，限男性");
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0].category, "sex");
  EXPECT_EQ(fs[0].label, "性别");
  EXPECT_EQ(fs[0].matched, "限男性");
  EXPECT_EQ(fs[0].suggestion, "男女不限");
}

TEST(ScreenerTest, TitleIsScreenedToo) {
  JobAd ad;
  ad.job.title = "女销售（限25岁以下）";
  auto fs = Default().Screen(ad);
  ASSERT_FALSE(fs.empty());
  EXPECT_EQ(fs[0].field, "岗位名称");
  EXPECT_EQ(Categories(fs), (std::set<std::string>{"age"}));
}

TEST(ScreenerTest, StructuredRequirements) {
  JobAd ad;
  ad.job.title = "普工";
  ad.req.sex = "男";
  ad.req.age_max = 35;
  ad.req.age_min = 18;  // lawful minimum
  ad.req.hukou = "贵阳市";
  ad.req.school_tier = "985";
  ad.req.marital = "已婚";
  ad.req.ethnicity = "汉族";
  ad.req.min_education = registry::Education::kBachelor;  // lawful
  auto fs = Default().Screen(ad);
  EXPECT_EQ(Categories(fs),
            (std::set<std::string>{"sex", "age", "hukou", "education", "marital", "ethnicity"}));
  JobAd neutral;
  neutral.job.title = "普工";
  neutral.req.sex = "不限";
  neutral.req.age_min = 18;
  neutral.req.min_education = registry::Education::kBachelor;
  EXPECT_TRUE(Default().Screen(neutral).empty());
  neutral.req.age_min = 25;
  EXPECT_EQ(Categories(Default().Screen(neutral)), (std::set<std::string>{"age"}));
}

TEST(ScreenerTest, WarningNamesCategoriesAndDocument) {
  auto fs = Default().ScreenText("岗位要求", "限男性，乙肝勿扰");
  std::string w = Default().Warning(fs);
  EXPECT_NE(w.find("性别、健康状况"), std::string::npos) << w;
  // The document by its real title, clauses as users read them (#12).
  EXPECT_NE(w.find(kPolicyDocumentTitle), std::string::npos) << w;
  EXPECT_NE(w.find("正文（十八）"), std::string::npos);
  EXPECT_NE(w.find("附件1（十九）"), std::string::npos);
  EXPECT_EQ(w.find("main("), std::string::npos);
  EXPECT_EQ(w.find("A1("), std::string::npos);
  EXPECT_TRUE(Default().Warning({}).empty());
}

TEST(ScreenerTest, FraudFindingsCarryKindAndTheirOwnWarning) {
  auto fs = Default().ScreenText("岗位要求", "先交押金500元，限男性");
  ASSERT_EQ(Categories(fs), (std::set<std::string>{"fee", "sex"}));
  for (const auto& f : fs) EXPECT_EQ(f.kind, f.category == "fee" ? "fraud" : "discrimination");
  EXPECT_TRUE(Screener::HasFraud(fs));
  std::string w = Default().Warning(fs);
  EXPECT_NE(w.find("就业歧视"), std::string::npos) << w;
  EXPECT_NE(w.find("虚假、欺诈"), std::string::npos) << w;
  EXPECT_NE(w.find("向求职者收费"), std::string::npos) << w;
  EXPECT_EQ(w.find("main("), std::string::npos);
  const std::string held = "该信息已转人社部门审核";
  ASSERT_NE(w.find(held), std::string::npos);
  EXPECT_EQ(w.find(held, w.find(held) + 1), std::string::npos);  // once
  auto only_fraud = Default().ScreenText("岗位要求", "先交押金500元");
  EXPECT_EQ(Default().Warning(only_fraud).find("就业歧视"), std::string::npos);
}

TEST(ScreenerTest, PayBaitIsSimpleWorkAboveTheCeiling) {
  JobAd ad;
  ad.job.title = "普工";
  ad.job.wage_max_fen = 1500000;  // at the ceiling: not flagged
  EXPECT_TRUE(Default().Screen(ad).empty());
  ad.job.wage_max_fen = 1500100;
  auto fs = Default().Screen(ad);
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0].category, "pay_bait");
  EXPECT_EQ(fs[0].field, "月薪上限");
  ad.job.title = "高级算法工程师";  // not simple work
  EXPECT_TRUE(Default().Screen(ad).empty());
  // Gig posts: per day.
  EXPECT_TRUE(Default().ScreenGig("搬运工", 100000).empty());
  EXPECT_EQ(Categories(Default().ScreenGig("搬运工", 100100)), (std::set<std::string>{"pay_bait"}));
  EXPECT_EQ(Categories(Default().ScreenGig("临时工（限男性）", 20000)), (std::set<std::string>{"sex"}));
  EXPECT_EQ(Default().ScreenGig("临时工（限男性）", 20000)[0].field, "零工名称");
}

TEST(ScreenerTest, BadFilesAreClearErrors) {
  auto r = Screener::Parse("document: d\nwarning: w\ncategories:\n  - code: sex\n    label: 性别\n"
                           "    clause: x\n    rules:\n      - pattern: '(限男'\n        suggestion: s\n",
                           "t.yaml");
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().message.find("t.yaml"), std::string::npos);
  EXPECT_NE(r.error().message.find("无法编译"), std::string::npos);
  auto missing = Screener::Load("/nonexistent/screening.yaml");
  ASSERT_FALSE(missing.has_value());
  EXPECT_NE(missing.error().message.find("无法读取"), std::string::npos);
  auto bad_kind = Screener::Parse("document: d\nwarning: w\ncategories:\n  - code: fee\n    label: 收费\n"
                                  "    clause: x\n    kind: scam\n    rules:\n      - pattern: 押金\n"
                                  "        suggestion: s\n",
                                  "k.yaml");
  ASSERT_FALSE(bad_kind.has_value());
  EXPECT_NE(bad_kind.error().message.find("kind"), std::string::npos);
  auto no_cats = Screener::Parse("document: d\nwarning: w\n", "u.yaml");
  ASSERT_FALSE(no_cats.has_value());
  EXPECT_NE(no_cats.error().message.find("categories"), std::string::npos);
}

// Lexicons are data: {name} expands to the list, an `all` rule finds its two
// parts in either order within one sentence, and the quoted words are the
// ad's own (before normalisation).
TEST(ScreenerTest, LexiconsAndStructuralRules) {
  const std::string head =
      "document: d\nwarning: w\nlexicons:\n  person: ['女生', '妹崽']\n  no: ['莫来', '不要']\n"
      "categories:\n  - code: sex\n    label: 性别\n    clause: x\n    rules:\n";
  auto s = Screener::Parse(head +
                               "      - pattern: '{person}\\p{Han}{0,2}{no}'\n        suggestion: s\n"
                               "      - all: ['{person}', '(?<!\\d)\\d{2}\\s*[-－]\\s*\\d{2}\\s*岁']\n"
                               "        within: 6\n        suggestion: s\n",
                           "l.yaml");
  ASSERT_TRUE(s.has_value()) << s.error().message;
  EXPECT_EQ(Categories(s->ScreenText("岗位要求", "妹崽就莫来")), (std::set<std::string>{"sex"}));
  // Full-width digits and either order.
  auto f = s->ScreenText("岗位要求", "１８－２５岁，女生。");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].matched, "１８－２５岁，女生");
  EXPECT_TRUE(s->ScreenText("岗位要求", "女生宿舍。18-25岁").empty());  // another sentence
  EXPECT_NE(s->PatternTexts()[0].find("(?:女生|妹崽)"), std::string::npos);

  auto unknown = Screener::Parse(head + "      - pattern: '{nobody}'\n        suggestion: s\n", "u.yaml");
  ASSERT_FALSE(unknown.has_value());
  EXPECT_NE(unknown.error().message.find("{nobody}"), std::string::npos);
  auto bad_all = Screener::Parse(head + "      - all: ['女']\n        suggestion: s\n", "a.yaml");
  ASSERT_FALSE(bad_all.has_value());
  EXPECT_NE(bad_all.error().message.find("all"), std::string::npos);
}

// Chinese numerals and full-width digits reach the same rules as digits;
// the finding quotes the ad as written.
TEST(ScreenerTest, NormalisedTextQuotedAsWritten) {
  auto f = Default().ScreenText("岗位要求", "年龄三十五岁以下");
  ASSERT_FALSE(f.empty());
  EXPECT_EQ(f[0].category, "age");
  EXPECT_NE(f[0].matched.find("三十五岁"), std::string::npos);
  EXPECT_EQ(Categories(Default().ScreenText("岗位要求", "限３５周岁以下")), (std::set<std::string>{"age"}));
  EXPECT_EQ(Categories(Default().ScreenText("岗位要求", "四五十岁的不招")), (std::set<std::string>{"age"}));
  EXPECT_TRUE(Default().ScreenText("岗位要求", "年满十八周岁，男女不限").empty());
}

}  // namespace
}  // namespace qjy::ads
