#include <gtest/gtest.h>

#include <chrono>

#include "linkage/engine.h"
#include "linkage/han_fold.h"
#include "linkage/person_compare.h"
#include "linkage/person_table.h"
#include "linkage/synth.h"

namespace qjy::linkage {
namespace {

TEST(PersonTableTest, NormalisesIdNumbers) {
  EXPECT_EQ(NormalizeIdNumber(" 52010219900101001x "), "52010219900101001X");
  // 15-digit first generation: 19 inserted, check character computed.
  const std::string up = NormalizeIdNumber("520102900101001");
  ASSERT_EQ(up.size(), 18u);
  EXPECT_EQ(up.substr(0, 17), "52010219900101001");
  EXPECT_EQ(NormalizeIdNumber("5201021990010100"), "");
  EXPECT_EQ(NormalizeIdNumber("52010219900101001A"), "");
}

TEST(PersonTableTest, NormalisesDatesPhonesDivisions) {
  EXPECT_EQ(NormalizeBirthDate("1990-03-05"), 19900305u);
  EXPECT_EQ(NormalizeBirthDate("19900305"), 19900305u);
  EXPECT_EQ(NormalizeBirthDate("1990/3/5"), 19900305u);
  EXPECT_EQ(NormalizeBirthDate("1990年3月5日"), 19900305u);
  EXPECT_EQ(NormalizeBirthDate("1990-02-30"), 0u);
  EXPECT_EQ(NormalizeBirthDate("05/03/1990"), 0u);  // ambiguous order: not read
  EXPECT_EQ(NormalizePhone("+86 138-0000-1234"), 13800001234u);
  EXPECT_EQ(NormalizePhone("0851-1234567"), 0u);
  EXPECT_EQ(NormalizeDivision("520102"), 520102u);
  EXPECT_EQ(NormalizeDivision("520102016001"), 520102u);
  EXPECT_EQ(NormalizeDivision("5201"), 520100u);
  EXPECT_EQ(NormalizeSex("女"), 2);
  EXPECT_EQ(NormalizeSex("?"), 0);
}

TEST(PersonCompareTest, NameLevels) {
  auto level = [](const char* a, const char* b) { return CompareName(NormalizeName(a), NormalizeName(b)); };
  EXPECT_EQ(level("张伟", "张伟"), 5);
  EXPECT_EQ(level("张伟", "章玮"), 4);  // homophones
  EXPECT_EQ(level("王建国", "王国建"), 3);  // transposed given name
  EXPECT_EQ(level("王建国", "王国"), 3);    // a character dropped
  EXPECT_EQ(level("王建国", "王丽娟"), 2);  // surname only
  EXPECT_EQ(level("王建国", "李丽"), 1);
  EXPECT_EQ(level("", "李丽"), 0);
  EXPECT_EQ(level("欧阳·娜娜", "欧阳娜娜"), 5);  // separators dropped
}

TEST(PersonCompareTest, TraditionalNamesFoldToSimplified) {
  EXPECT_EQ(FoldToSimplified(U'張'), U'张');
  EXPECT_EQ(FoldToSimplified(U'陳'), U'陈');
  EXPECT_EQ(FoldToSimplified(U'曉'), U'晓');
  EXPECT_EQ(FoldToSimplified(U'张'), U'张');  // already simplified
  EXPECT_EQ(FoldToSimplified(U'A'), U'A');    // outside the table
  auto level = [](const char* a, const char* b) { return CompareName(NormalizeName(a), NormalizeName(b)); };
  EXPECT_EQ(level("張偉", "张伟"), 5);
  EXPECT_EQ(level("陳曉明", "陈晓明"), 5);
  EXPECT_EQ(level("歐陽娜娜", "欧阳娜娜"), 5);
  EXPECT_EQ(level("劉德華", "刘德华"), 5);
  // Folding does not make different people equal: 張偉 vs 张玮 stays a
  // homophone, not an exact match.
  EXPECT_EQ(level("張偉", "张玮"), 4);
}

TEST(PersonCompareTest, IdBirthDivisionPhoneLevels) {
  auto id = [](const char* s) {
    std::array<char, 18> a{};
    const std::string n = NormalizeIdNumber(s);
    std::copy(n.begin(), n.end(), a.begin());
    return a;
  };
  EXPECT_EQ(CompareId(id("520102199001010011"), id("520102199001010011")), 3);
  EXPECT_EQ(CompareId(id("520102199001010011"), id("520102199001010911")), 2);  // one digit
  EXPECT_EQ(CompareId(id("520102199001010011"), id("520102199010010011")), 2);  // adjacent swap
  EXPECT_EQ(CompareId(id("520102199001010011"), id("520102199101100011")), 1);
  EXPECT_EQ(CompareId(id("520102199001010011"), id("")), 0);
  // The 15-digit form of the same person is the same number.
  const auto old_form = id("520102900101001");
  const std::string full = NormalizeIdNumber("520102900101001");
  EXPECT_EQ(CompareId(old_form, id(full.c_str())), 3);

  EXPECT_EQ(CompareBirth(19900305, 19900305), 4);
  EXPECT_EQ(CompareBirth(19900305, 19900503), 3);
  EXPECT_EQ(CompareBirth(19900305, 19910305), 2);
  EXPECT_EQ(CompareBirth(19900305, 19851122), 1);
  EXPECT_EQ(CompareBirth(0, 19851122), 0);

  EXPECT_EQ(CompareDivision(520102, 520102), 4);
  EXPECT_EQ(CompareDivision(520102, 520111), 3);
  EXPECT_EQ(CompareDivision(520102, 522301), 2);
  EXPECT_EQ(CompareDivision(520102, 440106), 1);
  EXPECT_EQ(CompareDivision(520100, 520100), 3);  // county unknown on both: prefecture only

  EXPECT_EQ(ComparePhone(13800001234, 13800001234), 3);
  EXPECT_EQ(ComparePhone(13800001234, 13800001243), 2);
  EXPECT_EQ(ComparePhone(13800001234, 13900002234), 1);
}

TEST(SynthTest, DeterministicWithTruth) {
  SynthOptions o;
  o.left = o.right = 2000;
  SynthRng r1(7), r2(7), r3(8);
  auto a = Synthesize(o, QJY_GEN_DATA_DIR, r1);
  auto b = Synthesize(o, QJY_GEN_DATA_DIR, r2);
  auto c = Synthesize(o, QJY_GEN_DATA_DIR, r3);
  ASSERT_TRUE(a && b && c);
  ASSERT_EQ(a->left.size(), 2000u);
  ASSERT_EQ(a->right.size(), 2000u);
  EXPECT_EQ(a->truth.size(), 1000u);
  EXPECT_EQ(a->truth, b->truth);
  EXPECT_EQ(a->right[5].name, b->right[5].name);
  EXPECT_NE(a->truth, c->truth);
  // Copies are corrupted: some true pairs differ in name, some in ID.
  int name_diff = 0, id_diff = 0;
  for (auto [l, r] : a->truth) {
    name_diff += a->left[l].name != a->right[r].name;
    id_diff += a->left[l].id_number != a->right[r].id_number;
  }
  EXPECT_GT(name_diff, 50);
  EXPECT_GT(id_diff, 100);
  SynthRng r4(1);
  EXPECT_FALSE(Synthesize(o, "/nonexistent", r4).has_value());
}

// The size (#18): 100k x 100k Chinese records with known truth,
// half of the right file corrupted copies; F1 >= 0.97 unsupervised.
TEST(PersonLinkTest, Synthetic100kF1) {
  SynthOptions o;
  o.left = o.right = 100'000;
  SynthRng rng(2027);
  auto data = Synthesize(o, QJY_GEN_DATA_DIR, rng);
  ASSERT_TRUE(data.has_value()) << data.error().message;
  PersonTable left, right;
  for (const auto& p : data->left) left.Add(p);
  for (const auto& p : data->right) right.Add(p);
  PersonLinkSpec spec(left, right);
  LinkOptions options;
  options.threads = 2;
  auto result = Link(left.size(), right.size(), spec.comparisons(), spec.Rules(), options);
  ASSERT_TRUE(result.has_value()) << result.error().message;
  const Accuracy acc = Score(result->links, data->truth);
  std::printf("Chinese 100k x 100k: links %zu, precision %.4f recall %.4f F1 %.4f\n", result->links.size(),
              acc.precision, acc.recall, acc.f1);
  EXPECT_GE(acc.f1, 0.97);
  EXPECT_GE(acc.precision, 0.97);
  EXPECT_GE(acc.recall, 0.95);
}

// 20k x 20k Chinese records, half of the right file corrupted copies.
TEST(PersonLinkTest, Synthetic20kF1AndDeterminism) {
  SynthOptions o;
  o.left = o.right = 20'000;
  SynthRng rng(2026);
  auto data = Synthesize(o, QJY_GEN_DATA_DIR, rng);
  ASSERT_TRUE(data.has_value()) << data.error().message;
  PersonTable left, right;
  for (const auto& p : data->left) left.Add(p);
  for (const auto& p : data->right) right.Add(p);
  PersonLinkSpec spec(left, right);
  const auto comparisons = spec.comparisons();
  const auto rules = spec.Rules();
  LinkOptions options;
  options.threads = 2;
  const auto t0 = std::chrono::steady_clock::now();
  auto result = Link(left.size(), right.size(), comparisons, rules, options);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  ASSERT_TRUE(result.has_value()) << result.error().message;
  const Accuracy acc = Score(result->links, data->truth);
  std::printf("Chinese 20k x 20k: candidates %llu, links %zu, review %zu, lambda %.4f\n"
              "  precision %.4f recall %.4f F1 %.4f in %.2f s\n",
              static_cast<unsigned long long>(result->stats.candidate_pairs), result->links.size(),
              result->review.size(), result->model.lambda, acc.precision, acc.recall, acc.f1, secs);
  for (size_t f = 0; f < comparisons.size(); ++f) {
    std::printf("  %-11s", comparisons[f]->name().c_str());
    const auto& p = result->model.fields[f];
    for (size_t l = 1; l < p.m.size(); ++l) {
      std::printf(" [%s m=%.3f u=%.5f w=%+.1f]", comparisons[f]->LevelLabel(static_cast<int>(l)).c_str(),
                  p.m[l], p.u[l], p.weight[l]);
    }
    std::printf("\n");
  }
  EXPECT_GE(acc.f1, 0.97);
  EXPECT_GE(acc.precision, 0.97);
  EXPECT_GE(acc.recall, 0.95);
  // Exact ID agreement outweighs exact name agreement (IDs are rarer).
  EXPECT_GT(result->model.fields[kIdNumber].weight[3], result->model.fields[kName].weight[5]);
  EXPECT_LT(result->model.fields[kIdNumber].weight[1], 0);

  // One thread gives the same links.
  options.threads = 1;
  auto single = Link(left.size(), right.size(), comparisons, rules, options);
  ASSERT_TRUE(single.has_value());
  ASSERT_EQ(single->links.size(), result->links.size());
  for (size_t i = 0; i < result->links.size(); ++i) {
    EXPECT_EQ(single->links[i].left, result->links[i].left);
    EXPECT_EQ(single->links[i].right, result->links[i].right);
  }
}

}  // namespace
}  // namespace qjy::linkage
