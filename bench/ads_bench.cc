// Screening speed (issue #17 "Speed": >= 5,000 ads/s on one core), with
// the naive baseline in the same run: every pattern of screening.yaml
// (rules and neutral expressions, lexicons expanded) as its own
// std::wregex, each searched in every ad (no normalisation). The ads are
// the labelled set (src/ads/data/labelled_ads.yaml,
// 342 ads, mostly clean or flagged for one or two categories), cycled.
// Single-threaded; items/s in the output is ads per second.
//
//   build/bench/ads_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
//
// std::regex (ECMAScript) has no \p{Han} and no lookbehind: the baseline
// rewrites \p{Han} as [一-鿿] and drops lookbehinds, so it does a little
// less work than the real patterns; patterns it still cannot compile are
// counted and reported (skipped, again in the baseline's favour).
#include <cstdint>
#include <regex>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <yaml-cpp/yaml.h>

#include "ads/screener.h"

namespace {

using qjy::ads::JobAd;

std::vector<JobAd> LoadAds() {
  YAML::Node set = YAML::LoadFile(qjy::ads::AdsDataDir() + "/labelled_ads.yaml");
  std::vector<JobAd> out;
  auto add = [&](const std::string& text, int64_t wage_yuan) {
    JobAd ad;
    ad.job.title = "岗位";
    ad.job.requirements = text;
    ad.job.wage_max_fen = wage_yuan * 100;
    out.push_back(std::move(ad));
  };
  for (const auto& row : set["flagged"]) add(row[1].as<std::string>(), row.size() > 2 ? row[2].as<int64_t>() : 0);
  for (const char* list : {"traps", "clean"}) {
    for (const auto& row : set[list]) {
      if (row.IsSequence()) {
        add(row[0].as<std::string>(), row[1].as<int64_t>());
      } else {
        add(row.as<std::string>(), 0);
      }
    }
  }
  return out;
}

const std::vector<JobAd>& Ads() {
  static const std::vector<JobAd> ads = LoadAds();
  return ads;
}

std::wstring Wide(const std::string& s) {  // UTF-8 -> UTF-32 (valid input)
  std::wstring out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    uint32_t cp = n == 1 ? c : c & (0xFF >> (n + 1));
    for (int k = 1; k < n && i + k < s.size(); ++k) cp = (cp << 6) | (s[i + k] & 0x3F);
    out.push_back(static_cast<wchar_t>(cp));
    i += n;
  }
  return out;
}

std::string ToEcmaScript(std::string p) {
  for (size_t at; (at = p.find("\\p{Han}")) != std::string::npos;) p.replace(at, 7, "[一-鿿]");
  // Drop lookbehinds "(?<=...)" / "(?<!...)" (no ASCII ')' inside ours but the closing one).
  for (size_t at; (at = p.find("(?<")) != std::string::npos;) {
    size_t close = p.find(')', at);
    p.erase(at, close - at + 1);
  }
  return p;
}

struct Naive {
  std::vector<std::wregex> patterns;
  int skipped = 0;
};

const Naive& NaivePatterns() {
  static const Naive naive = [] {
    Naive n;
    auto s = qjy::ads::Screener::LoadDefault();
    if (!s) return n;
    // The patterns as the screener compiles them (lexicons expanded).
    for (const auto& p : s->PatternTexts()) {
      try {
        n.patterns.emplace_back(Wide(ToEcmaScript(p)), std::regex::ECMAScript | std::regex::icase);
      } catch (const std::regex_error&) {
        ++n.skipped;
      }
    }
    return n;
  }();
  return naive;
}

void BM_Screener(benchmark::State& state) {
  auto s = qjy::ads::Screener::LoadDefault();
  if (!s) {
    state.SkipWithError(s.error().message.c_str());
    return;
  }
  const auto& ads = Ads();
  size_t i = 0, findings = 0;
  for (auto _ : state) {
    auto f = s->Screen(ads[i]);
    findings += f.size();
    benchmark::DoNotOptimize(f);
    if (++i == ads.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["findings_per_ad"] = double(findings) / double(state.iterations());
}
BENCHMARK(BM_Screener)->Unit(benchmark::kMicrosecond);

void BM_NaiveStdRegexPerPattern(benchmark::State& state) {
  const Naive& naive = NaivePatterns();
  const auto& ads = Ads();
  size_t i = 0, hits = 0;
  for (auto _ : state) {
    const std::wstring title = Wide(ads[i].job.title), text = Wide(ads[i].job.requirements);
    for (const auto& re : naive.patterns) {
      for (const std::wstring* w : {&title, &text}) {
        for (std::wsregex_iterator it(w->begin(), w->end(), re), end; it != end; ++it) ++hits;
      }
    }
    if (++i == ads.size()) i = 0;
  }
  benchmark::DoNotOptimize(hits);
  state.SetItemsProcessed(state.iterations());
  state.counters["patterns"] = double(naive.patterns.size());
  state.counters["skipped_patterns"] = double(naive.skipped);
}
BENCHMARK(BM_NaiveStdRegexPerPattern)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
