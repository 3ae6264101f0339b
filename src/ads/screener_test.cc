#include "ads/screener.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <set>

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "core/clause_display.h"
#include "ads/screener_test_support.h"

namespace qjy::ads {
namespace {

using ::qjy::ads::testing::ShippedScreener;

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
    auto findings = ShippedScreener().Screen(AdWithText(text));
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
  for (const auto& code : ShippedScreener().CategoryCodes()) EXPECT_TRUE(covered.count(code)) << code;
}

TEST(ScreenerTest, EveryCleanCorpusAdPasses) {
  YAML::Node corpus = Corpus();
  ASSERT_GE(corpus["clean"].size(), 8u);
  for (const auto& ad : corpus["clean"]) {
    std::string text = ad.as<std::string>();
    auto findings = ShippedScreener().Screen(AdWithText(text));
    EXPECT_TRUE(findings.empty()) << text << " -> " << (findings.empty() ? "" : findings[0].matched);
  }
}

TEST(ScreenerTest, NeutralPhrasesPass) {
  for (const char* text : {"男女不限", "年龄不限", "提供婚育礼金", "男女宿舍分开"}) {
    EXPECT_TRUE(ShippedScreener().ScreenText("岗位要求", text).empty()) << text;
  }
}

TEST(ScreenerTest, FindingCarriesMatchedTextAndSuggestion) {
  auto fs = ShippedScreener().ScreenText("岗位要求", "仓管，限男性");
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0].category, "sex");
  EXPECT_EQ(fs[0].label, "性别");
  EXPECT_EQ(fs[0].matched, "限男性");
  EXPECT_EQ(fs[0].suggestion, "男女不限");
}

TEST(ScreenerTest, TitleIsScreenedToo) {
  JobAd ad;
  ad.job.title = "女销售（限25岁以下）";
  auto fs = ShippedScreener().Screen(ad);
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
  auto fs = ShippedScreener().Screen(ad);
  EXPECT_EQ(Categories(fs),
            (std::set<std::string>{"sex", "age", "hukou", "education", "marital", "ethnicity"}));
  JobAd neutral;
  neutral.job.title = "普工";
  neutral.req.sex = "不限";
  neutral.req.age_min = 18;
  neutral.req.min_education = registry::Education::kBachelor;
  EXPECT_TRUE(ShippedScreener().Screen(neutral).empty());
  neutral.req.age_min = 25;
  EXPECT_EQ(Categories(ShippedScreener().Screen(neutral)), (std::set<std::string>{"age"}));
}

TEST(ScreenerTest, WarningNamesCategoriesAndDocument) {
  auto fs = ShippedScreener().ScreenText("岗位要求", "限男性，乙肝勿扰");
  std::string w = ShippedScreener().Warning(fs);
  EXPECT_NE(w.find("性别、健康状况"), std::string::npos) << w;
  // The document by its real title, clauses as users read them (#12).
  EXPECT_NE(w.find(kPolicyDocumentTitle), std::string::npos) << w;
  EXPECT_NE(w.find("正文（十八）"), std::string::npos);
  EXPECT_NE(w.find("附件1（十九）"), std::string::npos);
  EXPECT_EQ(w.find("main("), std::string::npos);
  EXPECT_EQ(w.find("A1("), std::string::npos);
  EXPECT_TRUE(ShippedScreener().Warning({}).empty());
}

TEST(ScreenerTest, FraudFindingsCarryKindAndTheirOwnWarning) {
  auto fs = ShippedScreener().ScreenText("岗位要求", "先交押金500元，限男性");
  ASSERT_EQ(Categories(fs), (std::set<std::string>{"fee", "sex"}));
  for (const auto& f : fs) EXPECT_EQ(f.kind, f.category == "fee" ? "fraud" : "discrimination");
  EXPECT_TRUE(Screener::HasFraud(fs));
  std::string w = ShippedScreener().Warning(fs);
  EXPECT_NE(w.find("就业歧视"), std::string::npos) << w;
  EXPECT_NE(w.find("虚假、欺诈"), std::string::npos) << w;
  EXPECT_NE(w.find("向求职者收费"), std::string::npos) << w;
  EXPECT_EQ(w.find("main("), std::string::npos);
  const std::string held = "该信息已转人社部门审核";
  ASSERT_NE(w.find(held), std::string::npos);
  EXPECT_EQ(w.find(held, w.find(held) + 1), std::string::npos);  // once
  auto only_fraud = ShippedScreener().ScreenText("岗位要求", "先交押金500元");
  EXPECT_EQ(ShippedScreener().Warning(only_fraud).find("就业歧视"), std::string::npos);
}

TEST(ScreenerTest, PayBaitIsSimpleWorkAboveTheCeiling) {
  JobAd ad;
  ad.job.title = "普工";
  ad.job.wage_max_fen = 1500000;  // at the ceiling: not flagged
  EXPECT_TRUE(ShippedScreener().Screen(ad).empty());
  ad.job.wage_max_fen = 1500100;
  auto fs = ShippedScreener().Screen(ad);
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0].category, "pay_bait");
  EXPECT_EQ(fs[0].field, "月薪上限");
  ad.job.title = "高级算法工程师";  // not simple work
  EXPECT_TRUE(ShippedScreener().Screen(ad).empty());
  // Gig posts: per day.
  EXPECT_TRUE(ShippedScreener().ScreenGig("搬运工", 100000).empty());
  EXPECT_EQ(Categories(ShippedScreener().ScreenGig("搬运工", 100100)), (std::set<std::string>{"pay_bait"}));
  EXPECT_EQ(Categories(ShippedScreener().ScreenGig("临时工（限男性）", 20000)), (std::set<std::string>{"sex"}));
  EXPECT_EQ(ShippedScreener().ScreenGig("临时工（限男性）", 20000)[0].field, "零工名称");
}

// Open jobs of a small province: 42 cleaners around 3,500 元 (4-10-01-01),
// 5 of a neighbouring occupation in the same minor group (4-10-01-02), 30
// underground haulers around 12,000 元 (6-16-01-01, mining), 3 waiters of
// 4-03-02-01 alone in their medium group.
const WageReference& Wages() {
  static const WageReference ref = [] {
    std::vector<WageSample> s;
    for (int i = 0; i < 42; ++i) s.push_back({"4-10-01-01", 300000 + (i % 11) * 10000});  // 3,000–4,000
    for (int i = 0; i < 5; ++i) s.push_back({"4-10-01-02", 350000});
    for (int i = 0; i < 30; ++i) s.push_back({"6-16-01-01", 1100000 + (i % 5) * 50000});  // 11,000–13,000
    for (int i = 0; i < 3; ++i) s.push_back({"4-03-02-01", 300000});
    auto names = [](std::string_view code) -> std::string {
      if (code == "4-10-01-01") return "保洁员";
      if (code == "4-10-01") return "清洁服务人员";
      if (code == "6-16-01-01") return "井下采矿工";
      return "类别" + std::string(code);
    };
    return WageReference::Build(s, names, "2026-12-05");
  }();
  return ref;
}

JobAd Paid(const std::string& title, const std::string& code, int64_t wage_max_fen) {
  JobAd ad;
  ad.job.title = title;
  ad.job.occupation_code = code;
  ad.job.wage_min_fen = wage_max_fen / 2;
  ad.job.wage_max_fen = wage_max_fen;
  return ad;
}

TEST(ScreenerTest, PayBaitIsJudgedAgainstTheOccupationsPostedPay) {
  const WageStats* cleaners = Wages().Find("4-10-01-01");
  ASSERT_NE(cleaners, nullptr);
  ASSERT_EQ(cleaners->count, 42);
  ASSERT_EQ(cleaners->median_fen, 350000);
  // 18,000 for a cleaner: 5.1 times the median.
  auto fs = ShippedScreener().Screen(Paid("保洁员", "4-10-01-01", 1800000), &Wages());
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0].category, "pay_bait");
  EXPECT_EQ(fs[0].kind, "fraud");
  EXPECT_EQ(fs[0].field, "月薪上限");
  EXPECT_EQ(fs[0].matched, "保洁：月薪上限 18000 元，为该职业（保洁员）在招岗位月薪中位数 3500 元（42 个岗位、42 家单位）的 5.1 倍");
  // 12,000 is below the flat ceiling (not flagged without the reference)
  // but 3.4 times a cleaner's pay; 10,500 (3 times) is the limit.
  EXPECT_TRUE(ShippedScreener().Screen(Paid("保洁员", "4-10-01-01", 1200000)).empty());
  EXPECT_EQ(Categories(ShippedScreener().Screen(Paid("保洁员", "4-10-01-01", 1200000), &Wages())),
            (std::set<std::string>{"pay_bait"}));
  EXPECT_TRUE(ShippedScreener().Screen(Paid("保洁员", "4-10-01-01", 1050000), &Wages()).empty());
  EXPECT_EQ(ShippedScreener().Screen(Paid("保洁员", "4-10-01-01", 1050100), &Wages()).size(), 1u);
  // Not simple work: no finding whatever the pay.
  EXPECT_TRUE(ShippedScreener().Screen(Paid("保洁主管", "4-10-01-01", 1800000), &Wages()).empty());
}

TEST(ScreenerTest, SamePayInAnOccupationThatPaysItIsNotBait) {
  // 12,000 is 3.4 times a cleaner's pay but what mining jobs post.
  EXPECT_EQ(Categories(ShippedScreener().Screen(Paid("井下搬运工", "4-10-01-01", 1200000), &Wages())),
            (std::set<std::string>{"pay_bait"}));
  EXPECT_TRUE(ShippedScreener().Screen(Paid("井下搬运工", "6-16-01-01", 1200000), &Wages()).empty());
}

TEST(ScreenerTest, TheReferenceNeverLiftsTheLimitAboveTheFlatCeiling) {
  // Mining's 3 × 12,000 = 36,000 is above the flat 15,000, which applies:
  // simple work above the ceiling is bait whatever occupation was chosen
  // (an employer could post "打字员" as a well-paid occupation), and the
  // finding says why.
  auto fs = ShippedScreener().Screen(Paid("井下搬运工", "6-16-01-01", 1800000), &Wages());
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0].category, "pay_bait");
  EXPECT_EQ(fs[0].matched,
            "搬运：月薪上限 18000 元，高于简单劳动统一上限参考 15000 元（该职业（井下采矿工）在招岗位月薪中位数 "
            "12000 元的 3 倍为 36000 元，高于统一上限，按统一上限判断）");
  EXPECT_TRUE(ShippedScreener().Screen(Paid("井下搬运工", "6-16-01-01", 1500000), &Wages()).empty());
}

TEST(ScreenerTest, OneEmployerCannotMakeAReference) {
  // 40 jobs of one employer at 3,000 under 4-10-02-01: one employer is not
  // a market (min_employers 5), so its posts neither make the reference of
  // its code nor (as one employer among the group's) of the group: an
  // honest competitor's 10,000 is judged against the flat ceiling.
  std::vector<WageSample> s;
  for (int i = 0; i < 40; ++i) s.push_back({"4-10-02-01", 300000, "91520100MA0000001X"});
  const WageReference one = WageReference::Build(s, nullptr, "2026-12-05");
  ASSERT_EQ(one.Find("4-10-02-01")->count, 40);
  ASSERT_EQ(one.Find("4-10-02-01")->employers, 1);
  auto fs = ShippedScreener().Screen(Paid("保洁员", "4-10-02-01", 1000000), &one);
  EXPECT_TRUE(fs.empty());
  fs = ShippedScreener().Screen(Paid("保洁员", "4-10-02-01", 1500100), &one);
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_NE(fs[0].matched.find("不足 20 个或不足 5 家单位，无职业工资参考"), std::string::npos) << fs[0].matched;
  // Five employers of 4 jobs each at 3,500 make one (20 jobs, 5 employers):
  // 10,501 is then above 3 × 3,500.
  for (int e = 0; e < 5; ++e) {
    for (int i = 0; i < 4; ++i) s.push_back({"4-10-02-02", 350000, "E" + std::to_string(e)});
  }
  const WageReference five = WageReference::Build(s, nullptr, "2026-12-05");
  EXPECT_EQ(Categories(ShippedScreener().Screen(Paid("保洁员", "4-10-02-02", 1050100), &five)),
            (std::set<std::string>{"pay_bait"}));
}

TEST(ScreenerTest, TooFewJobsFallBackToTheGroupThenToTheCeiling) {
  // 5 jobs of its own (< 20): the minor group 4-10-01 (47 jobs) decides.
  auto fs = ShippedScreener().Screen(Paid("保洁员", "4-10-01-02", 1200000), &Wages());
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0].matched,
            "保洁：月薪上限 12000 元，为该职业所属类别（清洁服务人员）在招岗位月薪中位数 3500 元（47 个岗位、47 "
            "家单位）的 3.4 倍（该职业本身在招岗位 5 个、5 家单位，不足 20 个岗位或 5 家单位，按所属类别判断）");
  // An occupation nobody posted, in the same group: the group too.
  EXPECT_EQ(ShippedScreener().Screen(Paid("保洁员", "4-10-01-09", 1200000), &Wages()).size(), 1u);
  // 3 waiters, nothing else in 4-03: the major group "4" (50 jobs) is too
  // broad (broadest_depth 2), so the flat ceiling, and the finding says so.
  EXPECT_TRUE(ShippedScreener().Screen(Paid("服务员", "4-03-02-01", 1200000), &Wages()).empty());
  fs = ShippedScreener().Screen(Paid("服务员", "4-03-02-01", 1500100), &Wages());
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0].matched,
            "服务员：月薪上限 15001 元，高于简单劳动统一上限参考 15000 元（该职业及所属类别在招岗位均不足 20 "
            "个或不足 5 家单位，无职业工资参考，按统一上限判断）");
  // No occupation on the ad; no reference at all.
  fs = ShippedScreener().Screen(Paid("服务员", "", 1500100), &Wages());
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_NE(fs[0].matched.find("岗位未填写职业，按统一上限判断"), std::string::npos) << fs[0].matched;
  fs = ShippedScreener().Screen(Paid("服务员", "4-10-01-01", 1500100));
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_NE(fs[0].matched.find("未取得职业工资参考，按统一上限判断"), std::string::npos) << fs[0].matched;
}

TEST(ScreenerTest, PayStatedInTheTextIsJudgedAgainstTheReferenceToo) {
  JobAd ad = Paid("保洁员", "4-10-01-01", 0);
  ad.job.requirements = "月薪12000，包吃住";
  auto fs = ShippedScreener().Screen(ad, &Wages());
  ASSERT_EQ(Categories(fs), (std::set<std::string>{"pay_bait"}));
  const Finding& f = *std::find_if(fs.begin(), fs.end(), [](const Finding& x) { return x.category == "pay_bait"; });
  EXPECT_NE(f.field.find("折合月薪"), std::string::npos) << f.field;
  EXPECT_NE(f.matched.find("折合月薪 12000 元，为该职业（保洁员）"), std::string::npos) << f.matched;
}

TEST(ScreenerTest, ReferenceParametersComeFromTheFile) {
  std::ifstream in(AdsDataDir() + "/screening.yaml", std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  const std::string yaml = buf.str();
  auto with = [&](const std::string& from, const std::string& to) {
    std::string y = yaml;
    const size_t at = y.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) y.replace(at, from.size(), to);
    return Screener::Parse(y, "t.yaml");
  };
  // Upper quartile instead of the median: cleaners' p75 is 3,700, the
  // limit 11,100, so 11,000 passes (it is held against the median).
  auto p75 = with("statistic: median", "statistic: p75");
  ASSERT_TRUE(p75.has_value()) << p75.error().message;
  EXPECT_TRUE(p75->Screen(Paid("保洁员", "4-10-01-01", 1100000), &Wages()).empty());
  EXPECT_EQ(ShippedScreener().Screen(Paid("保洁员", "4-10-01-01", 1100000), &Wages()).size(), 1u);
  EXPECT_NE(p75->Screen(Paid("保洁员", "4-10-01-01", 1800000), &Wages())[0].matched.find("月薪上四分位数 3700 元"),
            std::string::npos);
  // 5 samples suffice: 4-10-01-02 (5 at 3,500) is its own reference.
  auto five = with("min_samples: 20", "min_samples: 5");
  ASSERT_TRUE(five.has_value());
  auto fs = five->Screen(Paid("保洁员", "4-10-01-02", 1200000), &Wages());
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_NE(fs[0].matched.find("在招岗位月薪中位数 3500 元（5 个岗位、5 家单位）"), std::string::npos)
      << fs[0].matched;
  // Falling back to the major group: the waiters are judged against "4".
  auto major = with("broadest_depth: 2", "broadest_depth: 1");
  ASSERT_TRUE(major.has_value());
  EXPECT_EQ(major->Screen(Paid("服务员", "4-03-02-01", 1200000), &Wages()).size(), 1u);
  // Bad values are clear errors naming the block.
  for (auto [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"statistic: median", "statistic: mean"},
           {"multiplier_x100: 300", "multiplier_x100: 100"},
           {"min_samples: 20", "min_samples: 0"},
           {"min_employers: 5", "min_employers: 0"},
           {"min_employers: 5", "min_employers: 21"},
           {"broadest_depth: 2", "broadest_depth: 5"}}) {
    auto bad = with(from, to);
    ASSERT_FALSE(bad.has_value()) << to;
    EXPECT_NE(bad.error().message.find("pay_bait.reference"), std::string::npos) << bad.error().message;
  }
}

TEST(ScreenerTest, GigPayBaitSaysTheFlatCeilingWasUsed) {
  auto fs = ShippedScreener().ScreenGig("搬运工", 150000);
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_NE(fs[0].matched.find(
                "：日工资 1500 元，高于简单劳动统一上限参考 1000 元（零工不填写职业，无职业工资参考，按统一上限判断）"),
            std::string::npos)
      << fs[0].matched;
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
  auto f = ShippedScreener().ScreenText("岗位要求", "年龄三十五岁以下");
  ASSERT_FALSE(f.empty());
  EXPECT_EQ(f[0].category, "age");
  EXPECT_NE(f[0].matched.find("三十五岁"), std::string::npos);
  EXPECT_EQ(Categories(ShippedScreener().ScreenText("岗位要求", "限３５周岁以下")), (std::set<std::string>{"age"}));
  EXPECT_EQ(Categories(ShippedScreener().ScreenText("岗位要求", "四五十岁的不招")), (std::set<std::string>{"age"}));
  EXPECT_TRUE(ShippedScreener().ScreenText("岗位要求", "年满十八周岁，男女不限").empty());
}

}  // namespace
}  // namespace qjy::ads
