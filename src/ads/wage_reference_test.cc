#include "ads/wage_reference.h"

#include <vector>

#include <gtest/gtest.h>

namespace qjy::ads {
namespace {

TEST(WageReferenceTest, MedianAndQuartilePerCodeAndEveryGroupAboveIt) {
  std::vector<WageSample> s = {
      {"4-10-01-01", 300000}, {"4-10-01-01", 350000}, {"4-10-01-01", 400000},  // odd count
      {"4-10-01-02", 200000}, {"4-10-01-02", 500000},                          // even count
      {"6-16", 1200000},
      {"4-10-01-01", 0},        // 面议: skipped
      {"", 900000},             // no code: skipped
  };
  auto names = [](std::string_view code) { return code == "4-10-01-01" ? std::string("保洁员") : std::string(code); };
  const WageReference ref = WageReference::Build(s, names, "2026-12-05");
  EXPECT_EQ(ref.sample_count(), 6u);
  EXPECT_EQ(ref.as_of(), "2026-12-05");
  const WageStats* own = ref.Find("4-10-01-01");
  ASSERT_NE(own, nullptr);
  EXPECT_EQ(own->count, 3);
  EXPECT_EQ(own->employers, 3);  // no employer given: each sample its own
  EXPECT_EQ(own->median_fen, 350000);
  EXPECT_EQ(own->p75_fen, 400000);  // ceil(0.75 × 3) = 3rd
  EXPECT_EQ(own->name, "保洁员");
  const WageStats* even = ref.Find("4-10-01-02");
  ASSERT_NE(even, nullptr);
  EXPECT_EQ(even->median_fen, 350000);  // mean of the two middle ones
  EXPECT_EQ(even->p75_fen, 500000);
  // The groups hold every job under them: 3 + 2 in 4-10-01, 4-10 and 4.
  for (const char* group : {"4-10-01", "4-10", "4"}) {
    const WageStats* g = ref.Find(group);
    ASSERT_NE(g, nullptr) << group;
    EXPECT_EQ(g->count, 5) << group;
    EXPECT_EQ(g->median_fen, 350000) << group;  // 200k 300k 350k 400k 500k
    EXPECT_EQ(g->name, group);
  }
  EXPECT_EQ(ref.Find("6")->count, 1);
  EXPECT_EQ(ref.Find("6-16")->median_fen, 1200000);
  EXPECT_EQ(ref.Find("6-16-01"), nullptr);  // nothing below the posted code
  EXPECT_EQ(ref.Find("4-1"), nullptr);      // prefixes end at a '-' only
  EXPECT_EQ(ref.Find(""), nullptr);
}

TEST(WageReferenceTest, EachEmployerCountsOnce) {
  // One employer posts 30 jobs at 20,000; six others one each at 3,000–
  // 4,000. By jobs the median would be 20,000; by employers (each at the
  // median of its own jobs) it is the others' middle.
  std::vector<WageSample> s;
  for (int i = 0; i < 30; ++i) s.push_back({"4-10-01-01", 2000000, "BAIT"});
  s.push_back({"4-10-01-01", 1000000, "BAIT"});  // its own median stays 20,000
  for (int e = 0; e < 6; ++e) s.push_back({"4-10-01-01", 300000 + e * 20000, "E" + std::to_string(e)});
  const WageReference ref = WageReference::Build(s, nullptr, "2026-12-05");
  const WageStats* st = ref.Find("4-10-01-01");
  ASSERT_NE(st, nullptr);
  EXPECT_EQ(st->count, 37);
  EXPECT_EQ(st->employers, 7);
  // Employers' values: 3,000 3,200 3,400 3,600 3,800 4,000 20,000.
  EXPECT_EQ(st->median_fen, 360000);
  EXPECT_EQ(st->p75_fen, 400000);  // ceil(0.75 × 7) = 6th
  // The same employer under two codes counts once in their group.
  std::vector<WageSample> t = {{"4-10-01-01", 300000, "A"}, {"4-10-01-02", 500000, "A"}, {"4-10-01-02", 400000, "B"}};
  const WageReference g = WageReference::Build(t, nullptr, "");
  EXPECT_EQ(g.Find("4-10-01")->count, 3);
  EXPECT_EQ(g.Find("4-10-01")->employers, 2);
  EXPECT_EQ(g.Find("4-10-01")->median_fen, 400000);  // A: median(3,000, 5,000) = 4,000; B: 4,000
}

TEST(WageReferenceTest, EmptyHasNoEntries) {
  const WageReference ref = WageReference::Build({}, nullptr, "");
  EXPECT_EQ(ref.sample_count(), 0u);
  EXPECT_EQ(ref.Find("4"), nullptr);
}

}  // namespace
}  // namespace qjy::ads
