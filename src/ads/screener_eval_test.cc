// Precision and recall of the screener on the labelled set
// (data/labelled_ads.yaml, issue #17 §3): at the level of the ad (flagged
// or not) and of the categories found, both asserted >= 0.95, and no
// finding at all on the neutral look-alikes (traps). The figures are
// printed for src/ads/README.md.
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "ads/labelled_set.h"
#include "ads/screener.h"
#include "ads/screener_test_support.h"

namespace qjy::ads {
namespace {

struct Counts {
  int tp = 0, fp = 0, fn = 0;
  double Precision() const { return tp + fp == 0 ? 1.0 : double(tp) / (tp + fp); }
  double Recall() const { return tp + fn == 0 ? 1.0 : double(tp) / (tp + fn); }
};

JobAd MakeAd(const std::string& text, int64_t wage_yuan) {
  JobAd ad;
  ad.job.title = "岗位";
  ad.job.requirements = text;
  ad.job.wage_min_fen = ad.job.wage_max_fen = wage_yuan * 100;
  return ad;
}

std::set<std::string> Found(const Screener& s, const JobAd& ad) {
  std::set<std::string> out;
  for (const auto& f : s.Screen(ad)) out.insert(f.category);
  return out;
}

struct Evaluation {
  Counts ads, cats;
  int total = 0, traps = 0;
  std::set<std::string> labelled_categories;
  std::map<std::string, Counts> per_category;  // a false alarm counts against each category found
  std::vector<std::string> misses;  // "missed/extra/false alarm ...: text"
};

Evaluation Evaluate(const Screener& screener, const std::string& file) {
  YAML::Node set = YAML::LoadFile(AdsDataDir() + "/" + file);
  Evaluation e;
  for (const auto& row : set["flagged"]) {
    ++e.total;
    std::set<std::string> expect;
    for (const auto& c : row[0]) expect.insert(c.as<std::string>());
    e.labelled_categories.insert(expect.begin(), expect.end());
    const std::string text = row[1].as<std::string>();
    auto found = Found(screener, MakeAd(text, row.size() > 2 ? row[2].as<int64_t>() : 0));
    (found.empty() ? e.ads.fn : e.ads.tp)++;
    for (const auto& c : expect) {
      (found.count(c) ? e.cats.tp : e.cats.fn)++;
      (found.count(c) ? e.per_category[c].tp : e.per_category[c].fn)++;
      if (!found.count(c)) e.misses.push_back("missed " + c + ": " + text);
    }
    for (const auto& c : found) {
      if (expect.count(c)) continue;
      ++e.cats.fp;
      ++e.per_category[c].fp;
      e.misses.push_back("extra " + c + ": " + text);
    }
  }
  for (const char* list : {"traps", "clean"}) {
    for (const auto& row : set[list]) {
      ++e.total;
      e.traps += std::string(list) == "traps";
      const std::string text = row.IsSequence() ? row[0].as<std::string>() : row.as<std::string>();
      const int64_t wage = row.IsSequence() ? row[1].as<int64_t>() : 0;
      auto found = Found(screener, MakeAd(text, wage));
      if (found.empty()) continue;
      ++e.ads.fp;
      e.cats.fp += static_cast<int>(found.size());
      for (const auto& c : found) ++e.per_category[c].fp;
      e.misses.push_back("false alarm " + *found.begin() + " (" + list + "): " + text);
    }
  }
  std::printf("%s: %d ads (%d flagged, %d traps); ad level: precision %.3f recall %.3f "
              "(tp %d fp %d fn %d); category level: precision %.3f recall %.3f (tp %d fp %d fn %d)\n",
              file.c_str(), e.total, e.ads.tp + e.ads.fn, e.traps, e.ads.Precision(),
              e.ads.Recall(), e.ads.tp, e.ads.fp, e.ads.fn, e.cats.Precision(), e.cats.Recall(),
              e.cats.tp, e.cats.fp, e.cats.fn);
  for (const auto& [c, n] : e.per_category) {
    std::printf("  %s: precision %.3f recall %.3f (tp %d fp %d fn %d)\n", c.c_str(), n.Precision(), n.Recall(),
                n.tp, n.fp, n.fn);
  }
  for (const auto& m : e.misses) std::printf("  %s\n", m.c_str());
  return e;
}

using ::qjy::ads::testing::ShippedScreener;

// The target (#17 §3): precision and recall >= 0.95 at the level
// of the ad and of the category.
void ExpectTargetMet(const Evaluation& e) {
  EXPECT_GE(e.ads.Precision(), 0.95);
  EXPECT_GE(e.ads.Recall(), 0.95);
  EXPECT_GE(e.cats.Precision(), 0.95);
  EXPECT_GE(e.cats.Recall(), 0.95);
}

TEST(ScreenerEvalTest, PrecisionAndRecallOnTheLabelledSet) {
  Evaluation e = Evaluate(ShippedScreener(), "labelled_ads.yaml");
  EXPECT_GE(e.total, 300);
  EXPECT_GE(e.traps, 50);
  // Every category of the data file is in the labelled set.
  for (const auto& code : ShippedScreener().CategoryCodes()) {
    EXPECT_TRUE(e.labelled_categories.count(code)) << code;
  }
  ExpectTargetMet(e);
}

// The held-out ads were written after the patterns were frozen: the
// figures estimate unseen wording; the floor only catches a collapse.
TEST(ScreenerEvalTest, HeldOutSetEstimatesUnseenWording) {
  Evaluation e = Evaluate(ShippedScreener(), "holdout_ads.yaml");
  EXPECT_GE(e.total, 60);
  EXPECT_GE(e.ads.Precision(), 0.80);
  EXPECT_GE(e.ads.Recall(), 0.80);
}

// Written blind (2026-12-04) by a helper who saw neither the patterns nor
// the labelled set, only the category codes. Measured first (ad recall
// 0.681, src/ads/README.md), then the patterns were revised against its
// misses: it is in-sample now, held to the 0.95 like the labelled
// set. No set in this folder is blind any more; the lead measures a fourth,
// unseen set outside it.
TEST(ScreenerEvalTest, BlindSetAfterRevision) {
  Evaluation e = Evaluate(ShippedScreener(), "blind_ads.yaml");
  EXPECT_GE(e.total, 200);
  ExpectTargetMet(e);
}

// The second blind set (another helper, WeChat-group and long formal
// styles): measured untouched first (ad recall 0.616), then the patterns
// were revised against its misses; in-sample now.
TEST(ScreenerEvalTest, SecondBlindSetAfterRevision) {
  Evaluation e = Evaluate(ShippedScreener(), "blind2_ads.yaml");
  EXPECT_GE(e.total, 220);
  ExpectTargetMet(e);
}

// The third blind set (2026-12-04, another helper, employers of every
// sector in their own registers, restrictions implied or buried in lists):
// measured untouched first (ad recall 0.680 after blind 1 and 2's
// revisions), then its misses were classified by cause and fixed
// structurally (normalise.h, the lexicons and `all` rules of
// screening.yaml, 2026-12-05). In-sample now, held to the 0.95.
TEST(ScreenerEvalTest, ThirdBlindSetAfterRevision) {
  Evaluation e = Evaluate(ShippedScreener(), "blind3_ads.yaml");
  EXPECT_GE(e.total, 240);
  ExpectTargetMet(e);
}

// Fraudulent and deceptive recruitment written by cause (data/fraud_ads.yaml,
// 2026-12-05): fees and their disguises, documents kept, 刷单/居家手工, pay
// from recruiting others, pay bait, with lawful look-alikes (the company
// pays, documents checked and returned, collecting fees as the job, referral
// bonuses, high pay for skilled work). Measured before the fraud rules were
// revised against it (src/ads/README.md); in-sample since, held to the
// issue's 0.95 per fraud category and with no false alarm on a trap.
TEST(ScreenerEvalTest, FraudSetByCause) {
  Evaluation e = Evaluate(ShippedScreener(), "fraud_ads.yaml");
  EXPECT_GE(e.total - e.traps, 120);
  EXPECT_GE(e.traps, 60);
  ExpectTargetMet(e);
  for (const char* c : {"fee", "documents", "brushing", "pyramid", "pay_bait"}) {
    EXPECT_GE(e.per_category[c].Recall(), 0.95) << c;
    EXPECT_GE(e.per_category[c].Precision(), 0.95) << c;
  }
  for (const auto& m : e.misses) EXPECT_EQ(m.rfind("false alarm", 0), std::string::npos) << m;
}

// The families behind blind set 4's errors (data/family_ads.yaml,
// 2026-12-05): for each miss or false alarm of that set the general cause
// (documents kept in speech, fees in disguise, a short day at high pay,
// ranges in 万, jobs abroad, hires as the condition of pay, places without
// 县/市, plans for a child, proofs of not being pregnant, statuses in lists
// and as benefits, compact degrees, financial numerals, spaced-out text,
// pictographs, a lawful minimum age), with new ads per family and traps;
// and (F13–F25, 2026-12-05) the families behind blind set 5's remaining
// errors: identity groups refused, accounts lent (帮信), unpaid trials and
// withheld work, no employer, fees deducted or for certificates, places in
// lists, ages with （含） or in English, denials and impersonation notices,
// voluntary lodging, one-sex intimate services. In-sample: every flagged ad
// is found with exactly its categories, no trap is flagged.
// An in-sample family set: every flagged ad found with exactly its
// categories, no trap flagged, and at least the given numbers of each.
void ExpectFamilySetExact(const char* file, int min_flagged, int min_traps) {
  Evaluation e = Evaluate(ShippedScreener(), file);
  EXPECT_GE(e.total - e.traps, min_flagged);
  EXPECT_GE(e.traps, min_traps);
  EXPECT_EQ(e.ads.fn, 0);
  EXPECT_EQ(e.ads.fp, 0);
  EXPECT_EQ(e.cats.fn, 0);
  EXPECT_EQ(e.cats.fp, 0);
  for (const auto& m : e.misses) ADD_FAILURE() << m;
}

TEST(ScreenerEvalTest, FamiliesOfBlind4Misses) { ExpectFamilySetExact("family_ads.yaml", 60, 40); }

// The families of blind set 6's misses (data/family6_ads.yaml, lead,
// 2026-12-05): accounts lent (跑分), unpaid trials, other identity, and
// the ways of writing normalisation now reads (a pair pulled apart, 卅,
// ♂, ↓). In-sample, as FamiliesOfBlind4Misses.
TEST(ScreenerEvalTest, FamiliesOfBlind6Misses) { ExpectFamilySetExact("family6_ads.yaml", 45, 30); }

// The families of blind set 8's errors (data/family8_ads.yaml, lead,
// session 22): fees by homophone, pinyin or other script, wages withheld or
// deferred, ages and marital status in other forms, school origin and
// rankings, zodiac/blood type/petition/poverty status, cards and licences
// bought or kept, welcome lists, customers' deposits. In-sample.
TEST(ScreenerEvalTest, FamiliesOfBlind8Misses) { ExpectFamilySetExact("family8_ads.yaml", 45, 25); }

// The families of blind set 9's errors (data/family9_ads.yaml, helper
// blind9fix, 2026-12-06): marital status in pinyin, a child before the
// refusal, statuses and sexes denied a benefit, check-up findings and
// implants, looks in plain words, dialect and pinyin for sex, school tier
// and ethnicity, rights used before, beliefs forbidden, fees by homophone,
// pinyin or a bare sum, licences kept, five-star reviews, commission by
// generation, loans signed by the worker, 接码, wages held, the employer's
// name withheld, 工伤自理, unpaid overtime, lures abroad over lines; with
// traps for each. In-sample.
TEST(ScreenerEvalTest, FamiliesOfBlind9Misses) { ExpectFamilySetExact("family9_ads.yaml", 55, 25); }

// The families of blind set 10's errors (data/family10_ads.yaml, helper
// blind10fix, 2026-12-06): questions answered no or yes, table rows, the
// last line and pictograph pairs; old people refused, ages in pinyin and
// English, contracts ended at an age; 限 by sex, pay and terms by sex in
// two clauses; dismissal, penalties and lost bonuses for a pregnancy or a
// marriage; HBsAg by old name and homophone, patients and senses refused;
// named schools; the ID prefix; a declaration of no belief; fees "拿",
// sent to the poster, in pinyin with tones or traditional characters;
// cards kept with their PIN; pay a little to get more; 回本 and study
// trips; compounds abroad in English; cards collected in speech, phone
// numbers bought, nominee legal persons; loans on a named app; wages by
// the quarter, in part or when the project is paid, blank contracts, long
// probations. With traps for each. In-sample.
TEST(ScreenerEvalTest, FamiliesOfBlind10Misses) { ExpectFamilySetExact("family10_ads.yaml", 70, 27); }

// The families of blind set 11's errors (data/family11_ads.yaml, helper
// blind11fix, 2026-12-06): benefits, promotions and posts lost for a birth,
// a pregnancy, a marriage or nursing, bonuses only for no birth, plans
// asked or to be absent; allowances, insurance, bonuses and education by
// sex; origin, belief, ethnicity, health and age refused in English; the ID
// number by its digits; prison records; licences and places bought,
// monthly kickbacks, courses before work, guarantee sums, exam fees,
// check-up packages, memberships, shares, money before the bus; fees to
// become a leader; top-ups; PINs and licences lent; pay at the year end or
// on a leader's card, probation over the law, unpaid trial periods,
// penalties for leaving, the employer withheld; no passport abroad. With
// traps for each. In-sample.
TEST(ScreenerEvalTest, FamiliesOfBlind11Misses) { ExpectFamilySetExact("family11_ads.yaml", 60, 28); }

// The families of blind set 12's errors (data/family12_ads.yaml, helper
// blind12fix, 2026-12-06): pay and allowances by sex for one post written
// as the post and its sum, education by sex, one-sex teams, "只要靓妹", the
// post of one sex before 急招; birth years with the refusal, 年龄 mistyped,
// bare ranges after a person; places with a district in a refused list,
// "不予受理"; a post lowered after maternity leave, only the unmarried;
// illnesses with a bracketed remark, looks with a word between, veterans
// refused; English hukou, plans, status, age, looks, faith, fees, probation
// and penalties; posts and licences bought with a guarantee, fees apart, a
// priced course first, money to the poster, kickbacks from a subsidy, fees
// per order; platform accounts rented, faces verified and IDs lent, one's
// own card collecting payments; loans arranged "for you", cosmetic
// packages and cars on instalments; recruits who invest; penalties for
// leaving, losses from the wage, insurance and injuries on the worker, pay
// at the year or season end, service periods for onboarding training. With
// traps for each. In-sample.
TEST(ScreenerEvalTest, FamiliesOfBlind12Misses) { ExpectFamilySetExact("family12_ads.yaml", 75, 45); }

// The families of blind set 13's errors (data/family13_ads.yaml, helper
// blind13fix, 2026-12-06): places and quotas by sex, a benefit for one sex
// and none for the other; ages in traditional characters and pinyin; a
// bracket or words before an ethnic refusal, 民族 as "mz"; 嘞 for 的 after a
// place, a registration to have, a graduate's 生源地, local students only,
// a tone in pinyin; pregnancy in dialect; the refusal before its list, a
// height with 要, colour vision where the post does not need it; ways of
// study refused; no belief as a condition, head coverings refused; fees
// after a denied one, fees called 钱, money put in products, deposits and
// trading accounts, places bought for 万, pinyin fees; rebates per recruit
// after a fee; top-ups before tasks, pinyin inside words, posing as
// members; platform accounts and IDs lent, cards opened and handed over,
// 走账; the ID in pinyin kept; loan agreements as guarantees, loans for
// classmates, "dk", cosmetic loans; escorts abroad and in Macau; penalties
// for leaving with a sum, quotas made up by the worker, wages held,
// probation without insurance. With traps for each, and a second round of
// look-alikes the rules were narrowed after. In-sample.
TEST(ScreenerEvalTest, FamiliesOfBlind13Misses) { ExpectFamilySetExact("family13_ads.yaml", 80, 55); }

// The families of blind set 14's errors (data/family14_ads.yaml, helper
// blind14fix, 2026-12-06): a referral agency's refusals ("不推", "暂不推荐")
// and only-refers ("只推"); places listed with a space; a pregnancy and the
// dispatched worker sent back, no marriage or birth before a date; benefits
// for permanent staff only; a family of officials, relatives' records, a
// sentence refused; pay by sex with a pay word and a small sum; no belief in
// a list; an illness after a lawful colour-vision requirement; a bare age
// range after the post; fees by other names with a bare sum, a licence's
// cost "自理", money put in to become a partner, certificates and posts sold
// with a guarantee, priced courses and paid permissions, gift packs and first
// stock; rewards per recruit with a second level; originals kept until a
// later event; high piece rates with no threshold; codes, faces, real-name
// accounts and cards sold, accounts handed over, certificates lent;
// penalties in wages, wages held to the end, injuries left to the worker,
// unpaid school internships. With traps for each (programme ages of 特岗,
// 选调生, 博士后 and 事业单位, a working-holiday visa, castings, part-time
// work, contraindications, visa medicals, service periods after paid
// training, notices quoting fees, paid content, money the employer gives),
// and a second round of look-alikes the rules were narrowed after.
// In-sample.
TEST(ScreenerEvalTest, FamiliesOfBlind14Misses) { ExpectFamilySetExact("family14_ads.yaml", 70, 80); }

// The families of blind set 15's errors (data/family15_ads.yaml, helper
// b15fix, 2026-12-06): requirement tables read by column (normalise.h:
// "户籍：本市" under its header); a space of OCR inside a word ("限汉 族", "无乙
// 肝"); a bare range or bound in a short message ("18-30 交300押金", "三十五以下
// 的哈"), the post in a bracket before it, old people in dialect ("老者些莫
// 来"); pay by sex with a decimal sum; a dormitory for one sex only; "暂不安排"
// closing a refusal; routes of entry to a college refused; looks in a list
// before the refusal; a registration as a field ("户籍：本市"); originals
// given back "离职时还" or after a term, "先扣着", a broker's "帮你们收着";
// fees to learn a trade, to open a shop, for a membership that unlocks the
// jobs, an agency's 登记费, a price before 包过, money put in to become a
// partner, a bracket before the sum ("yj（押金）500"), English with the sum
// first; the second level in words; farm work by the day at a rate in
// hundreds, simple work at such a rate with a rush to add a contact, desk
// work at home for ten thousands a month; a bank card lent in English; a
// vehicle on instalments repaid from the wage; probation without contract
// or insurance, a probation wage of nothing, a penalty in ten thousands,
// an injury the boss stays out of, wages by the half-year. With traps for
// each (warnings that call a fee a trap or a cheat, "请勿转账", denials in a
// checklist, "不收会员费", "不要紧", minors kept from barred work, both
// dormitories, equal pay, ways of study accepted, part-time posts, originals
// checked and returned, lawful penalties of service periods and
// non-competes, ordinary day rates, "温馨提醒" no longer a warning). The
// kinds of recruitment that depend on the ad's heading (warnings quoting
// lures, heavy-licence standards, passenger drivers' age, school-bus
// drivers' health, 选调 announcements, civil-service position tables,
// staged shows casting roles) are in lawful_requirements_test.cc.
// In-sample.
TEST(ScreenerEvalTest, FamiliesOfBlind15Misses) { ExpectFamilySetExact("family15_ads.yaml", 70, 80); }

// The families of blind set 16's errors (data/family16_ads.yaml, helper
// b16fix, 2026-12-06): a car, a loan or a policy in the worker's own or lent
// name; a loan arranged "for you" whose money or cut goes elsewhere or comes
// back out of the wage; a course on instalments tied to a job ("先就业后付
// 款"); an advance against an IOU with interest; a sum to bring for named
// fees, a check-up at the employer for a sum, paid entry to a group for a
// job list, kit bought from the crew and taken from the wage, a policy
// bought for oneself as the condition of starting (自保件); a third level in
// words, recruits counted for a promotion, pay per recruit, an entry fee with
// a cut of the recruits'; certificates collected to be registered with a
// company (挂靠), an account registered with one's ID for codes, 残疾证 kept;
// wages lost by those who leave mid-way or held to the end of a season, a
// project or the year; a quota whose miss costs the wage; fines borne by the
// worker; a penalty with the sum before 违约金; a disabled worker paid for
// the quota without work; desk work at ten thousands with no duties, pay in
// tens of thousands with no certificate; a group refused in a comment's
// reply or "mainly" hired; no children, mothers only, a second child
// refused; 妇女 only; places' registrations and ID cards; a disability "不
// 适合"; relatives' records; colleges refused with 非. With traps for each
// (company cars and state start-up loans, courses the company pays, advances
// without interest, fees the employer bears, free groups and kit, referral
// bonuses, certificates kept by their owner, wages monthly with bonuses at
// the year's end, quotas that cost a bonus, lawful service-period
// penalties, disabled staff who work, questions answered yes, minors with
// consent, over-60s on service agreements, pregnancy moved with pay kept),
// and a second round of look-alikes the rules were narrowed after. The
// kinds that depend on the heading (forum and consumer warnings, forest
// rangers, guest-worker schemes abroad) are in lawful_requirements_test.cc.
// In-sample.
TEST(ScreenerEvalTest, FamiliesOfBlind16Misses) { ExpectFamilySetExact("family16_ads.yaml", 70, 80); }

// The families of blind set 17's errors (data/family17_ads.yaml, helper
// b17fix, 2026-12-06): records refused after words between or in a list
// (征信, 蹲过监狱, 前科 … 莫报); couples only, children to look after refused,
// a child put off for years; a belief "不太合适"; looks required in plain
// words; forms of study refused (函授, 电大, 成人高考, 专升本); a named fee
// with a bare sum, a model card shot for a sum; a paid membership as the
// condition of work, a fee on a referral's success; a post bought (编制);
// wages held by the employer; a quota short of a figure costing the base
// pay, a fine on top of a loss; instalments with an ID or a student card, a
// class on instalments tied to a job; the recruits' recruits, the team's
// every sale, a rank for recruits; a hostess post or a driver with a licence
// only at ten thousands; certificates and accounts collected across a
// poster's lines; a lure abroad in traditional script. With traps for each
// (carriers allowed, singles hired too, a 接龙 sign-up list, a public
// institution's age condition cited, a fee question answered no, fees the
// employer or the client pays, a course that promises no job, a direct
// seller's denials, a percentage on a customer's purchase, and look-alikes
// of every new rule). The kinds that depend on the heading (warnings
// quoting lures and bait pay, casting calls headed 角色通告) are in
// lawful_requirements_test.cc. In-sample.
TEST(ScreenerEvalTest, FamiliesOfBlind17Misses) { ExpectFamilySetExact("family17_ads.yaml", 39, 50); }

// Probes written by the author of the lexicons (data/probe_ads.yaml, not
// blind): the same categories in other wording must be flagged, neutral
// look-alikes must not.
TEST(ScreenerEvalTest, ProbesOfOtherWordingAndNeutralLookAlikes) {
  YAML::Node set = YAML::LoadFile(AdsDataDir() + "/probe_ads.yaml");
  ASSERT_GE(set["flagged"].size(), 80u);
  ASSERT_GE(set["clean"].size(), 80u);
  auto ad = [](const std::string& text) { return MakeAd(text, 0); };
  for (const auto& row : set["flagged"]) {
    const std::string text = row.as<std::string>();
    EXPECT_FALSE(Found(ShippedScreener(), ad(text)).empty()) << "missed: " << text;
  }
  for (const auto& row : set["clean"]) {
    const std::string text = row.as<std::string>();
    auto found = Found(ShippedScreener(), ad(text));
    EXPECT_TRUE(found.empty()) << "false alarm " << (found.empty() ? "" : *found.begin()) << ": " << text;
  }
}

// The fourth blind set (data/blind4_ads.tsv, 363 ads, 2026-12-05): written
// by a helper who read only the policy and the issue — neither the patterns
// nor any earlier set — labelled per ad as clean / discrimination / fraud /
// both, with clean look-alikes (男女不限, legal licences and health rules,
// 无需押金, normal pay for skilled work). Measured by the lead with main's
// screener and after the lexicon revision of the same day, before anyone
// tuned against it (src/ads/README.md). The floors sit just under the
// measured figures: they catch a regression, they are not the 0.95.
struct KindCounts {
  Counts discrimination, fraud, any;
  // One ad: what was found and what its label wants, per kind.
  void Add(bool got_d, bool want_d, bool got_f, bool want_f) {
    auto tally = [](Counts& c, bool got, bool want) {
      if (got && want) ++c.tp;
      else if (got) ++c.fp;
      else if (want) ++c.fn;
    };
    tally(discrimination, got_d, want_d);
    tally(fraud, got_f, want_f);
    tally(any, got_d || got_f, want_d || want_f);
  }
};

// Floors of a blind set: precision and recall per kind at least these.
void ExpectAtLeast(const KindCounts& k, double disc_p, double disc_r, double fraud_p, double fraud_r) {
  EXPECT_GE(k.discrimination.Precision(), disc_p);
  EXPECT_GE(k.discrimination.Recall(), disc_r);
  EXPECT_GE(k.fraud.Precision(), fraud_p);
  EXPECT_GE(k.fraud.Recall(), fraud_r);
}

KindCounts EvaluateBlind4(const Screener& screener) {
  std::ifstream in(AdsDataDir() + "/blind4_ads.tsv");
  EXPECT_TRUE(in.good()) << "blind4_ads.tsv";
  KindCounts k;
  std::string line;
  std::getline(in, line);  // header: id, label, category, text
  int rows = 0;
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    size_t start = 0;
    for (size_t tab; (tab = line.find('\t', start)) != std::string::npos; start = tab + 1) {
      f.push_back(line.substr(start, tab - start));
    }
    f.push_back(line.substr(start));
    if (f.size() != 4) {
      ADD_FAILURE() << "malformed row: " << line;
      continue;
    }
    ++rows;
    const std::string& label = f[1];
    const bool want_d = label == "discrimination" || label == "both";
    const bool want_f = label == "fraud" || label == "both";
    bool got_d = false, got_f = false;
    for (const auto& x : screener.Screen(MakeAd(f[3], 0))) (x.kind == "fraud" ? got_f : got_d) = true;
    k.Add(got_d, want_d, got_f, want_f);
  }
  EXPECT_GE(rows, 300);
  for (auto [name, c] : {std::pair{"discrimination", k.discrimination}, {"fraud", k.fraud}, {"any", k.any}}) {
    std::printf("blind4 %s: precision %.3f recall %.3f (tp %d fp %d fn %d)\n", name, c.Precision(), c.Recall(), c.tp,
                c.fp, c.fn);
  }
  return k;
}

TEST(ScreenerEvalTest, FourthBlindSetMeasuredUnseen) {
  KindCounts k = EvaluateBlind4(ShippedScreener());
  // Measured 2026-12-05 after the revision: discrimination 0.986 / 0.971,
  // fraud 0.956 / 0.843 (main's screener before it, through `qjy ads
  // screen`: 0.978 / 0.943 and 0.946 / 0.686). After the fraud revision by
  // cause (fraud_ads.yaml, written by a helper who never saw this set):
  // fraud 0.970 / 0.951 here, 0.970 / 0.941 through `qjy ads screen`.
  // Spent since (2026-12-05): its errors were read and their families fixed
  // (data/family_ads.yaml); 1.000 / 1.000 for both kinds, in-sample, so the
  // floors are a regression guard only.
  ExpectAtLeast(k, 0.99, 0.99, 0.99, 0.99);
}

// The fifth blind set (data/blind5_ads.yaml, 399 ads, 2026-12-05): written
// by a helper who read only the policy (not src/ads, not the earlier sets),
// labels per ad (discrimination, fraud, both or none) and a note, with
// clean look-alikes. Measured unseen through `qjy ads screen` on main before
// and after the family revision of blind set 4 (src/ads/README.md). Its
// misses then showed two categories the screener lacked — religious belief
// and credit taken in the applicant's name (招聘贷) — which were added with
// examples of our own (family_ads.yaml F11, F12), so it is partly spent:
// the floors sit just under the figures after that and guard against a
// regression; they are not the 0.95.
// A blind set in the YAML form of blind sets 5 and 6 (id, text, labels,
// note), tallied per kind; prints the figures under `name`.
KindCounts EvaluateBlindFile(const Screener& screener, const std::string& file, const char* name, int min_rows) {
  KindCounts k;
  auto set = LoadLabelledSet(AdsDataDir() + "/" + file);
  if (!set) {
    ADD_FAILURE() << set.error().message;
    return k;
  }
  const SetEvaluation e = EvaluateSet(screener, *set);
  auto counts = [](const Tally& t) { return Counts{t.tp, t.fp, t.fn}; };
  k.discrimination = counts(e.discrimination);
  k.fraud = counts(e.fraud);
  k.any = counts(e.any);
  const int rows = e.ads;
  EXPECT_GE(rows, min_rows);
  for (auto [kind, c] : {std::pair{"discrimination", k.discrimination}, {"fraud", k.fraud}, {"any", k.any}}) {
    std::printf("%s %s: precision %.3f recall %.3f (tp %d fp %d fn %d)\n", name, kind, c.Precision(), c.Recall(),
                c.tp, c.fp, c.fn);
  }
  return k;
}

TEST(ScreenerEvalTest, FifthBlindSet) {
  KindCounts k = EvaluateBlindFile(ShippedScreener(), "blind5_ads.yaml", "blind5", 399);
  // Through `qjy ads screen`, 2026-12-05: main before the blind-4 family
  // revision 0.976 / 0.872 (discrimination) and 0.926 / 0.800 (fraud);
  // after it, still unseen, 0.969 / 0.887 and 0.951 / 0.836; after the two
  // categories, 0.970 / 0.922 and 0.954 / 0.893. Spent since (2026-12-05,
  // fraud4): its remaining errors were read and their families fixed
  // (family_ads.yaml F13–F25): 0.993 / 1.000 for both kinds through the
  // CLI, in-sample, so the floors are a regression guard only.
  ExpectAtLeast(k, 0.98, 0.99, 0.98, 0.99);
}

// The sixth blind set (data/blind6_ads.yaml, 492 ads, 2026-12-05): written
// by a helper who read only the policy, deliberately in the forms of real
// postings (multi-line lists, WeChat and 零工 posts, dialect, dodges such
// as "押 金" and "♂", import rows). Measured unseen through `qjy ads screen`
// on main (bcdbbfd): discrimination 0.969 / 0.796, fraud 0.897 / 0.669.
// Then spent: its misses were traced to families (account lending, unpaid
// trials, other identity, pairs pulled apart, 卅, arrows; data/
// family6_ads.yaml); 0.978 / 0.903 and 0.931 / 0.799 after, 0.989 / 0.908
// and 0.939 / 0.817 with fraud4's families merged. The floors guard that;
// they are not the 0.95.
TEST(ScreenerEvalTest, SixthBlindSet) {
  KindCounts k = EvaluateBlindFile(ShippedScreener(), "blind6_ads.yaml", "blind6", 492);
  ExpectAtLeast(k, 0.98, 0.90, 0.93, 0.81);
}

// The eighth blind set (data/blind8_ads.yaml, 480 ads, 2026-12-05, session
// 22): written by hand by a helper who read only the policy, with dodges
// (压金, ya金, pinyin, radical forms), dialect and traps. Measured unseen
// with `qjy ads eval` on main 0fabb92: 0.947 / 0.847 (discrimination) and
// 0.954 / 0.743 (fraud). Its errors were then read and traced to families
// (family8_ads.yaml); after that revision, in-sample, 0.969 / 0.979 and
// 0.977 / 0.921. The floors guard against a regression; the remaining
// errors are listed in src/ads/README.md.
TEST(ScreenerEvalTest, EighthBlindSet) {
  KindCounts k = EvaluateBlindFile(ShippedScreener(), "blind8_ads.yaml", "blind8", 480);
  ExpectAtLeast(k, 0.96, 0.97, 0.97, 0.92);
}

// The ninth blind set (data/blind9_ads.yaml, 447 ads, 2026-12-05, session
// 24; how it was written: data/blind9_README.md): by a helper who read only
// the policy and blind 8's README (for the format). Measured once, unseen,
// with `qjy ads eval` on main 158be13: 0.905 / 0.860 (discrimination) and
// 0.937 / 0.788 (fraud). Now spent (2026-12-06, blind9fix): its errors were
// read and traced to families (family9_ads.yaml); after that revision,
// in-sample, 0.973 / 1.000 and 0.992 / 1.000. The floors guard against a
// regression; the errors left are listed in src/ads/README.md.
TEST(ScreenerEvalTest, NinthBlindSet) {
  KindCounts k = EvaluateBlindFile(ShippedScreener(), "blind9_ads.yaml", "blind9", 447);
  ExpectAtLeast(k, 0.97, 0.99, 0.99, 0.99);
}

// The tenth blind set (data/blind10_ads.yaml, 541 ads, 2026-12-06, session
// 25; how it was written: data/blind10_README.md): by a helper who read only
// the policy and blind 9's README and build script (for the format); new
// forms (tables "要求：x｜y", Q&A, the offence in the last line, sums in
// Chinese numerals). Measured once, unseen, with `qjy ads eval` on main
// 6a62002 (after blind 9's families): 0.964 / 0.823 (discrimination) and
// 0.944 / 0.805 (fraud), 93 ads wrong. Now spent (2026-12-06, blind10fix):
// its errors were read and traced to families (family10_ads.yaml); after
// that revision, in-sample, 0.991 / 1.000 and 1.000 / 1.000. The floors
// guard against a regression; the errors left are listed in src/ads/README.md.
TEST(ScreenerEvalTest, TenthBlindSet) {
  KindCounts k = EvaluateBlindFile(ShippedScreener(), "blind10_ads.yaml", "blind10", 541);
  ExpectAtLeast(k, 0.99, 0.99, 0.99, 0.99);
}

// The eleventh blind set (data/blind11_ads.yaml, 445 ads, 2026-12-06,
// session 25; how it was written: data/blind11_README.md): by a helper who
// read only the policy and blind 10's README and build script; labour
// dispatch, platform and gig work, public-sector-like notices beside lawful
// targeting, rural Guizhou, a benefit conditioned on sex or marriage in a
// long posting, English postings, careful wording that still excludes.
// Measured once, unseen, with `qjy ads eval` on main 1578930 (after blind
// 10's families): 0.958 / 0.811 (discrimination) and 0.959 / 0.773 (fraud),
// 82 ads wrong. Now spent, in-sample (2026-12-06, branch blind11fix): its
// errors were traced to families (data/family11_ads.yaml,
// FamiliesOfBlind11Misses) and fixed in the lexicon; 1.000 / 1.000 for both
// kinds, 0 ads wrong. The floors guard against a regression only.
TEST(ScreenerEvalTest, EleventhBlindSet) {
  KindCounts k = EvaluateBlindFile(ShippedScreener(), "blind11_ads.yaml", "blind11", 445);
  ExpectAtLeast(k, 0.99, 0.99, 0.99, 0.99);
}

// The twelfth blind set (data/blind12_ads.yaml, 452 ads, 2026-12-06,
// session 25; how it was written: data/blind12_README.md): by a helper who
// read only the policy and blind 11's README and build script; many posters'
// own voices (a county-town shop owner on a phone, a plant's HR clerk, a
// labour broker, a live-streaming guild, a village secretary, an English JD,
// agencies, a driving school, a 包工头, a 包就业 school, loan "companies",
// overseas lures, a hospital and a school with lawful requirements).
// Measured once, unseen, with `qjy ads eval` on main acd67f1 (the screener
// of 1578930, blind 11's families not yet in): 0.948 / 0.821
// (discrimination) and 0.935 / 0.711 (fraud), 88 ads wrong; again unseen on
// main dc12e86 (blind 11's families merged): 0.957 / 0.860 and 0.944 /
// 0.711, 79 ads wrong. Now spent, in-sample (2026-12-06, branch
// blind12fix): its errors were traced to families (data/family12_ads.yaml,
// FamiliesOfBlind12Misses) and fixed in the lexicon; 1.000 / 1.000 for both
// kinds, 0 ads wrong. The floors guard against a regression only.
TEST(ScreenerEvalTest, TwelfthBlindSet) {
  KindCounts k = EvaluateBlindFile(ShippedScreener(), "blind12_ads.yaml", "blind12", 452);
  ExpectAtLeast(k, 0.99, 0.99, 0.99, 0.99);
}

// Thirteenth blind set (460 ads, written 2026-12-06 03:58–04:08 UTC in
// session 26; how it was written: data/blind13_README.md): by a helper who
// read only the policy and blind 12's README and build script, on angles the
// earlier sets had not stressed (job-fair boards as OCR text, 58同城/BOSS
// fields, campus and graduate trainee posts, banks and state firms, couriers'
// dialect voice notes, nightlife, cabin crew, cross-border e-commerce, live
// selling, construction crews' group chats, insurance "agents", students'
// part-time and 刷单 variants, matchmaking-flavoured posts, traditional
// characters, full-width digits, look-alike characters, pinyin, emoji,
// spaced words, negations). Measured once, unseen, with `qjy ads eval` on
// main 4eec7b9 (blind 12's families merged): 0.960 / 0.883
// (discrimination) and 0.948 / 0.800 (fraud), 67 ads wrong. Now spent,
// in-sample (2026-12-06, branch blind13fix): its errors were traced to
// families (data/family13_ads.yaml, FamiliesOfBlind13Misses) and fixed in
// the lexicon and, for emoji sex signs and Kangxi radicals, in
// normalise.cc; 1.000 / 1.000 for both kinds, 0 ads wrong. The floors
// guard against a regression only.
TEST(ScreenerEvalTest, ThirteenthBlindSet) {
  KindCounts k = EvaluateBlindFile(ShippedScreener(), "blind13_ads.yaml", "blind13", 460);
  ExpectAtLeast(k, 0.99, 0.99, 0.99, 0.99);
}

// Fourteenth blind set (450 ads, written 2026-12-06 04:29–04:38 UTC in
// session 26; how it was written: data/blind14_README.md): by a helper who
// read only the policy and blind 13's README and build script, from posters
// the earlier sets had not used (dispatch and outsourcing, pharma reps and
// cosmetic clinics, gaming, cold stores, mines and chemical plants,
// universities, law and audit firms, franchise "招商", civil-service style
// notices with lawful age limits, village doctors, veterans' posts, unpaid
// internships, data labelling at home, short-drama and model castings,
// seafarers and labour abroad, 微商 and 直销, paid referrals, "保过"
// certificates). Measured once, unseen, with `qjy ads eval` on main 896be48
// (blind 13's families merged): 0.906 / 0.911 (discrimination: 164 of 180
// found, 17 false alarms) and 0.910 / 0.829 (fraud: 131 of 158, 13 false
// alarms), 72 ads wrong — the highest unseen recall so far, with more false
// alarms than sets 10–13 (its writer marked more lawful traps, 137, and
// some contestable ones: its README lists them). Now spent, in-sample
// (2026-12-06, branch blind14fix): its errors were traced to families
// (data/family14_ads.yaml, FamiliesOfBlind14Misses; the programme ages in
// lawful_requirements_test.cc) and fixed in the lexicon and the lawful
// requirements; 1.000 / 1.000 for both kinds, 0 ads wrong. The floors
// guard against a regression only.
TEST(ScreenerEvalTest, FourteenthBlindSet) {
  KindCounts k = EvaluateBlindFile(ShippedScreener(), "blind14_ads.yaml", "blind14", 450);
  ExpectAtLeast(k, 0.99, 0.99, 0.99, 0.99);
}

// Fifteenth blind set (465 ads, written 2026-12-06 in session 27; how it was
// written: data/blind15_README.md): by a helper who read only the policy and
// blind 14's README and build script, from posters no earlier set used
// (county supermarkets and farmers' markets, property and cleaning, care
// homes, driving schools and truckers' groups, site foremen's voice messages
// in Guizhou dialect, minority-area tourism and tea picking, WeChat articles,
// job-fair banners and OCR'd posters, school–enterprise order classes,
// delivery stations, cross-border e-commerce and call centres, livestream
// back offices, funeral, sanitation and night markets, English, traditional
// and pinyin mixed, typos, requirement tables, long notices with one line
// buried, one-line group messages, lures in a friend's voice). Measured
// once, unseen, with `qjy ads eval` on main 4953bac (blind 14's families
// merged): 0.927 / 0.927 (discrimination: 179 of 193 found, 14 false alarms)
// and 0.915 / 0.855 (fraud: 130 of 152, 12 false alarms), 60 ads wrong.
// Now spent, in-sample (2026-12-06, branch b15fix): its errors were traced
// to families (data/family15_ads.yaml, FamiliesOfBlind15Misses; the
// drivers', selection, casting and warning kinds in
// lawful_requirements_test.cc) and fixed in the lexicon, the lawful
// requirements and, for requirement tables, in normalise.cc; 0.990 / 1.000
// (discrimination: 193 of 193, 2 false alarms) and 1.000 / 1.000 (fraud),
// 2 ads wrong. Left: "招阿姨" (b15-379, b15-455) is a sex finding here as in
// blind set 5 (b5-391 "招保洁阿姨", labelled discrimination), while this
// set's writer labelled it clean: the two labels disagree and the rule
// follows the earlier one. The floors guard against a regression only.
TEST(ScreenerEvalTest, FifteenthBlindSet) {
  KindCounts k = EvaluateBlindFile(ShippedScreener(), "blind15_ads.yaml", "blind15", 465);
  ExpectAtLeast(k, 0.98, 0.99, 0.99, 0.99);
}

// Sixteenth blind set (490 ads, written 2026-12-06 in session 28; how it was
// written: data/blind16_README.md): by a helper who read only the policy and
// blind 15's and 14's READMEs, from posters no earlier set used (baijiu
// distilleries, chilli-sauce factories, relocation-site workshops and
// co-operatives, east–west labour cooperation, Gui'an data centres, power
// and telecom crews, wind and solar, car dealers, KTV and bars, tutoring
// after the double reduction, insurance recruiting, gyms, piecework at home,
// orchards, seasonal work outside the province, bank debt-collection
// outsourcing, jobs for the disabled, app fields and auto-replies, Douyin
// comments and forums, phone calls and SMS). Measured once, unseen, with
// `qjy ads eval` on main 087863f (blind 15's families merged): 0.940 /
// 0.945 (discrimination: 189 of 200 found, 12 false alarms) and 0.955 /
// 0.771 (fraud: 128 of 166, 6 false alarms), 66 ads wrong. Now spent,
// in-sample (2026-12-06, branch b16fix): its errors were traced to families
// (data/family16_ads.yaml, FamiliesOfBlind16Misses; forum and consumer
// warnings, forest rangers and guest-worker schemes in
// lawful_requirements_test.cc) and fixed in the lexicon and the lawful
// requirements and, for a notice under its issuer's name (b16-384, a
// county bureau's name over "关于…公益性岗位招聘的公告"), in screener.cc (the
// heading of an untitled ad takes the second line when the first only names
// a public body); 1.000 / 1.000 for both kinds, 0 ads wrong (0.995 / 1.000
// for discrimination with the data alone). The floors guard against a
// regression only.
TEST(ScreenerEvalTest, SixteenthBlindSet) {
  KindCounts k = EvaluateBlindFile(ShippedScreener(), "blind16_ads.yaml", "blind16", 490);
  ExpectAtLeast(k, 0.99, 0.99, 0.99, 0.99);
}

// Seventeenth blind set (482 ads, written 2026-12-06 in session 28; how it
// was written: data/blind17_README.md): by a helper who read only the
// policy and blind 16's and 15's READMEs, from posters no earlier set used
// (quarries and concrete plants, hospital logistics, car washes, 微商 and
// direct selling, schools recruiting by enrolment, short-drama crews, pet
// shops, township health centres, amusement parks and ski slopes, airports
// and the metro, universities, bookkeeping and law firms, livestock farms,
// battery and phosphate chemicals, home decoration, tutoring agencies,
// WeChat 接龙, BOSS chats and headhunters, 闲鱼/58/lamp-post ads, village
// loudspeakers, fuel stations and highways). Measured once, unseen, with
// `qjy ads eval` on branch b16fix f92e582 (blind 16's families; the
// screener merged into main unchanged): 0.969 / 0.955 (discrimination: 190
// of 199 found, 6 false alarms) — the first unseen set with both at or
// above 0.95 — and 0.924 / 0.853 (fraud: 133 of 156, 11 false alarms), 49
// ads wrong. Now spent, in-sample (2026-12-06, branch b17fix): its errors
// were traced to families (data/family17_ads.yaml, FamiliesOfBlind17Misses;
// warnings and casting calls in lawful_requirements_test.cc) and fixed in
// the lexicon and the lawful requirements, in normalise.cc (traditional
// characters read as simplified) and in screener.cc (a warning's quoted pay
// is not the ad's stated pay); 1.000 / 1.000 for both kinds, 0 ads wrong.
// The floors guard against a regression only.
TEST(ScreenerEvalTest, SeventeenthBlindSet) {
  KindCounts k = EvaluateBlindFile(ShippedScreener(), "blind17_ads.yaml", "blind17", 482);
  ExpectAtLeast(k, 0.99, 0.99, 0.99, 0.99);
}

// Eighteenth blind set (491 ads, written 2026-12-06 in session 29; how it
// was written: data/blind18_README.md): by a helper who read only the
// policy and blind 17's, 16's and 15's READMEs, from posters no earlier set
// used (hair and nail salons, foot spas, script-murder rooms and internet
// cafés, data annotation, carrier shops, appliance and lift installers,
// Wujiang boats, herbal-medicine plants, printing, museums and digs,
// promotions and concerts, street sign-ups, clinical trials, social work
// and rehabilitation, agricultural drones, camping, cafés and bookshops,
// garment plants, gold shops, pawnshops and lotteries, labour abroad), in
// new registers (offers, rejection e-mails, handbook and contract clauses,
// rhymes, keyword-dodging spellings). Measured unseen twice, once per
// screener, neither tuned on it: on main 35cacb5 (blind 16's families):
// 0.955 / 0.940 (discrimination) and 0.944 / 0.722 (fraud), 72 ads wrong;
// on main 9e7896d (blind 17's families, branch b17fix): 0.955 / 0.950
// (discrimination: 191 of 201 found, 9 false alarms) and 0.944 / 0.735
// (fraud: 119 of 162, 7 false alarms), 68 ads wrong. Its fraud misses are
// mostly families no earlier set had (paid annotator exams and unpaid trial
// labelling, phone lines and contract phones in the worker's name, face
// videos, 上钟押金, wages in shopping cards, money mules: 跑腿取现, 代购黄金,
// 跑分; IDs borrowed for drug trials; back roads to Laos). The floors sit
// just under the second measurement.
TEST(ScreenerEvalTest, EighteenthBlindSet) {
  KindCounts k = EvaluateBlindFile(ShippedScreener(), "blind18_ads.yaml", "blind18", 491);
  ExpectAtLeast(k, 0.95, 0.945, 0.94, 0.73);
}

}  // namespace
}  // namespace qjy::ads
