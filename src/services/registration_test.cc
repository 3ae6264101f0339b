#include "services/registration.h"

#include <gtest/gtest.h>
#include "core/date_test_support.h"

namespace qjy::services {
namespace {

using registry::Group;
using registry::Person;

using ::qjy::test_support::D;

class RegistrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto p = ServiceParams::LoadDefault();
    ASSERT_TRUE(p) << p.error().message;
    params_ = std::make_unique<ServiceParams>(*p);
  }
  static Person P(const char* birth, registry::Sex sex = registry::Sex::kMale) {
    Person p;
    p.person_id = 9;
    p.birth_date = D(birth);
    p.sex = sex;
    p.education = registry::Education::kBachelor;
    p.hukou_region = "520102003";
    p.residence_region = "520102003";
    return p;
  }
  static RegistrationRequest Req(const char* on) {
    RegistrationRequest r;
    r.on = D(on);
    r.region_code = "520102003";
    r.officer = "a";
    return r;
  }
  std::unique_ptr<ServiceParams> params_;
};

TEST_F(RegistrationTest, PastStatutoryAgeGetsJobSeekingRegistration) {
  // Man born 1964-06-15: 60 on 2024-06-15.
  auto before = BuildRegistration(P("1964-06-15"), Req("2024-06-14"), *params_);
  ASSERT_TRUE(before);
  EXPECT_EQ(before->kind, RegistrationKind::kUnemployed);
  auto on = BuildRegistration(P("1964-06-15"), Req("2024-06-15"), *params_);
  ASSERT_TRUE(on);
  EXPECT_EQ(on->kind, RegistrationKind::kJobSeeking);
  // Born 1965-05-10, under the gradual raise: limit 2025-07-10, not 2025-05-10.
  EXPECT_EQ(BuildRegistration(P("1965-05-10"), Req("2025-06-01"), *params_)->kind, RegistrationKind::kUnemployed);
  EXPECT_EQ(BuildRegistration(P("1965-05-10"), Req("2025-07-10"), *params_)->kind, RegistrationKind::kJobSeeking);
  // Women at 55 (assumed parameter).
  EXPECT_EQ(BuildRegistration(P("1968-03-01", registry::Sex::kFemale), Req("2023-03-01"), *params_)->kind,
            RegistrationKind::kJobSeeking);
  EXPECT_EQ(BuildRegistration(P("1968-03-01", registry::Sex::kFemale), Req("2023-02-28"), *params_)->kind,
            RegistrationKind::kUnemployed);
}

TEST_F(RegistrationTest, RejectsWhatTheDocumentDoesNotAllow) {
  auto young = BuildRegistration(P("2008-07-01"), Req("2024-06-30"), *params_);
  ASSERT_FALSE(young);
  EXPECT_NE(young.error().message.find("16"), std::string::npos);
  EXPECT_TRUE(BuildRegistration(P("2008-07-01"), Req("2024-07-01"), *params_));  // 16th birthday
  RegistrationRequest work = Req("2024-07-01");
  work.place = PlaceKind::kWork;
  EXPECT_FALSE(BuildRegistration(P("1990-01-01"), work, *params_));
  Person worker = P("1990-01-01");
  worker.work_region = "440305";
  auto ok = BuildRegistration(worker, work, *params_);
  ASSERT_TRUE(ok);  // registration at the place of work (A3(一))
  EXPECT_EQ(ok->place, PlaceKind::kWork);
  RegistrationRequest late = Req("2024-07-01");
  late.found_on = D("2024-07-02");
  EXPECT_FALSE(BuildRegistration(P("1990-01-01"), late, *params_));
  RegistrationRequest no_officer = Req("2024-07-01");
  no_officer.officer = "";
  EXPECT_FALSE(BuildRegistration(P("1990-01-01"), no_officer, *params_));
}

TEST_F(RegistrationTest, FlagsAndSuggestedCategoryFromTheRegistry) {
  Person g = P("2001-05-01");
  g.school_left_on = D("2023-07-01");
  g.groups.push_back({Group::kCollegeGraduate, D("2023-07-01"), std::nullopt});
  g.groups.push_back({Group::kPovertyAlleviated, D("2020-01-01"), std::nullopt});
  auto r = BuildRegistration(g, Req("2024-03-01"), *params_);
  ASSERT_TRUE(r);
  EXPECT_TRUE(Has(r->flags, Flag::kGraduate));
  EXPECT_TRUE(Has(r->flags, Flag::kGraduateDifficulty));
  EXPECT_EQ(r->suggested_category, Category::kBasicSkills);
  // No fixed window: whether the graduate worked since leaving school
  // decides. Without any employment fact the flag stays, with a note.
  EXPECT_FALSE(r->notes.empty());
  auto late = BuildRegistration(g, Req("2025-07-02"), *params_);
  ASSERT_TRUE(late);
  EXPECT_TRUE(Has(late->flags, Flag::kGraduate));
  // A contract begun after leaving school (ended since): not 离校未就业.
  RegistrationRequest worked = Req("2025-07-02");
  registry::Contract c;
  c.employer_credit_code = "91520102MA6DKQ8X2B";
  c.start_on = D("2023-09-01");
  c.end_on = D("2024-08-31");
  worked.contracts.push_back(c);
  auto w = BuildRegistration(g, worked, *params_);
  ASSERT_TRUE(w) << w.error().message;
  EXPECT_FALSE(Has(w->flags, Flag::kGraduate));
  EXPECT_EQ(w->employment.state, EmploymentState::kNotEmployed);
  worked.served_as = ServedAs::kGraduate;  // the officer's judgement (A3(二)) still counts
  EXPECT_TRUE(Has(BuildRegistration(g, worked, *params_)->flags, Flag::kGraduate));
  // A graduate with no school-leaving date: no flag, and the note says which data is missing.
  Person nodate = g;
  nodate.school_left_on.reset();
  auto nd = BuildRegistration(nodate, Req("2024-03-01"), *params_);
  ASSERT_TRUE(nd);
  EXPECT_FALSE(Has(nd->flags, Flag::kGraduate));
  bool named = false;
  for (const auto& n : nd->notes) named |= n.find("毕业(离校)日期") != std::string::npos;
  EXPECT_TRUE(named);

  Person v = P("1995-01-01");
  v.groups.push_back({Group::kVeteran, D("2019-09-01"), std::nullopt});
  v.groups.push_back({Group::kHardToEmploy, D("2024-01-01"), D("2024-12-31")});
  auto vr = BuildRegistration(v, Req("2024-03-01"), *params_);
  EXPECT_TRUE(Has(vr->flags, Flag::kVeteran));
  EXPECT_TRUE(Has(vr->flags, Flag::kHardToEmploy));
  EXPECT_EQ(vr->suggested_category, Category::kDifficulty);
  EXPECT_FALSE(Has(BuildRegistration(v, Req("2025-03-01"), *params_)->flags, Flag::kHardToEmploy));

  Person low = P("1980-01-01");
  low.education = registry::Education::kPrimary;
  EXPECT_EQ(SuggestCategory(low, D("2024-01-01")), Category::kLacksSkills);
  low.certificates.push_back({"焊工", 5, D("2010-01-01")});
  EXPECT_EQ(SuggestCategory(low, D("2024-01-01")), Category::kBasicSkills);
}

// A person employed on the registration date is refused with the reason,
// unless the officer writes a reason; the day after the contract ends is fine.
TEST_F(RegistrationTest, EmployedOnTheDateIsRefusedUnlessOverridden) {
  Person p = P("1990-01-01");
  registry::Contract c;
  c.employer_credit_code = "91520102MA6DKQ8X2B";
  c.start_on = D("2023-07-31");
  c.end_on = D("2024-07-30");
  RegistrationRequest req = Req("2024-07-30");  // last day of the contract
  req.contracts.push_back(c);
  auto refused = BuildRegistration(p, req, *params_);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
  EXPECT_NE(refused.error().message.find("处于就业状态"), std::string::npos) << refused.error().message;
  EXPECT_NE(refused.error().message.find("91520102MA6DKQ8X2B"), std::string::npos);
  req.override_reason = "   ";  // blank is no reason
  EXPECT_FALSE(BuildRegistration(p, req, *params_));
  req.override_reason = "单位已口头解除劳动关系，解除证明待补";
  auto forced = BuildRegistration(p, req, *params_);
  ASSERT_TRUE(forced) << forced.error().message;
  EXPECT_EQ(forced->override_reason, req.override_reason);
  EXPECT_EQ(forced->employment.state, EmploymentState::kEmployed);

  RegistrationRequest after = Req("2024-07-31");  // the day after
  after.contracts.push_back(c);
  auto ok = BuildRegistration(p, after, *params_);
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(ok->employment.state, EmploymentState::kNotEmployed);
}

TEST(EmploymentStatusTest, ReasonsNameTheEmployerNotItsCode) {
  registry::Contract c;
  c.employer_credit_code = "91520102MA6DKXYZ1Q";
  c.start_on = D("2024-01-01");
  const EmployerNames names = {{"91520102MA6DKXYZ1Q", "贵阳黔云物流有限公司"}};
  auto s = StatusOn(std::span(&c, 1), {}, D("2024-03-01"), names);
  EXPECT_NE(s.reason.find("单位 贵阳黔云物流有限公司"), std::string::npos) << s.reason;
  EXPECT_EQ(s.reason.find("91520102MA6DKXYZ1Q"), std::string::npos) << s.reason;
  registry::Contribution paid;
  paid.employer_credit_code = "91520102MA6DKXYZ1Q";
  paid.month = registry::MonthIndex(2024, 5);
  paid.kinds = registry::kAllInsuranceKinds;
  s = StatusOn({}, std::span(&paid, 1), D("2024-05-20"), names);
  EXPECT_NE(s.reason.find("单位 贵阳黔云物流有限公司 为其缴纳了"), std::string::npos) << s.reason;
  // No name in the registry: said so, with the code to look it up by.
  s = StatusOn(std::span(&c, 1), {}, D("2024-03-01"));
  EXPECT_NE(s.reason.find("名称未登记（统一社会信用代码 91520102MA6DKXYZ1Q）"), std::string::npos) << s.reason;
}

TEST(EmploymentStatusTest, ContractsMonthsAndUnknown) {
  registry::Contract flex;
  flex.employer_credit_code = "P";
  flex.start_on = D("2024-01-01");
  flex.flexible = true;
  auto s = StatusOn(std::span(&flex, 1), {}, D("2024-03-01"));
  EXPECT_EQ(s.state, EmploymentState::kEmployed);
  EXPECT_TRUE(s.flexible);
  EXPECT_EQ(StatusOn({}, {}, D("2024-03-01")).state, EmploymentState::kUnknown);
  EXPECT_EQ(StatusOn({}, {}, D("2024-03-01")).missing.size(), 2u);

  registry::Contribution paid;
  paid.employer_credit_code = "E";
  paid.month = registry::MonthIndex(2024, 5);
  paid.kinds = registry::kAllInsuranceKinds;
  // An employer paid May: employed in May, not in June.
  EXPECT_EQ(StatusOn({}, std::span(&paid, 1), D("2024-05-20")).state, EmploymentState::kEmployed);
  EXPECT_EQ(StatusOn({}, std::span(&paid, 1), D("2024-06-01")).state, EmploymentState::kNotEmployed);
  // ... unless the contract with that employer ended before the date (the last month).
  registry::Contract ended;
  ended.employer_credit_code = "E";
  ended.start_on = D("2023-05-01");
  ended.end_on = D("2024-05-10");
  EXPECT_EQ(StatusOn(std::span(&ended, 1), std::span(&paid, 1), D("2024-05-20")).state, EmploymentState::kNotEmployed);
  // Paying as an individual is not work.
  registry::Contribution own = paid;
  own.employer_credit_code = "";
  EXPECT_EQ(StatusOn({}, std::span(&own, 1), D("2024-05-20")).state, EmploymentState::kNotEmployed);
}

}  // namespace
}  // namespace qjy::services
