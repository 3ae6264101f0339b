#include "linkage/bloom.h"

#include <gtest/gtest.h>

#include "linkage/person_compare.h"
#include "linkage/synth.h"

namespace qjy::linkage {
namespace {

constexpr BloomSecret kSecret = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
constexpr BloomSecret kOtherSecret = {16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1};

PersonTable One(const char* name, const char* id, const char* birth) {
  PersonTable t;
  t.Add({name, id, birth, "男", "520102", "13800001234"});
  return t;
}

TEST(BloomTest, HomophonesEncodeCloseAndSecretsMatter) {
  const auto a = EncodeBloom(One("张伟", "520102199001010011", "1990-01-01"), kSecret);
  const auto b = EncodeBloom(One("章玮", "520102199001010911", "1990-01-01"), kSecret);
  const auto c = EncodeBloom(One("李娜", "440106198512120022", "1985-12-12"), kSecret);
  const auto a2 = EncodeBloom(One("张伟", "520102199001010011", "1990-01-01"), kOtherSecret);
  auto dice = [](const BloomTable& x, const BloomTable& y, BloomField f) {
    return Dice(x.Row(f, 0), y.Row(f, 0), BloomTable::Words(f), x.ones[f][0], y.ones[f][0]);
  };
  EXPECT_GT(dice(a, b, kBloomName), 0.5);   // same syllables, other characters
  EXPECT_LT(dice(a, b, kBloomName), 1.0);
  EXPECT_LT(dice(a, c, kBloomName), 0.3);
  EXPECT_GT(dice(a, b, kBloomId), 0.85);    // one digit apart
  EXPECT_LT(dice(a, c, kBloomId), 0.7);
  EXPECT_DOUBLE_EQ(dice(a, a, kBloomBirth), 1.0);
  EXPECT_LT(dice(a, a2, kBloomName), 0.5);  // another secret: unrelated bits
  EXPECT_NE(a.block[0][0], a2.block[0][0]);
  EXPECT_EQ(a.block[1][0], b.block[1][0]);  // birth + surname syllable
}

TEST(BloomTest, LinksOnEncodingsOnly) {
  SynthOptions o;
  o.left = o.right = 20'000;
  SynthRng rng(2026);
  auto data = Synthesize(o, QJY_GEN_DATA_DIR, rng);
  ASSERT_TRUE(data.has_value());
  PersonTable left, right;
  for (const auto& p : data->left) left.Add(p);
  for (const auto& p : data->right) right.Add(p);
  const BloomTable el = EncodeBloom(left, kSecret), er = EncodeBloom(right, kSecret);
  BloomLinkSpec spec(el, er);
  auto result = Link(el.size(), er.size(), spec.comparisons(), spec.Rules(), LinkOptions{});
  ASSERT_TRUE(result.has_value()) << result.error().message;
  const Accuracy acc = Score(result->links, data->truth);
  std::printf("Bloom 20k x 20k: precision %.4f recall %.4f F1 %.4f (candidates %llu)\n", acc.precision,
              acc.recall, acc.f1, static_cast<unsigned long long>(result->stats.candidate_pairs));
  EXPECT_GE(acc.f1, 0.97);

  // The right side encoded under another secret links to nothing.
  const BloomTable wrong = EncodeBloom(right, kOtherSecret);
  BloomLinkSpec bad(el, wrong);
  auto none = Link(el.size(), wrong.size(), bad.comparisons(), bad.Rules(), LinkOptions{});
  ASSERT_TRUE(none.has_value());
  EXPECT_EQ(none->stats.candidate_pairs, 0u);
  EXPECT_TRUE(none->links.empty());
}

}  // namespace
}  // namespace qjy::linkage
