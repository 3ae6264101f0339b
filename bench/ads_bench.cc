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
// `build/bench/ads_bench --per-pattern` instead times every pattern of the
// file alone (ICU, over the normalised text of every ad), with and without
// its literal prefilter (src/ads/literal_prefilter.h), most costly first.
//
// std::regex (ECMAScript) has no \p{Han} and no lookbehind: the baseline
// rewrites \p{Han} as [一-鿿] and drops lookbehinds, so it does a little
// less work than the real patterns; patterns it still cannot compile are
// counted and reported (skipped, again in the baseline's favour).
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <yaml-cpp/yaml.h>

#include <unicode/regex.h>

#include "ads/literal_prefilter.h"
#include "ads/normalise.h"
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
  // Over the whole set once, untimed (a count over the timed iterations
  // would depend on where in the cycle they stopped).
  size_t findings = 0;
  for (const auto& ad : ads) findings += s->Screen(ad).size();
  size_t i = 0;
  for (auto _ : state) {
    auto f = s->Screen(ads[i]);
    benchmark::DoNotOptimize(f);
    if (++i == ads.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["findings_per_ad"] = double(findings) / double(ads.size());
}
BENCHMARK(BM_Screener)->Unit(benchmark::kMicrosecond);

// The same ads with an occupation and the wage reference of a province
// (issue #17 §3: pay bait against the occupation's posted pay): 200,000
// open jobs over 1,000 detailed codes; every ad gets one of the codes (a
// fifth of them one nobody posted, so the lookup falls back to the group)
// and, where it states none, a wage, so the lookup runs for every ad.
void BM_ScreenerWithWages(benchmark::State& state) {
  auto s = qjy::ads::Screener::LoadDefault();
  if (!s) {
    state.SkipWithError(s.error().message.c_str());
    return;
  }
  auto code = [](int i) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%d-%02d-%02d-%02d", 1 + i % 8, 1 + i / 8 % 25, 1 + i / 200 % 5, 1 + i % 9);
    return std::string(buf);
  };
  std::vector<qjy::ads::WageSample> samples;
  for (int i = 0; i < 200000; ++i) samples.push_back({code(i % 1000), 250000 + (i % 97) * 10000});
  const auto t0 = std::chrono::steady_clock::now();
  const auto wages = qjy::ads::WageReference::Build(samples, [](std::string_view c) { return std::string(c); }, "");
  const double build_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  std::vector<JobAd> ads = Ads();
  for (size_t i = 0; i < ads.size(); ++i) {
    ads[i].job.occupation_code = i % 5 == 0 ? code(static_cast<int>(i)) + "9" : code(static_cast<int>(i % 1000));
    if (ads[i].job.wage_max_fen == 0) ads[i].job.wage_max_fen = 1200000;
  }
  size_t findings = 0;
  for (const auto& ad : ads) findings += s->Screen(ad, &wages).size();
  size_t i = 0;
  for (auto _ : state) {
    auto f = s->Screen(ads[i], &wages);
    benchmark::DoNotOptimize(f);
    if (++i == ads.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["findings_per_ad"] = double(findings) / double(ads.size());
  state.counters["reference_build_ms"] = build_ms;
}
BENCHMARK(BM_ScreenerWithWages)->Unit(benchmark::kMicrosecond);

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

// --per-pattern: what each pattern costs alone, over every ad once per
// round, with and without its literal prefilter.
int PerPatternReport() {
  auto s = qjy::ads::Screener::LoadDefault();
  if (!s) {
    std::fprintf(stderr, "%s\n", s.error().message.c_str());
    return 1;
  }
  std::vector<icu::UnicodeString> texts;
  std::vector<std::u16string> folded;
  for (const auto& ad : Ads()) {
    qjy::ads::NormalisedText n(icu::UnicodeString::fromUTF8(ad.job.requirements));
    texts.push_back(n.text());
    folded.push_back(qjy::ads::FoldForPrefilter(n.text()));
  }
  struct Row {
    double all_us = 0, filtered_us = 0;
    int literals = -1, runs = 0;
    std::string text;
  };
  std::vector<Row> rows;
  constexpr int kRounds = 5;
  using Clock = std::chrono::steady_clock;
  for (const auto& p : s->PatternTexts()) {
    Row row;
    row.text = p;
    UErrorCode st = U_ZERO_ERROR;
    UParseError pe;
    std::unique_ptr<icu::RegexPattern> re(
        icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(p), UREGEX_CASE_INSENSITIVE, pe, st));
    if (U_FAILURE(st)) continue;
    auto lits = qjy::ads::RequiredLiterals(icu::UnicodeString::fromUTF8(p));
    qjy::ads::LiteralIndex index;
    if (lits) {
      row.literals = static_cast<int>(lits->size());
      index.Add(0, *lits);
    }
    std::vector<char> run(texts.size(), 1);
    for (size_t i = 0; i < texts.size() && lits; ++i) {
      std::vector<char> hit;
      index.Find(folded[i], hit);
      run[i] = hit[0];
    }
    row.runs = static_cast<int>(std::count(run.begin(), run.end(), 1));
    auto time = [&](bool filtered) {
      auto t0 = Clock::now();
      size_t found = 0;
      for (int r = 0; r < kRounds; ++r) {
        for (size_t i = 0; i < texts.size(); ++i) {
          if (filtered && !run[i]) continue;
          UErrorCode status = U_ZERO_ERROR;
          std::unique_ptr<icu::RegexMatcher> m(re->matcher(texts[i], status));
          while (m->find(status) && U_SUCCESS(status)) ++found;
        }
      }
      benchmark::DoNotOptimize(found);
      return std::chrono::duration<double, std::micro>(Clock::now() - t0).count() /
             double(kRounds * texts.size());
    };
    row.all_us = time(false);
    row.filtered_us = time(true);
    rows.push_back(std::move(row));
  }
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.all_us > b.all_us; });
  double all = 0, filtered = 0;
  for (const auto& r : rows) all += r.all_us, filtered += r.filtered_us;
  std::printf("%zu patterns, %zu ads; per ad: every pattern %.1f us, prefiltered %.1f us\n", rows.size(),
              texts.size(), all, filtered);
  std::printf("%8s %8s %8s %8s  %s\n", "us/ad", "filtered", "literals", "ads_run", "pattern (first 90 bytes)");
  for (const auto& r : rows) {
    std::printf("%8.2f %8.2f %8d %8d  %.90s\n", r.all_us, r.filtered_us, r.literals, r.runs, r.text.c_str());
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--per-pattern") == 0) return PerPatternReport();
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
