// Loading the match index from the store (SQLite and PostgreSQL): open jobs,
// registered unemployed first, stored profiles winning over derived ones.
#include "match/load.h"

#include <gtest/gtest.h>

#include <atomic>

#include "match/match_store_test_support.h"

namespace qjy::match {
namespace {

using store::Dialect;

using test_support::D;
class LoadTest : public test_support::MatchStoreTest {
 protected:
  // An open unemployment registration of `person` in 520103001.
  void Register(int64_t person) {
    services::Registration r;
    r.person_id = person;
    r.county_code = "520103";
    r.registered_on = r.found_on = D("2024-05-01");
    r.region_code = "520103001";
    r.officer = "o";
    ASSERT_TRUE(services::ServicesStore(*db_).AddRegistration(r));
  }
};

TEST_P(LoadTest, RegisteredFirstStoredProfilesWinOnlyOpenJobs) {
  const int64_t plain = AddPerson(1, "520102003", {});
  const int64_t welder = AddPerson(2, "520103001", {"焊工"});
  const int64_t profiled = AddPerson(3, "520302001", {});
  AddJob("电焊工", "6-18-02-04", "520103", "2024-05-20", "2024-07-31");
  AddJob("收银员", "4-01", "520102", "2024-05-20", "2024-07-31");
  AddJob("过期岗位", "4-01", "520102", "2024-01-01", "2024-02-01");
  AddJob("未知职业", "6-50", "520102", "2024-05-20", "2024-07-31");
  Register(welder);
  SeekerProfile p;
  p.person_id = profiled;
  p.county_code = "520302";
  p.home_county = "520302";
  p.desired_occupations = {"4-01"};
  p.scope = PlaceScope::kProvince;
  p.expected_wage_fen = 400000;
  p.available_from = D("2024-06-01");
  ASSERT_TRUE(ProfileStore(*db_).SaveProfile(p));
  auto back = ProfileStore(*db_).GetProfile(profiled);
  ASSERT_TRUE(back && *back);
  EXPECT_EQ((*back)->desired_occupations, p.desired_occupations);
  EXPECT_EQ((*back)->expected_wage_fen, 400000);

  MatchIndex index(*OccupationTree::LoadDefault(), *LoadDefaultWeights(), D("2024-06-01"));
  auto stats = LoadIndex(*db_, index);
  ASSERT_TRUE(stats) << stats.error().message;
  EXPECT_EQ(stats->jobs, 2u);
  EXPECT_EQ(stats->jobs_rejected, 1u);
  EXPECT_EQ(stats->seekers, 2u);  // `plain` has neither registration nor profile
  EXPECT_EQ(stats->registered, 1u);
  EXPECT_EQ(index.Seeker(0).person_id, welder);  // registered first
  EXPECT_TRUE(index.Seeker(0).registered_unemployed);
  EXPECT_FALSE(index.FindSeeker(plain));
  auto top = index.TopJobs(0, 5);
  ASSERT_FALSE(top.empty());
  EXPECT_EQ(index.Job(top[0].index).title, "电焊工");
  EXPECT_EQ(index.Explain(0, top[0].index).reasons.front(), "职业相同");  // derived from skill 焊工
  auto s = *index.FindSeeker(profiled);
  auto top2 = index.TopJobs(s, 5);
  ASSERT_FALSE(top2.empty());
  EXPECT_EQ(index.Job(top2[0].index).title, "收银员");

  MatchIndex all(*OccupationTree::LoadDefault(), *LoadDefaultWeights(), D("2024-06-01"));
  ASSERT_TRUE(LoadIndex(*db_, all, {.all_persons = true}));
  EXPECT_EQ(all.seeker_count(), 3u);
}

// Only the persons the index holds are read (registered, or with a stored
// profile), and a registered person's certificates still reach its derived
// profile; a certificate of a person who is neither is not read into it.
TEST_P(LoadTest, CertificatesOfRegisteredPersonsReachTheirDerivedProfiles) {
  const int64_t certified = AddPerson(11, "520103001", {});
  const int64_t other = AddPerson(12, "520103001", {});
  for (int64_t id : {certified, other}) {
    auto p = registry_->GetPerson(id);
    ASSERT_TRUE(p && *p);
    registry::Person person = **p;
    person.certificates.push_back({"焊工", 4, D("2020-01-01")});
    auto tx = store::Transaction::Begin(*db_);
    ASSERT_TRUE(registry_->UpsertPerson(person, "t"));
    ASSERT_TRUE(tx->Commit());
  }
  Register(certified);
  AddJob("电焊工", "6-18-02-04", "520103", "2024-05-20", "2024-07-31");
  // The welder's job is matched on the occupation only a certificate gives.
  auto welder_first = [](const MatchIndex& index, SeekerIndex s) {
    auto top = index.TopJobs(s, 5);
    return !top.empty() && index.Job(top[0].index).title == "电焊工" &&
           index.Explain(s, top[0].index).reasons.front() == "职业相同";
  };

  MatchIndex index(*OccupationTree::LoadDefault(), *LoadDefaultWeights(), D("2024-06-01"));
  auto stats = LoadIndex(*db_, index);
  ASSERT_TRUE(stats) << stats.error().message;
  EXPECT_EQ(stats->seekers, 1u);
  auto s = index.FindSeeker(certified);
  ASSERT_TRUE(s);
  EXPECT_TRUE(welder_first(index, *s));
  EXPECT_FALSE(index.FindSeeker(other));

  MatchIndex all(*OccupationTree::LoadDefault(), *LoadDefaultWeights(), D("2024-06-01"));
  ASSERT_TRUE(LoadIndex(*db_, all, {.all_persons = true}));
  auto o = all.FindSeeker(other);
  ASSERT_TRUE(o);
  EXPECT_TRUE(welder_first(all, *o));
}

// A stop asked before the load (a server shutting down) ends it with an
// error before it reads anything; the same load without it fills the index.
TEST_P(LoadTest, AStoppedLoadEndsWithAnErrorAndIndexesNothing) {
  Register(AddPerson(1, "520103001", {"焊工"}));
  AddJob("电焊工", "6-18-02-04", "520103", "2024-05-20", "2024-07-31");
  std::atomic<bool> stop{true};
  MatchIndex stopped(*OccupationTree::LoadDefault(), *LoadDefaultWeights(), D("2024-06-01"));
  auto r = LoadIndex(*db_, stopped, {.stop = &stop});
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("停止"), std::string::npos) << r.error().message;
  EXPECT_EQ(stopped.seeker_count(), 0u);
  EXPECT_EQ(stopped.job_count(), 0u);
  stop = false;
  MatchIndex loaded(*OccupationTree::LoadDefault(), *LoadDefaultWeights(), D("2024-06-01"));
  auto ok = LoadIndex(*db_, loaded, {.stop = &stop});
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(loaded.seeker_count(), 1u);
  EXPECT_EQ(loaded.job_count(), 1u);
}

TEST_P(LoadTest, BadProfilesAreNotStored) {
  SeekerProfile p;
  p.person_id = 1;
  p.county_code = "520102";
  p.home_county = "5201";
  auto r = ProfileStore(*db_).SaveProfile(p);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("home_county"), std::string::npos);
  auto got = ProfileStore(*db_).GetProfile(1);
  ASSERT_TRUE(got);
  EXPECT_FALSE(got->has_value());
}

QJY_INSTANTIATE_STORE_TEST(LoadTest);

}  // namespace
}  // namespace qjy::match
