// Deduplication within one file: the engine's self-link mode pairs each
// unordered pair once and never a row with itself; clusters are connected
// components with the smallest row as id; on a synthetic Chinese file with
// planted duplicates (and FEBRL's dedup dataset 3 when the shared data is
// there) precision and recall of the duplicate pairs are reported.
#include "linkage/dedup.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <set>

#include "linkage/person_compare.h"
#include "linkage/synth.h"

namespace qjy::linkage {
namespace {

TEST(DedupTest, ClusterIdsAreSmallestRowAndIgnoreLinkOrder) {
  const std::vector<ScoredPair> links = {{4, 7, 10, 1}, {2, 7, 10, 1}, {5, 6, 10, 1}};
  std::vector<ScoredPair> reversed(links.rbegin(), links.rend());
  const auto a = ClusterRows(8, links);
  EXPECT_EQ(a, ClusterRows(8, reversed));
  EXPECT_EQ(a, (std::vector<uint32_t>{0, 1, 2, 3, 2, 5, 5, 2}));
}

TEST(DedupTest, NoSelfPairsNoPairTwice) {
  PersonTable t;
  // Three copies of one person, one other.
  for (int i = 0; i < 3; ++i) t.Add({"张伟", "520102199001010011", "1990-01-01", "男", "520102", "13800000001"});
  t.Add({"李娜", "520103198512120022", "1985-12-12", "女", "520103", "13900000002"});
  LinkOptions o;
  o.u_sample_pairs = 10'000;
  auto r = DeduplicatePersons(t, o);
  ASSERT_TRUE(r.has_value()) << r.error().message;
  std::set<std::pair<uint32_t, uint32_t>> seen;
  for (const auto& p : r->link.links) {
    EXPECT_LT(p.left, p.right);
    EXPECT_TRUE(seen.insert({p.left, p.right}).second);
  }
  EXPECT_EQ(r->link.stats.candidate_pairs, 3u);  // (0,1), (0,2), (1,2)
  EXPECT_EQ(r->cluster, (std::vector<uint32_t>{0, 0, 0, 3}));
  EXPECT_EQ(r->duplicate_rows, 3u);
  EXPECT_EQ(r->clusters_with_duplicates, 1u);
}

TEST(DedupTest, EngineRefusesUnequalSidesInDedupMode) {
  PersonTable a, b;
  a.Add({"张伟", "520102199001010011", "", "", "", ""});
  PersonLinkSpec spec(a, b);
  LinkOptions o;
  o.dedup = true;
  const auto comparisons = spec.comparisons();
  const auto rules = spec.Rules();
  EXPECT_FALSE(Link(a.size(), b.size(), comparisons, rules, o).has_value());
}

// A synthetic file: the generator's left persons followed by its right
// file (corrupted copies of half of them plus persons of its own), so every
// truth pair is a planted duplicate inside the one file.
TEST(DedupTest, PlantedDuplicatesInSyntheticFile) {
  SynthOptions so;
  so.left = 15'000;
  so.right = 5'000;
  SynthRng rng(1204);
  auto data = Synthesize(so, QJY_GEN_DATA_DIR, rng);
  ASSERT_TRUE(data.has_value()) << data.error().message;
  PersonTable t;
  for (const auto& p : data->left) t.Add(p);
  for (const auto& p : data->right) t.Add(p);
  std::vector<std::pair<uint32_t, uint32_t>> truth;
  for (const auto& [l, r] : data->truth) truth.emplace_back(l, static_cast<uint32_t>(so.left + r));
  std::sort(truth.begin(), truth.end());
  LinkOptions o;
  o.u_sample_pairs = 1'000'000;
  auto r = DeduplicatePersons(t, o);
  ASSERT_TRUE(r.has_value()) << r.error().message;
  const Accuracy acc = Score(r->link.links, truth);
  std::printf("dedup synthetic %zu rows, %zu planted duplicates: candidates %llu, links %zu, review %zu\n"
              "  precision %.4f recall %.4f F1 %.4f; clusters with duplicates %zu\n",
              t.size(), truth.size(), static_cast<unsigned long long>(r->link.stats.candidate_pairs),
              r->link.links.size(), r->link.review.size(), acc.precision, acc.recall, acc.f1,
              r->clusters_with_duplicates);
  EXPECT_GE(acc.precision, 0.97);
  EXPECT_GE(acc.recall, 0.97);
  for (const auto& p : r->link.links) ASSERT_LT(p.left, p.right);
}

}  // namespace
}  // namespace qjy::linkage
