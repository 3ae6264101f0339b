// FEBRL dataset 4a × 4b (5,000 × 5,000, each original with one corrupted
// duplicate): unsupervised linkage must reach F1 >= 0.98. The truth (rec_id
// "rec-N-org" <-> "rec-N-dup-K") is read only after linking. Skips when the
// shared data folder is absent.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "linkage/blocking.h"
#include "linkage/comparison.h"
#include "linkage/dedup.h"
#include "linkage/engine.h"

namespace qjy::linkage {
namespace {

constexpr int kFields = 10;  // given_name .. soc_sec_id

struct FebrlFile {
  std::vector<std::string> rec_id;  // not given to the linker
  StringColumn col[kFields];
};

std::string Trim(std::string s) {
  const auto b = s.find_first_not_of(' ');
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \r") - b + 1);
}

bool ReadFebrl(const std::string& path, FebrlFile& out) {
  std::ifstream in(path);
  if (!in) return false;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    size_t start = 0;
    for (;;) {
      const size_t comma = line.find(',', start);
      cells.push_back(Trim(line.substr(start, comma - start)));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    if (cells.size() != kFields + 1) return false;
    out.rec_id.push_back(cells[0]);
    for (int f = 0; f < kFields; ++f) out.col[f].Add(cells[static_cast<size_t>(f) + 1]);
  }
  return true;
}

// "rec-12-org" / "rec-12-dup-0" -> 12.
int EntityOf(const std::string& rec_id) { return std::stoi(rec_id.substr(4)); }

enum { kGiven, kSurname, kStreetNo, kAddr1, kAddr2, kSuburb, kPostcode, kState, kDob, kSoc };

// The comparisons and blocking rules of a × b (a dedup run passes the same
// file twice).
struct FebrlSpec {
  FebrlSpec(const FebrlFile& a, const FebrlFile& b)
      : given("given_name", a.col[kGiven], b.col[kGiven], kBands),
        surname("surname", a.col[kSurname], b.col[kSurname], kBands),
        street_no("street_number", a.col[kStreetNo], b.col[kStreetNo]),
        addr1("address_1", a.col[kAddr1], b.col[kAddr1], kBands),
        addr2("address_2", a.col[kAddr2], b.col[kAddr2], kBands),
        suburb("suburb", a.col[kSuburb], b.col[kSuburb], kBands),
        postcode("postcode", a.col[kPostcode], b.col[kPostcode]),
        state("state", a.col[kState], b.col[kState]),
        dob("date_of_birth", a.col[kDob], b.col[kDob]),
        soc("soc_sec_id", a.col[kSoc], b.col[kSoc]) {
    auto rule = [&](std::string name, std::vector<int> fields, std::vector<int> conditioned,
                    size_t prefix = 0) {
      BlockingRule r{std::move(name), {}, {}, std::move(conditioned)};
      auto keys = [&](const FebrlFile& file, std::vector<uint64_t>& out) {
        for (size_t i = 0; i < file.rec_id.size(); ++i) {
          std::string_view parts[3];
          for (size_t k = 0; k < fields.size(); ++k) {
            parts[k] = file.col[fields[k]][i];
            if (k == 1 && prefix > 0) parts[k] = parts[k].substr(0, prefix);
          }
          out.push_back(fields.size() == 1   ? KeyOf({parts[0]})
                        : fields.size() == 2 ? KeyOf({parts[0], parts[1]})
                                             : KeyOf({parts[0], parts[1], parts[2]}));
        }
      };
      keys(a, r.left_keys);
      keys(b, r.right_keys);
      return r;
    };
    rules = {
        rule("dob", {kDob}, {kDob}),
        rule("soc_sec_id", {kSoc}, {kSoc}),
        rule("name", {kGiven, kSurname}, {kGiven, kSurname}),
        rule("postcode+given1", {kPostcode, kGiven}, {kPostcode, kGiven}, 1),
        rule("address", {kAddr1, kStreetNo}, {kAddr1, kStreetNo}),
    };
  }
  std::vector<const Comparison*> comparisons() const {
    return {&given, &surname, &street_no, &addr1, &addr2, &suburb, &postcode, &state, &dob, &soc};
  }
  static inline const std::vector<double> kBands = {0.8, 0.92};
  JaroWinklerBands given, surname;
  ExactString street_no;
  JaroWinklerBands addr1, addr2, suburb;
  NearString postcode;
  ExactString state;
  NearString dob, soc;
  std::vector<BlockingRule> rules;
};

TEST(FebrlTest, Dataset4UnsupervisedF1) {
  const std::string dir = QJY_FEBRL_DIR;
  if (!std::filesystem::exists(dir + "/dataset4a.csv")) GTEST_SKIP() << "no FEBRL data at " << dir;
  FebrlFile a, b;
  ASSERT_TRUE(ReadFebrl(dir + "/dataset4a.csv", a));
  ASSERT_TRUE(ReadFebrl(dir + "/dataset4b.csv", b));
  ASSERT_EQ(a.rec_id.size(), 5000u);
  ASSERT_EQ(b.rec_id.size(), 5000u);

  FebrlSpec spec(a, b);
  const auto comparisons = spec.comparisons();
  const auto& rules = spec.rules;

  LinkOptions options;
  options.u_sample_pairs = 500'000;
  auto result = Link(5000, 5000, comparisons, rules, options);
  ASSERT_TRUE(result.has_value()) << result.error().message;

  // Only now the truth.
  std::map<int, uint32_t> left_of;
  for (size_t i = 0; i < a.rec_id.size(); ++i) left_of[EntityOf(a.rec_id[i])] = static_cast<uint32_t>(i);
  std::vector<std::pair<uint32_t, uint32_t>> truth;
  for (size_t j = 0; j < b.rec_id.size(); ++j) {
    auto it = left_of.find(EntityOf(b.rec_id[j]));
    if (it != left_of.end()) truth.emplace_back(it->second, static_cast<uint32_t>(j));
  }
  std::sort(truth.begin(), truth.end());
  ASSERT_EQ(truth.size(), 5000u);
  const Accuracy acc = Score(result->links, truth);
  // Recall counting the review band as found, for the report.
  std::vector<ScoredPair> with_review = result->links;
  with_review.insert(with_review.end(), result->review.begin(), result->review.end());
  std::sort(with_review.begin(), with_review.end(),
            [](auto& x, auto& y) { return std::pair(x.left, x.right) < std::pair(y.left, y.right); });
  const Accuracy acc_review = Score(with_review, truth);
  std::printf("FEBRL 4a x 4b: candidates %llu (rules %llu), patterns %llu, lambda %.4f, "
              "links %zu, review %zu\n  precision %.4f recall %.4f F1 %.4f "
              "(recall incl. review %.4f); u %.3fs pairs %.3fs em %.3fs score %.3fs\n",
              static_cast<unsigned long long>(result->stats.candidate_pairs),
              static_cast<unsigned long long>(result->stats.rule_pairs),
              static_cast<unsigned long long>(result->stats.distinct_patterns), result->model.lambda,
              result->links.size(), result->review.size(), acc.precision, acc.recall, acc.f1,
              acc_review.recall, result->stats.seconds_u, result->stats.seconds_pairs,
              result->stats.seconds_em, result->stats.seconds_score);
  for (size_t f = 0; f < comparisons.size(); ++f) {
    std::printf("  %-14s", comparisons[f]->name().c_str());
    const auto& p = result->model.fields[f];
    for (size_t l = 1; l < p.m.size(); ++l) {
      std::printf(" [%s m=%.3f u=%.4f w=%+.1f]", comparisons[f]->LevelLabel(static_cast<int>(l)).c_str(),
                  p.m[l], p.u[l], p.weight[l]);
    }
    std::printf("\n");
  }
  EXPECT_GE(acc.f1, 0.98);
  EXPECT_GE(acc.precision, 0.98);
  EXPECT_GE(acc.recall, 0.97);
}

}  // namespace
}  // namespace qjy::linkage

namespace qjy::linkage {
namespace {

// FEBRL dataset 3 (5,000 records: 2,000 originals, 3,000 duplicates, up to
// several per original) deduplicated within the one file; truth (every pair
// of records of one entity) read only after linking.
TEST(FebrlTest, Dataset3Dedup) {
  const std::string dir = QJY_FEBRL_DIR;
  if (!std::filesystem::exists(dir + "/dataset3.csv")) GTEST_SKIP() << "no FEBRL dedup data at " << dir;
  FebrlFile f;
  ASSERT_TRUE(ReadFebrl(dir + "/dataset3.csv", f));
  ASSERT_EQ(f.rec_id.size(), 5000u);
  FebrlSpec spec(f, f);
  const auto comparisons = spec.comparisons();
  LinkOptions options;
  options.u_sample_pairs = 500'000;
  options.dedup = true;
  auto result = Link(5000, 5000, comparisons, spec.rules, options);
  ASSERT_TRUE(result.has_value()) << result.error().message;
  std::vector<std::pair<uint32_t, uint32_t>> truth;
  for (uint32_t i = 0; i < 5000; ++i) {
    for (uint32_t j = i + 1; j < 5000; ++j) {
      if (EntityOf(f.rec_id[i]) == EntityOf(f.rec_id[j])) truth.emplace_back(i, j);
    }
  }
  const Accuracy acc = Score(result->links, truth);
  // Pairs the clusters imply (a duplicate of a duplicate), for the report.
  const auto cluster = ClusterRows(5000, result->links);
  std::vector<ScoredPair> implied;
  for (uint32_t i = 0; i < 5000; ++i) {
    for (uint32_t j = i + 1; j < 5000; ++j) {
      if (cluster[i] == cluster[j]) implied.push_back({i, j, 0, 1});
    }
  }
  const Accuracy by_cluster = Score(implied, truth);
  std::printf("FEBRL 3 dedup: candidates %llu, true pairs %zu, links %zu, review %zu\n"
              "  pairs: precision %.4f recall %.4f F1 %.4f; by cluster: precision %.4f recall %.4f F1 %.4f\n",
              static_cast<unsigned long long>(result->stats.candidate_pairs), truth.size(),
              result->links.size(), result->review.size(), acc.precision, acc.recall, acc.f1,
              by_cluster.precision, by_cluster.recall, by_cluster.f1);
  for (const auto& p : result->links) ASSERT_LT(p.left, p.right);
  EXPECT_GE(acc.precision, 0.98);
  EXPECT_GE(acc.recall, 0.98);
}

}  // namespace
}  // namespace qjy::linkage
