// Benchmark of record linkage (src/linkage, issue #18) on the synthetic
// Chinese test set: left × right persons, half of the right file corrupted
// copies of left persons. For each size, our linkage (four blocking rules,
// EM-trained Fellegi–Sunter, both cores) against a naive blocked-pairs
// baseline in the same run: exact-key blocking on the birth date, every
// pair of a block materialised and compared on all fields, scored with
// fixed hand-set weights (no EM), threshold, one-to-one. Also the
// privacy-preserving mode (linkage/bloom.h): encode both sides, link on the
// encodings; its time includes the encoding.
//
//   build/bench/linkage_bench --sizes 100000,1000000 --threads 2
//
// Prints RESULT lines (see bench_util.h) and per case F1, precision,
// recall, seconds (normalising + blocking keys, linking), peak RSS.
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include <CLI/CLI.hpp>

#include "bench_util.h"
#include "gen/profile.h"
#include "linkage/bloom.h"
#include "linkage/engine.h"
#include "linkage/person_compare.h"
#include "linkage/person_table.h"
#include "linkage/synth.h"

using namespace qjy;
using namespace qjy::linkage;

namespace {

// Peak RSS since the last ResetPeak (VmHWM), MB.
long StatusMb(const char* key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with(key)) return std::stol(line.substr(std::string_view(key).size())) / 1024;
  }
  return 0;
}
long PeakRssMb() { return StatusMb("VmHWM:"); }
long RssMb() { return StatusMb("VmRSS:"); }
void ResetPeak() {
  std::ofstream("/proc/self/clear_refs") << "5";
}

struct Tables {
  PersonTable left, right;
};

Tables Normalise(const SynthData& data) {
  Tables t;
  std::thread other([&] {
    t.right.Reserve(data.right.size());
    for (const auto& p : data.right) t.right.Add(p);
  });
  t.left.Reserve(data.left.size());
  for (const auto& p : data.left) t.left.Add(p);
  other.join();
  return t;
}

// The naive baseline: birth-date blocks, all pairs materialised, fixed
// weights, threshold, greedy one-to-one.
std::vector<ScoredPair> Naive(const PersonTable& l, const PersonTable& r, uint64_t* pairs_out) {
  std::unordered_map<uint32_t, std::vector<uint32_t>> blocks;
  for (uint32_t j = 0; j < r.size(); ++j) {
    if (r.birth[j] != 0) blocks[r.birth[j]].push_back(j);
  }
  std::vector<std::pair<uint32_t, uint32_t>> pairs;
  for (uint32_t i = 0; i < l.size(); ++i) {
    if (l.birth[i] == 0) continue;
    auto it = blocks.find(l.birth[i]);
    if (it == blocks.end()) continue;
    for (uint32_t j : it->second) pairs.emplace_back(i, j);
  }
  *pairs_out = pairs.size();
  static constexpr float kName[] = {0, -4, 0, 3, 6, 8};
  static constexpr float kId[] = {0, -8, 8, 15};
  static constexpr float kDiv[] = {0, -2, -1, 1, 2};
  static constexpr float kPhone[] = {0, -2, 5, 10};
  static constexpr float kSex[] = {0, -3, 0.5f};
  std::vector<ScoredPair> kept;
  for (auto [i, j] : pairs) {
    const float w = kName[CompareName(l.name[i], r.name[j])] + kId[CompareId(l.id[i], r.id[j])] +
                    kDiv[CompareDivision(l.division[i], r.division[j])] +
                    kPhone[ComparePhone(l.phone[i], r.phone[j])] + kSex[CompareSex(l.sex[i], r.sex[j])];
    if (w >= 8) kept.push_back({i, j, w, 1});
  }
  std::sort(kept.begin(), kept.end(), [](auto& a, auto& b) {
    return a.weight != b.weight ? a.weight > b.weight : std::pair(a.left, a.right) < std::pair(b.left, b.right);
  });
  std::vector<bool> ul(l.size()), ur(r.size());
  std::vector<ScoredPair> out;
  for (auto& p : kept) {
    if (ul[p.left] || ur[p.right]) continue;
    ul[p.left] = ur[p.right] = true;
    out.push_back(p);
  }
  std::sort(out.begin(), out.end(),
            [](auto& a, auto& b) { return std::pair(a.left, a.right) < std::pair(b.left, b.right); });
  return out;
}

// `before`: RSS when the case started (the generated text files held in
// memory), so peak - before is what linking added.
std::string Note(const Accuracy& a, double secs_norm, long rss, long before) {
  char buf[240];
  std::snprintf(buf, sizeof buf,
                "F1 %.4f P %.4f R %.4f; normalise+keys %.1f s; peak RSS %ld MB (%ld MB before)", a.f1,
                a.precision, a.recall, secs_norm, rss, before);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"linkage_bench"};
  std::string sizes = "100000,1000000";
  int threads = 2;
  uint64_t seed = 2026;
  bool baseline = true, bloom = true;
  std::string data_dir = gen::DefaultProfileDir();
  app.add_option("--sizes", sizes, "rows per side, comma-separated");
  app.add_option("--threads", threads);
  app.add_option("--seed", seed);
  app.add_option("--baseline", baseline, "run the naive baseline too (0/1)");
  app.add_option("--bloom", bloom, "run the Bloom-filter (privacy-preserving) mode too (0/1)");
  app.add_option("--gen-data", data_dir);
  CLI11_PARSE(app, argc, argv);

  std::stringstream ss(sizes);
  std::string item;
  while (std::getline(ss, item, ',')) {
    const size_t n = std::stoull(item);
    SynthOptions o;
    o.left = o.right = n;
    SynthRng rng(seed);
    bench::Stopwatch gen_watch;
    const SynthData data = bench::Must(Synthesize(o, data_dir, rng), "synthesize");
    std::printf("# %zu x %zu: generated in %.1f s (%zu true pairs)\n", n, n, gen_watch.Seconds(),
                data.truth.size());

    ResetPeak();
    const long before = RssMb();
    bench::Stopwatch watch;
    const double cpu0 = bench::CpuSeconds();
    Tables t = Normalise(data);
    PersonLinkSpec spec(t.left, t.right);
    const auto comparisons = spec.comparisons();
    const auto rules = spec.Rules();
    const double secs_norm = watch.Seconds();
    LinkOptions options;
    options.threads = threads;
    auto result = bench::Must(Link(t.left.size(), t.right.size(), comparisons, rules, options), "link");
    const double secs = watch.Seconds();
    const double cpu = bench::CpuSeconds() - cpu0;
    const Accuracy acc = Score(result.links, data.truth);
    const long rss = PeakRssMb();
    std::printf("linkage %zu x %zu: %.1f s (%s), candidates %llu, links %zu, review %zu; "
                "u %.1f s, pairs %.1f s, EM %.2f s, score %.1f s\n",
                n, n, secs, bench::Cpu(cpu).c_str(),
                static_cast<unsigned long long>(result.stats.candidate_pairs), result.links.size(),
                result.review.size(), result.stats.seconds_u, result.stats.seconds_pairs,
                result.stats.seconds_em, result.stats.seconds_score);
    bench::Report("linkage_" + std::to_string(n), secs, static_cast<int64_t>(n), 1,
                  Note(acc, secs_norm, rss, before));

    if (bloom) {
      // Privacy-preserving mode: both sides encoded (keyed field-level
      // Bloom filters), linked on the encodings only.
      ResetPeak();
      const long before_b = RssMb();
      bench::Stopwatch wb;
      Tables tb = Normalise(data);
      const BloomSecret secret = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3};
      const BloomTable el = EncodeBloom(tb.left, secret, threads);
      const BloomTable er = EncodeBloom(tb.right, secret, threads);
      const double secs_enc = wb.Seconds();
      BloomLinkSpec bspec(el, er);
      auto br = bench::Must(Link(el.size(), er.size(), bspec.comparisons(), bspec.Rules(), options), "bloom link");
      const double secs_b = wb.Seconds();
      const Accuracy acc_b = Score(br.links, data.truth);
      std::printf("bloom %zu x %zu: %.1f s (normalise+encode %.1f s), %.2fx the plain linkage, candidates %llu\n", n,
                  n, secs_b, secs_enc, secs_b / secs, static_cast<unsigned long long>(br.stats.candidate_pairs));
      bench::Report("bloom_" + std::to_string(n), secs_b, static_cast<int64_t>(n), 1,
                    Note(acc_b, secs_enc, PeakRssMb(), before_b));
    }

    if (baseline) {
      ResetPeak();
      const long before2 = RssMb();
      bench::Stopwatch w2;
      Tables t2 = Normalise(data);
      const double norm2 = w2.Seconds();
      uint64_t pairs = 0;
      const auto links = Naive(t2.left, t2.right, &pairs);
      const double secs2 = w2.Seconds();
      const Accuracy acc2 = Score(links, data.truth);
      std::printf("baseline %zu x %zu: %.1f s, %llu pairs materialised, links %zu\n", n, n, secs2,
                  static_cast<unsigned long long>(pairs), links.size());
      bench::Report("baseline_naive_blocked_" + std::to_string(n), secs2, static_cast<int64_t>(n), 1,
                    Note(acc2, norm2, PeakRssMb(), before2));
    }
  }
  return 0;
}
