#include "match/index.h"

#include <gtest/gtest.h>

#include <random>
#include <set>
#include <thread>
#include "core/date_test_support.h"

namespace qjy::match {
namespace {

using registry::Education;
using registry::JobType;

using ::qjy::test_support::D;

class IndexTest : public ::testing::Test {
 protected:
  IndexTest() : index_(*OccupationTree::LoadDefault(), *LoadDefaultWeights(), D("2024-06-01")) {}

  registry::Job MakeJob(int64_t id, const char* occ, const char* place, int64_t wage_max = 500000) {
    registry::Job j;
    j.job_id = id;
    j.county_code = std::string(place).substr(0, 6);
    j.employer_credit_code = "91520100MA6DXXXX0X";
    j.title = "岗位" + std::to_string(id);
    j.occupation_code = occ;
    j.place_region = place;
    j.wage_min_fen = 300000;
    j.wage_max_fen = wage_max;
    j.open_on = D("2024-05-15");
    j.close_on = D("2024-07-31");
    return j;
  }
  SeekerProfile Welder(int64_t id, const char* home = "520102") {
    SeekerProfile p;
    p.person_id = id;
    p.county_code = home;
    p.home_county = home;
    p.desired_occupations = {"6-18-02-04"};
    p.skills = {"焊工"};
    p.education = Education::kJuniorHigh;
    p.expected_wage_fen = 450000;
    p.work_type = JobType::kFullTime;
    p.available_from = D("2024-06-01");
    return p;
  }

  MatchIndex index_;
};

TEST_F(IndexTest, OpenJobsInARegionFromTheBuckets) {
  ASSERT_TRUE(index_.UpsertJob(MakeJob(10, "6-18-02-04", "520102001")));
  ASSERT_TRUE(index_.UpsertJob(MakeJob(11, "4-03", "520103")));
  ASSERT_TRUE(index_.UpsertJob(MakeJob(12, "4-03", "520302")));  // 遵义: another prefecture
  registry::Job later = MakeJob(13, "4-10", "520102");
  later.open_on = D("2024-06-02");  // not open yet
  ASSERT_TRUE(index_.UpsertJob(later));
  ASSERT_TRUE(index_.UpsertJob(MakeJob(14, "4-10", "520102")));
  ASSERT_TRUE(index_.CloseJob(14));
  auto ids = [&](std::string_view region, size_t limit) {
    std::vector<int64_t> out;
    for (JobIndex j : index_.OpenJobsIn(region, limit)) out.push_back(index_.Job(j).job_id);
    return out;
  };
  EXPECT_EQ(ids("5201", 10), (std::vector<int64_t>{10, 11}));
  EXPECT_EQ(ids("520102", 10), (std::vector<int64_t>{10}));
  EXPECT_EQ(ids("52", 10), (std::vector<int64_t>{10, 11, 12}));
  EXPECT_EQ(ids("52", 2), (std::vector<int64_t>{10, 11}));
  EXPECT_TRUE(ids("5299", 10).empty());
  EXPECT_TRUE(ids("x", 10).empty());
}

TEST_F(IndexTest, ScoresWithReasonsAndOrdersByScore) {
  auto s = index_.UpsertSeeker(Welder(1));
  ASSERT_TRUE(s);
  registry::Job welder = MakeJob(10, "6-18-02-04", "520102001");
  welder.title = "电焊工";  // derives skill 焊工 from the title
  ASSERT_TRUE(index_.UpsertJob(welder));
  ASSERT_TRUE(index_.UpsertJob(MakeJob(11, "6-18", "520103")));         // same medium, same prefecture
  ASSERT_TRUE(index_.UpsertJob(MakeJob(12, "4-03", "520102", 400000)));  // other major, wage near
  auto top = index_.TopJobs(*s, 10);
  ASSERT_EQ(top.size(), 3u);
  EXPECT_EQ(index_.Job(top[0].index).job_id, 10);
  EXPECT_EQ(index_.Job(top[1].index).job_id, 11);
  EXPECT_EQ(index_.Job(top[2].index).job_id, 12);
  auto why = index_.Explain(*s, top[0].index);
  EXPECT_TRUE(why.feasible);
  EXPECT_EQ(why.score, top[0].score);
  EXPECT_EQ(why.Joined(), "职业相同 · 技能证书符合 · 同县 · 薪资符合期望 · 工作类型相符 · 近期发布");
  const Weights& w = index_.weights();
  EXPECT_EQ(why.score, w.occ_same + w.skills + w.place_county + w.wage_meets + w.work_type + w.education + w.recent);
  auto why2 = index_.Explain(*s, top[1].index);
  EXPECT_EQ(why2.reasons.front(), "同中类职业");  // desired 6-18-02-04, job 6-18
  EXPECT_NE(why2.Joined().find("同市州"), std::string::npos);
  auto why3 = index_.Explain(*s, top[2].index);
  EXPECT_NE(why3.Joined().find("薪资接近期望"), std::string::npos);
  EXPECT_EQ(why3.Joined().find("职业"), std::string::npos);
}

// Trial 3: an education below the job's requirement costs the education
// points and says so in the reasons.
TEST_F(IndexTest, EducationBelowTheRequirementIsNamed) {
  auto s = index_.UpsertSeeker(Welder(1));  // 初中
  ASSERT_TRUE(s);
  registry::Job degree = MakeJob(10, "6-18-02-04", "520102001");
  degree.requirements = "本科及以上学历";
  ASSERT_TRUE(index_.UpsertJob(degree));
  registry::Job any = MakeJob(11, "6-18-02-04", "520102001");
  ASSERT_TRUE(index_.UpsertJob(any));
  auto below = index_.Explain(*s, *index_.FindJob(10));
  auto open = index_.Explain(*s, *index_.FindJob(11));
  EXPECT_NE(below.Joined().find("学历不符（要求本科及以上，不计学历分）"), std::string::npos) << below.Joined();
  EXPECT_EQ(open.Joined().find("学历"), std::string::npos) << open.Joined();
  EXPECT_EQ(open.score - below.score, index_.weights().education);
  SeekerProfile master = Welder(2);
  master.education = Education::kMaster;
  auto m = index_.UpsertSeeker(master);
  ASSERT_TRUE(m);
  EXPECT_NE(index_.Explain(*m, *index_.FindJob(10)).Joined().find("学历符合"), std::string::npos);
}

TEST_F(IndexTest, HardFiltersPlaceOpenWindowAndAvailability) {
  SeekerProfile p = Welder(1);
  p.scope = PlaceScope::kPrefecture;
  p.outbound_provinces = {"44"};
  auto s = *index_.UpsertSeeker(p);
  ASSERT_TRUE(index_.UpsertJob(MakeJob(1, "6-18-02-04", "520302")));  // 遵义: other prefecture
  ASSERT_TRUE(index_.UpsertJob(MakeJob(2, "6-18-02-04", "440305")));  // 深圳: named province
  ASSERT_TRUE(index_.UpsertJob(MakeJob(3, "6-18-02-04", "330106")));  // 杭州: not named
  auto future = MakeJob(4, "6-18-02-04", "520102");
  future.open_on = D("2024-06-10");
  ASSERT_TRUE(index_.UpsertJob(future));
  auto top = index_.TopJobs(s, 10);
  ASSERT_EQ(top.size(), 1u);
  EXPECT_EQ(index_.Job(top[0].index).job_id, 2);
  EXPECT_NE(index_.Explain(s, top[0].index).Joined().find("意向外出省份"), std::string::npos);
  EXPECT_EQ(index_.Explain(s, *index_.FindJob(1)).reasons, std::vector<std::string>{"工作地点不在可接受范围内"});
  EXPECT_EQ(index_.Explain(s, *index_.FindJob(4)).reasons, std::vector<std::string>{"岗位尚未开放"});
  p.available_from = D("2024-08-15");  // after every job closes
  ASSERT_TRUE(index_.UpsertSeeker(p));
  EXPECT_TRUE(index_.TopJobs(s, 10).empty());
}

// The batch's selection and capacities under one lock agree with asking
// person by person and job by job.
TEST_F(IndexTest, SelectedSeekersAndOpenCapacitiesAgreeWithOneByOne) {
  const char* homes[] = {"520102", "520103", "520302", "522301"};
  for (int i = 1; i <= 40; ++i) {
    SeekerProfile p = Welder(i, homes[i % 4]);
    p.registered_unemployed = i % 3 != 0;
    ASSERT_TRUE(index_.UpsertSeeker(p));
  }
  for (int i = 1; i <= 30; ++i) {
    auto j = MakeJob(i, "6-18-02-04", homes[i % 4]);
    j.headcount = 1 + i % 7;
    if (i % 5 == 0) {
      j.open_on = D("2024-06-10");  // not open yet
    } else if (i % 6 == 0) {
      j.close_on = D("2024-05-20");  // past its closing date
    }
    ASSERT_TRUE(index_.UpsertJob(j));
  }
  ASSERT_TRUE(index_.CloseJob(7));
  const auto n = static_cast<SeekerIndex>(index_.seeker_count());
  for (const bool registered_only : {false, true}) {
    for (const std::string prefix : {"", "52", "5201", "520103", "53"}) {
      std::vector<SeekerIndex> expected;
      for (SeekerIndex s = 3; s < n - 2; ++s) {
        const SeekerInfo info = index_.Seeker(s);
        if ((!registered_only || info.registered_unemployed) && info.county_code.starts_with(prefix)) {
          expected.push_back(s);
        }
      }
      std::vector<SeekerIndex> got = {999};
      index_.SelectSeekers(3, n - 2, registered_only, prefix, got);
      ASSERT_FALSE(got.empty());
      EXPECT_EQ(got.front(), 999u);  // appended
      got.erase(got.begin());
      EXPECT_EQ(got, expected) << "registered_only " << registered_only << " prefix " << prefix;
    }
  }
  std::vector<uint32_t> capacity = {1, 2, 3};
  index_.OpenCapacities(5, capacity);
  ASSERT_EQ(capacity.size(), index_.job_count());
  int open = 0;
  for (JobIndex j = 0; j < index_.job_count(); ++j) {
    EXPECT_EQ(capacity[j], index_.Open(j) ? 5u * static_cast<uint32_t>(index_.Capacity(j)) : 0u) << "job " << j;
    open += index_.Open(j);
  }
  EXPECT_GT(open, 10);
  EXPECT_LT(open, 30);
}

TEST_F(IndexTest, PostingAndClosingAreSeenByTheNextQuery) {
  auto s = *index_.UpsertSeeker(Welder(1));
  EXPECT_TRUE(index_.TopJobs(s, 3).empty());
  ASSERT_TRUE(index_.UpsertJob(MakeJob(7, "6-18-02-04", "520102")));
  ASSERT_EQ(index_.TopJobs(s, 3).size(), 1u);
  EXPECT_TRUE(index_.CloseJob(7));
  EXPECT_TRUE(index_.TopJobs(s, 3).empty());
  EXPECT_FALSE(index_.Open(*index_.FindJob(7)));
  EXPECT_FALSE(index_.CloseJob(999));
  // Re-posting the same id (e.g. an edit) replaces it: moved to another county.
  ASSERT_TRUE(index_.UpsertJob(MakeJob(7, "6-18-02-04", "520103")));
  auto top = index_.TopJobs(s, 3);
  ASSERT_EQ(top.size(), 1u);
  EXPECT_EQ(index_.Job(top[0].index).place_region, "520103");
  EXPECT_EQ(index_.job_count(), 1u);
}

TEST_F(IndexTest, BadJobsAreRejectedWithChineseErrors) {
  auto bad_occ = MakeJob(1, "9-99", "520102");
  auto r = index_.UpsertJob(bad_occ);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("职业代码"), std::string::npos);
  auto unknown_medium = MakeJob(1, "6-50", "520102");
  EXPECT_FALSE(index_.UpsertJob(unknown_medium));
  auto upside = MakeJob(2, "6-18", "520102", 100000);  // max < min
  r = index_.UpsertJob(upside);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("颠倒"), std::string::npos);
  auto zero = MakeJob(3, "6-18", "520102");
  zero.headcount = 0;
  r = index_.UpsertJob(zero);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("招聘人数"), std::string::npos);
  EXPECT_EQ(index_.job_count(), 0u);
  SeekerProfile p = Welder(1);
  p.home_county = "52";
  EXPECT_FALSE(index_.UpsertSeeker(p));
  p = Welder(1);
  p.desired_occupations = {"x-1"};
  EXPECT_FALSE(index_.UpsertSeeker(p));
}

TEST_F(IndexTest, RegisteredUnemployedComeFirstForAJob) {
  SeekerProfile near = Welder(1);  // best score, not registered
  SeekerProfile far = Welder(2, "520103");
  far.registered_unemployed = true;
  SeekerProfile other = Welder(3, "520302");  // other prefecture, registered, scope province
  other.registered_unemployed = true;
  SeekerProfile county_only = Welder(4, "520302");
  county_only.scope = PlaceScope::kCounty;  // infeasible
  for (auto& p : {near, far, other, county_only}) ASSERT_TRUE(index_.UpsertSeeker(p));
  auto j = *index_.UpsertJob(MakeJob(1, "6-18-02-04", "520102"));
  auto top = index_.TopSeekers(j, 10);
  ASSERT_EQ(top.size(), 3u);
  EXPECT_EQ(index_.Seeker(top[0].index).person_id, 2);
  EXPECT_EQ(index_.Seeker(top[1].index).person_id, 3);
  EXPECT_EQ(index_.Seeker(top[2].index).person_id, 1);
  EXPECT_GT(top[2].score, top[0].score);  // registered first despite a lower score
  EXPECT_EQ(index_.TopSeekers(j, 1).size(), 1u);
}

// AppendCandidates over every seeker of `index` (and one index past them)
// lists for each exactly what Candidates returns; how many arcs it compared.
size_t ExpectAppendedListsAreCandidates(const MatchIndex& index, size_t k) {
  std::vector<SeekerIndex> all(index.seeker_count() + 1);
  for (SeekerIndex s = 0; s < all.size(); ++s) all[s] = s;
  std::vector<uint32_t> job = {7}, ends;  // appended after what is there
  std::vector<int32_t> score = {-1};
  index.AppendCandidates(all, k, job, score, ends);
  EXPECT_EQ(ends.size(), all.size());
  if (ends.size() != all.size()) return 0;
  size_t compared = 0;
  for (SeekerIndex s = 0; s < all.size(); ++s) {
    const auto c = index.Candidates(s, k);
    const uint32_t b = s == 0 ? 1 : ends[s - 1];
    EXPECT_EQ(ends[s] - b, c.size()) << "seeker " << s << " k " << k;
    for (size_t n = 0; n < c.size() && b + n < ends[s]; ++n, ++compared) {
      EXPECT_EQ(job[b + n], c[n].index) << "seeker " << s << " k " << k << " rank " << n;
      EXPECT_EQ(score[b + n], c[n].score);
    }
  }
  EXPECT_TRUE(ends.empty() || ends.back() == job.size());
  return compared;
}

// The bucketed search must return exactly what scoring every job returns.
TEST_F(IndexTest, BucketedTopKEqualsBruteForceOnRandomData) {
  std::mt19937 rng(42);
  const char* occs[] = {"6-18-02-04", "6-18", "6-31-01-03", "4-01", "4-03-02-01", "4-10-01-05", "2-02", "6-29"};
  const char* places[] = {"520102", "520103", "520111", "520302", "520321", "522301", "440305", "330106"};
  for (int i = 1; i <= 3000; ++i) {
    auto j = MakeJob(i, occs[rng() % 8], places[rng() % 8], 300000 + static_cast<int64_t>(rng() % 400000));
    j.open_on = D("2024-05-01").AddDays(static_cast<int>(rng() % 40));
    j.type = static_cast<JobType>(rng() % 3);
    if (rng() % 5 == 0) j.title = "焊工";
    ASSERT_TRUE(index_.UpsertJob(j));
  }
  for (int i = 1; i <= 200; ++i) {
    SeekerProfile p = Welder(i, places[rng() % 6]);
    p.desired_occupations = {occs[rng() % 8]};
    if (rng() % 3 == 0) p.desired_occupations.push_back(occs[rng() % 8]);
    if (rng() % 4 == 0) p.desired_occupations.clear();
    p.scope = static_cast<PlaceScope>(rng() % 3);
    if (rng() % 2) p.outbound_provinces = {"44"};
    p.expected_wage_fen = 300000 + rng() % 400000;
    // A third hold no skill: the scan then skips the jobs' skills (scored 0).
    if (i % 3 == 0) p.skills.clear();
    auto s = *index_.UpsertSeeker(p);
    for (size_t k : {1u, 3u, 10u, 50u}) {
      auto fast = index_.TopJobs(s, k);
      auto slow = index_.TopJobsBruteForce(s, k);
      ASSERT_EQ(fast.size(), slow.size());
      for (size_t n = 0; n < fast.size(); ++n) {
        EXPECT_EQ(fast[n].index, slow[n].index) << "seeker " << i << " k " << k << " rank " << n;
        EXPECT_EQ(fast[n].score, slow[n].score);
      }
    }
    // The batch's candidates: the same scores; ties at the k-th score may
    // be other jobs, but every job scoring above it is there.
    for (size_t k : {3u, 50u}) {
      auto cand = index_.Candidates(s, k);
      auto slow = index_.TopJobsBruteForce(s, k);
      ASSERT_EQ(cand.size(), slow.size());
      if (slow.empty()) continue;
      std::set<JobIndex> got;
      for (size_t n = 0; n < cand.size(); ++n) {
        EXPECT_EQ(cand[n].score, slow[n].score) << "seeker " << i << " k " << k << " rank " << n;
        EXPECT_TRUE(index_.Explain(s, cand[n].index).feasible);
        got.insert(cand[n].index);
      }
      EXPECT_EQ(got.size(), cand.size());  // distinct
      for (const auto& c : slow) {
        if (c.score > slow.back().score) EXPECT_TRUE(got.count(c.index)) << "seeker " << i << " k " << k;
      }
    }
  }
  // Jobs re-posted with other wages (buckets keep them best-paid first) and
  // closed: still exactly the brute-force answer.
  for (int i = 1; i <= 3000; i += 7) {
    auto j = MakeJob(i, occs[rng() % 8], places[rng() % 8], 300000 + static_cast<int64_t>(rng() % 400000));
    j.open_on = D("2024-05-01").AddDays(static_cast<int>(rng() % 40));
    ASSERT_TRUE(index_.UpsertJob(j));
    if (i % 3 == 0) ASSERT_TRUE(index_.CloseJob(i + 1));
  }
  for (SeekerIndex s = 0; s < index_.seeker_count(); s += 5) {
    for (size_t k : {3u, 50u}) {
      auto fast = index_.TopJobs(s, k);
      auto slow = index_.TopJobsBruteForce(s, k);
      ASSERT_EQ(fast.size(), slow.size());
      for (size_t n = 0; n < fast.size(); ++n) EXPECT_EQ(fast[n].index, slow[n].index) << "after re-posting";
    }
  }
  // The batch's way to the same lists (its table of buckets, some of them
  // emptied by the closings).
  for (size_t k : {3u, 50u}) EXPECT_GT(ExpectAppendedListsAreCandidates(index_, k), 200 * k / 2);
  // The second round's search (AppendCandidatesExcept): the best k feasible
  // jobs among those not skipped, as scoring every feasible job by Explain
  // and leaving out the skipped ones; the feasible jobs met, skipped ones
  // included, are all of them when fewer than k were kept.
  {
    std::vector<uint8_t> skip(index_.job_count() - 5);  // the last jobs past its end: not skipped
    for (size_t j = 0; j < skip.size(); ++j) skip[j] = (j * 7919 % 10) < 6;  // 60 % of the jobs
    std::vector<SeekerIndex> who;
    for (SeekerIndex s = 0; s < index_.seeker_count(); s += 3) who.push_back(s);
    int cut = 0, whole = 0;
    for (size_t k : {2u, 20u, 400u}) {
      std::vector<uint32_t> job, ends, seen;
      std::vector<int32_t> score;
      index_.AppendCandidatesExcept(index_.SubsetOf(skip), skip, who, k, job, score, ends, seen);
      ASSERT_EQ(ends.size(), who.size());
      ASSERT_EQ(seen.size(), who.size());
      for (size_t n = 0; n < who.size(); ++n) {
        std::vector<int> all;  // scores of the feasible jobs not skipped, best first
        uint32_t feasible = 0;
        for (JobIndex j = 0; j < index_.job_count(); ++j) {
          const Explanation e = index_.Explain(who[n], j);
          if (!e.feasible) continue;
          ++feasible;
          if (j >= skip.size() || !skip[j]) all.push_back(e.score);
        }
        std::sort(all.rbegin(), all.rend());
        const uint32_t b = n == 0 ? 0 : ends[n - 1], e = ends[n];
        ASSERT_EQ(e - b, std::min<size_t>(k, all.size())) << "seeker " << who[n] << " k " << k;
        for (uint32_t c = b; c < e; ++c) {
          EXPECT_FALSE(job[c] < skip.size() && skip[job[c]]) << "a skipped job was kept";
          EXPECT_EQ(score[c], all[c - b]) << "seeker " << who[n] << " k " << k << " rank " << c - b;
        }
        if (e - b < k) {
          EXPECT_EQ(seen[n], feasible) << "seeker " << who[n];
          ++whole;
        } else {
          EXPECT_LE(seen[n], feasible);
          ++cut;
        }
      }
    }
    EXPECT_GT(cut, 20);
    EXPECT_GT(whole, 20);
  }
  // The batch's reasons (AppendReasons): Explain's, joined, for feasible
  // pairs and for closed jobs, places out of reach and unknown jobs alike.
  std::vector<JobIndex> some;
  for (JobIndex j = 0; j < 3000; j += 13) some.push_back(j);
  some.push_back(99999);
  int feasible = 0, infeasible = 0;
  for (SeekerIndex s = 0; s < index_.seeker_count(); s += 9) {
    std::vector<std::string> joined = {"kept"};
    index_.AppendReasons(s, some, joined);
    ASSERT_EQ(joined.size(), some.size() + 1);
    EXPECT_EQ(joined[0], "kept");
    for (size_t n = 0; n < some.size(); ++n) {
      const Explanation e = index_.Explain(s, some[n]);
      EXPECT_EQ(joined[n + 1], e.Joined()) << "seeker " << s << " job " << some[n];
      ++(e.feasible ? feasible : infeasible);
    }
  }
  EXPECT_GT(feasible, 100);
  EXPECT_GT(infeasible, 100);
  // Several seekers under one lock: each seeker's own jobs (some none,
  // an unknown seeker among them), in order, as one call per seeker gives.
  {
    std::vector<SeekerIndex> seekers;
    std::vector<uint32_t> ends;
    std::vector<JobIndex> jobs;
    std::vector<std::string> one_by_one = {"kept"};
    for (SeekerIndex s = 0; s < index_.seeker_count(); s += 7) {
      const size_t before = jobs.size();
      for (JobIndex j = s % 5; j < 3000; j += 97 + s % 11) jobs.push_back(j);
      if (s % 3 == 0) jobs.resize(before);  // a seeker with no jobs
      seekers.push_back(s);
      ends.push_back(static_cast<uint32_t>(jobs.size()));
      index_.AppendReasons(s, std::span<const JobIndex>(jobs).subspan(before), one_by_one);
    }
    seekers.push_back(static_cast<SeekerIndex>(index_.seeker_count() + 5));
    jobs.push_back(1);
    ends.push_back(static_cast<uint32_t>(jobs.size()));
    index_.AppendReasons(seekers.back(), std::span<const JobIndex>(jobs).last(1), one_by_one);
    std::vector<std::string> together = {"kept"};
    index_.AppendReasons(seekers, ends, jobs, together);
    ASSERT_EQ(together.size(), jobs.size() + 1);
    EXPECT_EQ(together, one_by_one);
    EXPECT_EQ(together.back(), "无此人员或岗位");
  }
  // Job -> seekers agrees with scoring each seeker by Explain.
  for (int id = 1; id <= 3000; id += 37) {
    auto j = *index_.FindJob(id);
    auto top = index_.TopSeekers(j, 5);
    std::vector<std::pair<int, int64_t>> all;  // (-score, person) among registered=false (none registered)
    for (SeekerIndex s = 0; s < index_.seeker_count(); ++s) {
      auto e = index_.Explain(s, j);
      if (e.feasible) all.push_back({-e.score, index_.Seeker(s).person_id});
    }
    std::sort(all.begin(), all.end());
    ASSERT_EQ(top.size(), std::min<size_t>(5, all.size()));
    for (size_t n = 0; n < top.size(); ++n) {
      EXPECT_EQ(index_.Seeker(top[n].index).person_id, all[n].second);
      EXPECT_EQ(top[n].score, -all[n].first);
    }
  }
}

// The batch's candidates are kept by counting scores when the scores are
// small (the shipped weights) and in a heap otherwise: the same jobs either
// way, also among the many ties at the k-th score. The same province is
// indexed twice, once with every weight times 10 (scores ten times as
// large, the same order and ties, past the counting way's range).
TEST_F(IndexTest, CandidatesAreTheSameJobsWhicheverWayTheyAreKept) {
  const Weights w = *LoadDefaultWeights();
  Weights w10 = w;
  for (int* x : {&w10.occ_same, &w10.occ_minor, &w10.occ_medium, &w10.occ_major, &w10.skills, &w10.place_county,
                 &w10.place_prefecture, &w10.place_province, &w10.place_outbound, &w10.wage_meets, &w10.wage_near,
                 &w10.work_type, &w10.education, &w10.fresh, &w10.recent}) {
    *x *= 10;
  }
  ASSERT_LT(w.MaxTotal(), 256);
  ASSERT_GE(w10.MaxTotal(), 256);
  MatchIndex& a = index_;
  MatchIndex b(*OccupationTree::LoadDefault(), w10, D("2024-06-01"));
  std::mt19937 rng(7);
  const char* occs[] = {"6-18-02-04", "6-18", "4-01", "4-03-02-01", "2-02"};
  const char* places[] = {"520102", "520103", "520111", "520302", "522301", "440305"};
  for (int i = 1; i <= 2000; ++i) {
    // Few distinct wages and dates: many equal scores.
    auto j = MakeJob(i, occs[rng() % 5], places[rng() % 6], 400000 + 50000 * static_cast<int64_t>(rng() % 3));
    j.open_on = D("2024-05-01").AddDays(static_cast<int>(rng() % 3) * 20);
    j.type = static_cast<JobType>(rng() % 2);
    ASSERT_TRUE(a.UpsertJob(j));
    ASSERT_TRUE(b.UpsertJob(j));
  }
  int cut_ties = 0;  // lists cut inside a run of equal scores
  for (int i = 1; i <= 150; ++i) {
    SeekerProfile p = Welder(i, places[rng() % 5]);
    p.skills.clear();
    p.desired_occupations = {occs[rng() % 5]};
    p.scope = static_cast<PlaceScope>(rng() % 3);
    p.expected_wage_fen = 400000 + 50000 * static_cast<int64_t>(rng() % 3);
    const SeekerIndex sa = *a.UpsertSeeker(p), sb = *b.UpsertSeeker(p);
    for (size_t k : {3u, 10u, 50u}) {
      const auto ca = a.Candidates(sa, k), cb = b.Candidates(sb, k);
      ASSERT_EQ(ca.size(), cb.size()) << "seeker " << i << " k " << k;
      for (size_t n = 0; n < ca.size(); ++n) {
        EXPECT_EQ(ca[n].index, cb[n].index) << "seeker " << i << " k " << k << " rank " << n;
        EXPECT_EQ(10 * ca[n].score, cb[n].score);
      }
      const auto all = a.TopJobsBruteForce(sa, k + 1);
      cut_ties += all.size() > k && all[k].score == all[k - 1].score;
    }
  }
  EXPECT_GT(cut_ties, 50);  // the ties were there to be chosen among
  // The batch's way (AppendCandidates) keeps the same jobs among the ties,
  // counting and in a heap.
  for (size_t k : {3u, 10u, 50u}) {
    EXPECT_GT(ExpectAppendedListsAreCandidates(a, k), 150 * k / 2);
    EXPECT_GT(ExpectAppendedListsAreCandidates(b, k), 150 * k / 2);
  }
}

TEST_F(IndexTest, ConcurrentQueriesAndPostings) {
  auto s = *index_.UpsertSeeker(Welder(1));
  std::thread writer([&] {
    for (int i = 1; i <= 500; ++i) {
      ASSERT_TRUE(index_.UpsertJob(MakeJob(i, "6-18-02-04", "520102")));
      if (i % 2 == 0) index_.CloseJob(i);
    }
  });
  size_t seen = 0;
  for (int q = 0; q < 500; ++q) seen += index_.TopJobs(s, 10).size();
  writer.join();
  EXPECT_EQ(index_.TopJobs(s, 1000).size(), 250u);
  EXPECT_LE(seen, 5000u);
}

}  // namespace
}  // namespace qjy::match
