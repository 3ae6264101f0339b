#include "registry/validate.h"

#include <functional>
#include <string>

#include <gtest/gtest.h>

#include "core/credit_code.h"
#include "core/id_number.h"
#include "core/refdata.h"

namespace qjy::registry {
namespace {

// A valid ID number: the check character computed, not hard-coded.
std::string Id(std::string_view first17) {
  return std::string(first17) + ResidentIdCheckChar(first17).value();
}
std::string CreditCode(std::string_view first17) {
  return std::string(first17) + CreditCodeCheckChar(first17).value();
}

class ValidateTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto r = RegionIndex::Load(RefdataDir());
    ASSERT_TRUE(r.has_value()) << r.error().message;
    regions_ = new RegionIndex(std::move(*r));
  }
  static void TearDownTestSuite() { delete regions_; }

  ValidationContext Ctx() const { return {*regions_, *Date::FromYmd(2024, 6, 1)}; }

  Person GoodPerson() const {
    Person p;
    p.id_number = Id("52010219900307001");  // sequence 001: odd → male
    p.name = "张三";
    p.ethnicity = "苗族";
    p.phone = "13800001234";
    p.hukou_region = "520102";
    p.residence_region = "520103";
    p.county_code = "520102";
    p.education = Education::kBachelor;
    p.school_left_on = *Date::FromYmd(2012, 7, 1);
    p.certificates.push_back({"焊工", 4, *Date::FromYmd(2022, 5, 1)});
    p.groups.push_back({Group::kCollegeGraduate, *Date::FromYmd(2012, 7, 1), std::nullopt});
    FieldErrors ignored;
    EXPECT_TRUE(DeriveFromIdNumber(p, Ctx().today, ignored));
    return p;
  }

  static RegionIndex* regions_;
};
RegionIndex* ValidateTest::regions_ = nullptr;

TEST_F(ValidateTest, GoodPersonPassesAndDerivesSexAndBirth) {
  Person p = GoodPerson();
  EXPECT_EQ(p.sex, Sex::kMale);
  EXPECT_EQ(p.birth_date, *Date::FromYmd(1990, 3, 7));
  FieldErrors errors;
  EXPECT_TRUE(ValidatePerson(p, Ctx(), errors));
  EXPECT_TRUE(errors.empty()) << errors[0].field << errors[0].reason;

  Person f = GoodPerson();
  f.id_number = Id("52010219950101002");
  ASSERT_TRUE(DeriveFromIdNumber(f, Ctx().today, errors));
  EXPECT_EQ(f.sex, Sex::kFemale);
}

TEST_F(ValidateTest, EachBadPersonFieldIsNamed) {
  struct Case {
    const char* name;
    std::function<void(Person&)> spoil;
    std::string_view field;
  };
  const Case cases[] = {
      {"check digit", [](Person& p) { p.id_number.back() = p.id_number.back() == '1' ? '2' : '1'; },
       field::kIdNumber},
      {"sex mismatch", [](Person& p) { p.sex = Sex::kFemale; }, field::kSex},
      {"birth mismatch", [](Person& p) { p.birth_date = p.birth_date.AddDays(1); },
       field::kBirthDate},
      {"no name", [](Person& p) { p.name.clear(); }, field::kName},
      {"phone 10 digits", [](Person& p) { p.phone = "1380000123"; }, field::kPhone},
      {"phone starts 2", [](Person& p) { p.phone = "23800001234"; }, field::kPhone},
      {"unknown hukou", [](Person& p) { p.hukou_region = "529999"; }, field::kHukou},
      {"province-level residence", [](Person& p) { p.residence_region = "52"; }, field::kResidence},
      {"unknown work region", [](Person& p) { p.work_region = "520102999"; }, field::kWorkRegion},
      {"left school at 10",
       [](Person& p) { p.school_left_on = p.birth_date.AddYears(10); }, field::kSchoolLeftOn},
      {"left school tomorrow", [](Person& p) { p.school_left_on = *Date::FromYmd(2024, 6, 2); },
       field::kSchoolLeftOn},
      {"certificate level 7", [](Person& p) { p.certificates[0].level = 7; },
       field::kCertificates},
      {"certificate before birth",
       [](Person& p) { p.certificates[0].issued_on = *Date::FromYmd(1980, 1, 1); },
       field::kCertificates},
      {"group upside down",
       [](Person& p) { p.groups[0].valid_to = p.groups[0].valid_from.AddDays(-1); },
       field::kGroups},
      {"group overlap", [](Person& p) { p.groups.push_back(p.groups[0]); }, field::kGroups},
      {"county not a county", [](Person& p) { p.county_code = "5201"; }, field::kCountyCode},
  };
  for (const auto& c : cases) {
    Person p = GoodPerson();
    c.spoil(p);
    FieldErrors errors;
    EXPECT_FALSE(ValidatePerson(p, Ctx(), errors)) << c.name;
    ASSERT_FALSE(errors.empty()) << c.name;
    EXPECT_EQ(errors[0].field, c.field) << c.name;
    EXPECT_FALSE(errors[0].reason.empty()) << c.name;
  }
}

TEST_F(ValidateTest, IdentityValuesAreMaskedInErrors) {
  Person p = GoodPerson();
  std::string id = p.id_number;
  p.id_number.back() = id.back() == '1' ? '2' : '1';
  p.phone = "1380000123";
  FieldErrors errors;
  ValidatePerson(p, Ctx(), errors);
  ASSERT_GE(errors.size(), 2u);
  for (const auto& e : errors) {
    EXPECT_EQ(e.value.find("19900307"), std::string::npos) << e.value;
    EXPECT_EQ(e.value.find("0000123"), std::string::npos) << e.value;
  }
}

TEST_F(ValidateTest, FutureBirthDateAndImpossibleDateInIdAreRejected) {
  ValidationContext ctx = Ctx();
  for (std::string_view first17 : {"52010220300101001", "52010220230229001"}) {
    Person p = GoodPerson();
    p.id_number = Id(first17);
    FieldErrors errors;
    EXPECT_FALSE(DeriveFromIdNumber(p, ctx.today, errors)) << first17;
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].field, field::kIdNumber);
  }
}

TEST_F(ValidateTest, Employers) {
  Employer e;
  e.credit_code = CreditCode("91520102MA6DKQ8X2");
  e.name = "贵阳某某科技有限公司";
  e.region = "520102";
  e.county_code = "520102";
  e.insured_headcount = 35;
  e.years = {{2022, 33, 1, 1234567}, {2023, 35, 0, 1300000}};
  FieldErrors errors;
  EXPECT_TRUE(ValidateEmployer(e, Ctx(), errors)) << errors[0].reason;

  struct Case {
    const char* name;
    std::function<void(Employer&)> spoil;
    std::string_view field;
  } cases[] = {
      {"credit check char", [](Employer& x) { x.credit_code.back() = x.credit_code.back() == 'A' ? 'B' : 'A'; },
       field::kCreditCode},
      {"no name", [](Employer& x) { x.name.clear(); }, field::kEmployerName},
      {"unknown region", [](Employer& x) { x.region = "999999"; }, field::kEmployerRegion},
      {"unknown insured region", [](Employer& x) { x.insured_region = "999999"; }, field::kEmployerInsuredRegion},
      {"insured in a Guizhou prefecture only", [](Employer& x) { x.insured_region = "5201"; },
       field::kEmployerInsuredRegion},
      {"future year", [](Employer& x) { x.years[1].year = 2025; }, field::kYear},
      {"repeated year", [](Employer& x) { x.years[1].year = 2022; }, field::kYear},
      {"negative premium", [](Employer& x) { x.years[0].ui_premium_fen = -1; }, field::kUiPremium},
  };
  for (const auto& c : cases) {
    Employer x = e;
    c.spoil(x);
    FieldErrors errs;
    EXPECT_FALSE(ValidateEmployer(x, Ctx(), errs)) << c.name;
    ASSERT_FALSE(errs.empty()) << c.name;
    EXPECT_EQ(errs[0].field, c.field) << c.name;
  }
  // Outside Guizhou a province is enough for 参保地 (the rules only ask
  // whether it is Guizhou's), and a county there is fine too.
  for (const char* outside : {"33", "440305"}) {
    Employer x = e;
    x.insured_region = outside;
    FieldErrors errs;
    EXPECT_TRUE(ValidateEmployer(x, Ctx(), errs)) << outside << " " << (errs.empty() ? "" : errs[0].reason);
  }
}

TEST_F(ValidateTest, JobsAndContracts) {
  Job j;
  j.employer_credit_code = CreditCode("91520102MA6DKQ8X2");
  j.title = "焊工";
  j.occupation_code = "6-18-02-04";
  j.headcount = 2;
  j.wage_min_fen = 400000;
  j.wage_max_fen = 600000;
  j.place_region = "520102";
  j.county_code = "520102";
  j.open_on = *Date::FromYmd(2024, 5, 1);
  j.close_on = *Date::FromYmd(2024, 12, 31);
  FieldErrors errors;
  EXPECT_TRUE(ValidateJob(j, Ctx(), errors)) << errors[0].reason;

  struct JobCase {
    const char* name;
    std::function<void(Job&)> spoil;
    std::string_view field;
  } job_cases[] = {
      {"headcount 0", [](Job& x) { x.headcount = 0; }, field::kHeadcount},
      {"wage upside down", [](Job& x) { x.wage_max_fen = 300000; }, field::kWageMax},
      {"close before open", [](Job& x) { x.close_on = *Date::FromYmd(2024, 4, 30); }, field::kCloseOn},
      {"open in future", [](Job& x) { x.open_on = *Date::FromYmd(2024, 6, 2); }, field::kOpenOn},
      {"occupation form", [](Job& x) { x.occupation_code = "6-1802"; }, field::kOccupationCode},
      {"no title", [](Job& x) { x.title.clear(); }, field::kTitle},
  };
  for (const auto& c : job_cases) {
    Job x = j;
    c.spoil(x);
    FieldErrors errs;
    EXPECT_FALSE(ValidateJob(x, Ctx(), errs)) << c.name;
    ASSERT_FALSE(errs.empty()) << c.name;
    EXPECT_EQ(errs[0].field, c.field) << c.name;
  }

  Contract k;
  k.person_id_number = Id("52010219900307001");
  k.employer_credit_code = j.employer_credit_code;
  k.start_on = *Date::FromYmd(2023, 3, 1);
  k.end_on = *Date::FromYmd(2026, 2, 28);
  k.social_insurance_months = 6;
  EXPECT_TRUE(ValidateContract(k, Ctx(), errors));
  struct ContractCase {
    const char* name;
    std::function<void(Contract&)> spoil;
    std::string_view field;
  } contract_cases[] = {
      {"end before start", [](Contract& x) { x.end_on = *Date::FromYmd(2023, 2, 28); }, field::kEndOn},
      {"aged 15", [](Contract& x) { x.start_on = *Date::FromYmd(2005, 1, 1); }, field::kStartOn},
      {"months", [](Contract& x) { x.social_insurance_months = 601; }, field::kInsuredMonths},
      {"bad work region", [](Contract& x) { x.work_region = "12345"; }, field::kContractWorkPlace},
      {"way out not a code", [](Contract& x) { x.organised_via = "朋友介绍"; }, field::kOrganisedVia},
      {"way out as a label", [](Contract& x) { x.organised_via = "自主外出"; }, field::kOrganisedVia},
  };
  for (const auto& c : contract_cases) {
    Contract x = k;
    c.spoil(x);
    FieldErrors errs;
    EXPECT_FALSE(ValidateContract(x, Ctx(), errs)) << c.name;
    ASSERT_FALSE(errs.empty()) << c.name;
    EXPECT_EQ(errs[0].field, c.field) << c.name;
  }
  Contract organised = k;
  organised.organised_via = "station";
  FieldErrors none;
  EXPECT_TRUE(ValidateContract(organised, Ctx(), none)) << (none.empty() ? "" : none[0].reason);
}

}  // namespace
}  // namespace qjy::registry
