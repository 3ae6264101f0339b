// The lawful requirements of screening.yaml (screener.h, "Lawful
// requirements"): what a law or the document sets for civil-service
// recruitment, conscription and public-welfare posts is not a finding in an
// ad of that kind; the same words in any other ad, and other values in an
// ad of the kind, still are.
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "ads/screener.h"
#include "ads/screener_test_support.h"

namespace qjy::ads {
namespace {

using ::qjy::ads::testing::ShippedScreener;

std::set<std::string> CategoriesOf(const std::string& title, const std::string& text) {
  JobAd ad;
  ad.job.title = title;
  ad.job.requirements = text;
  std::set<std::string> out;
  for (const auto& f : ShippedScreener().Screen(ad)) out.insert(f.category);
  return out;
}

using Cats = std::set<std::string>;

TEST(LawfulRequirementsTest, CivilServiceAgeRangeIsLawfulOnlyInCivilServiceRecruitment) {
  const std::string ages = "年龄为18周岁以上、35周岁以下（应届硕士、博士研究生放宽到40周岁以下）";
  EXPECT_EQ(CategoriesOf("2026年度考试录用公务员公告", ages), Cats{});
  // In Chinese numerals.
  EXPECT_EQ(CategoriesOf("综合管理岗（招录公务员）", "年龄十八周岁以上、三十五周岁以下。"), Cats{});
  // The kind is the one the title names: a word in the free text does not
  // make a private firm's ad civil-service recruitment.
  EXPECT_EQ(CategoriesOf("行政专员", "有公务员考试经验者优先，年龄18周岁以上、35周岁以下"), Cats{"age"});
  EXPECT_EQ(CategoriesOf("综合管理岗", "本次招录公务员。年龄十八周岁以上、三十五周岁以下。"), Cats{"age"});
  // The same words in a factory's ad are an age limit.
  EXPECT_EQ(CategoriesOf("普工", ages), Cats{"age"});
  // A lower limit than the statute's is still a finding in a civil-service ad.
  EXPECT_EQ(CategoriesOf("考试录用公务员", "年龄18周岁以上、30周岁以下"), Cats{"age"});
  // The lawful age does not excuse another requirement of the same ad.
  EXPECT_EQ(CategoriesOf("考试录用公务员", "年龄18周岁以上、35周岁以下，限男性"), Cats{"sex"});
  // The exams by their short names (省考, 国考).
  EXPECT_EQ(CategoriesOf("2026年省考公告", "年龄18周岁以上、35周岁以下"), Cats{});
  EXPECT_EQ(CategoriesOf("省考培训班讲师", "年龄18周岁以上、35周岁以下"), Cats{"age"});
  // blind11fix (2026-12-06): the graduates' 40 after a bracket ("（非在职）").
  EXPECT_EQ(CategoriesOf("公务员考试录用公告",
                         "年龄为18周岁以上、35周岁以下；应届硕士研究生和博士研究生（非在职）年龄可放宽到40周岁以下"),
            Cats{});
  EXPECT_EQ(CategoriesOf("普工", "硕士研究生（非在职）年龄可放宽到40周岁以下"), Cats{"age"});
}

TEST(LawfulRequirementsTest, FirefighterRecruitmentAgeSexAndHeightOnlyThere) {
  const std::string text = "男性，身高：男性165厘米以上，年龄18至22周岁，退役士兵放宽至24周岁";
  EXPECT_EQ(CategoriesOf("2026年招录消防员公告", text), Cats{});
  EXPECT_EQ(CategoriesOf("物业消防控制室值班员", text), (Cats{"age", "appearance", "sex"}));
  // Other values are still findings there.
  EXPECT_EQ(CategoriesOf("2026年招录消防员公告", "年龄18至30周岁"), Cats{"age"});
  // blind11fix (2026-12-06): the post before the verb ("消防员招录").
  EXPECT_EQ(CategoriesOf("2027年消防员招录（贵州总队）", "年龄18-22周岁，退役士兵可放宽至24周岁"), Cats{});
  EXPECT_EQ(CategoriesOf("2027年消防员招录（贵州总队）", "年龄18-30周岁"), Cats{"age"});
}

// 校车安全管理条例 第二十三条 (blind10fix, 2026-12-06): 25 to 60 for a
// school-bus driver, a limit in any other driver's ad.
// blind14fix (2026-12-06): the height in its own clause after the sex.
TEST(LawfulRequirementsTest, FirefighterHeightInItsOwnClause) {
  const std::string text = "男性，年满18周岁、不超过22周岁；身高165cm以上。";
  EXPECT_EQ(CategoriesOf("国家综合性消防救援队伍消防员招录", text), Cats{});
  // Elsewhere the height is a finding (so is the sex; "不超过22周岁" after "年满18周岁、" is not read
  // as a limit yet, an open miss noted in the README).
  EXPECT_EQ(CategoriesOf("商场保安", text).count("appearance"), 1u);
}

// blind14fix (2026-12-06, families of blind set 14): the ages that national
// programmes, public institutions and a visa set, only in an ad of that kind
// and only their values.
TEST(LawfulRequirementsTest, ProgrammeAndInstitutionAgesOnlyThere) {
  EXPECT_EQ(CategoriesOf("2026年特岗教师招聘公告", "本科以上学历，年龄不超过30周岁，具有教师资格证。"), Cats{});
  EXPECT_EQ(CategoriesOf("幼儿园教师招聘", "本科以上学历，年龄不超过30周岁，具有教师资格证。"), Cats{"age"});
  EXPECT_EQ(CategoriesOf("2026年特岗教师招聘公告", "年龄25周岁以下。"), Cats{"age"});
  const std::string graduates = "本科生年龄25周岁以下，硕士研究生28周岁以下，博士研究生32周岁以下。";
  EXPECT_EQ(CategoriesOf("2026年选调生招录公告", graduates), Cats{});
  EXPECT_EQ(CategoriesOf("管培生招聘", graduates), Cats{"age"});
  EXPECT_EQ(CategoriesOf("博士后招收启事", "获得博士学位不超过3年，年龄35周岁以下。"), Cats{});
  EXPECT_EQ(CategoriesOf("研发工程师", "获得博士学位不超过3年，年龄35周岁以下。"), Cats{"age"});
  EXPECT_EQ(CategoriesOf("博士后招收启事", "年龄30周岁以下。"), Cats{"age"});
  const std::string institution = "年龄18周岁以上、35周岁以下，硕士研究生可放宽至40周岁。";
  EXPECT_EQ(CategoriesOf("XX县事业单位2026年公开招聘简章", institution), Cats{});
  EXPECT_EQ(CategoriesOf("XX大学2026年公开招聘合同制管理人员", institution), Cats{"age"});
  EXPECT_EQ(CategoriesOf("新西兰打工度假签证申请指导", "申请人年龄18-30岁。"), Cats{});
  EXPECT_EQ(CategoriesOf("澳洲农场采摘工", "申请人年龄18-30岁。"), Cats{"age"});
}

// blind14fix (2026-12-06): a character's age and sex in a casting call, not
// those of the crew in the same call.
TEST(LawfulRequirementsTest, CastingRolesButNotCrew) {
  EXPECT_EQ(CategoriesOf("【网剧选角】", "女一：20-25岁，会骑马；\n男主父亲：55-65岁；\n试镜免费。"), Cats{});
  EXPECT_EQ(CategoriesOf("【网剧选角】", "女一：20-25岁；\n场务：女，22-28岁，颜值高。"),
            (Cats{"age", "appearance", "sex"}));
  EXPECT_EQ(CategoriesOf("短视频剪辑", "场务：女，22-28岁"), (Cats{"age", "sex"}));
}

TEST(LawfulRequirementsTest, SchoolBusDriverAgeOnlyThere) {
  const std::string text = "年龄25周岁以上、不超过60周岁，3年以上驾驶经历";
  EXPECT_EQ(CategoriesOf("招聘校车司机", text), Cats{});
  EXPECT_EQ(CategoriesOf("物流公司货车司机", text), Cats{"age"});
  // Other values are still findings there.
  EXPECT_EQ(CategoriesOf("招聘校车司机", "年龄25至45周岁"), Cats{"age"});
}

// blind15fix (2026-12-06): the same article's health conditions of a
// school-bus driver; the heavy licences' physical standard and the age of
// passenger drivers, each only in an ad of its kind.
TEST(LawfulRequirementsTest, DriversStandardsOnlyForTheirLicences) {
  const std::string bus = "年龄25周岁以上、不超过60周岁；无癫痫、精神病等可能危及行车安全的疾病病史";
  EXPECT_EQ(CategoriesOf("招聘校车驾驶员", bus), Cats{});
  EXPECT_EQ(CategoriesOf("仓库管理员", "无癫痫、精神病等病史"), Cats{"health"});
  EXPECT_EQ(CategoriesOf("招聘校车驾驶员", "无乙肝"), Cats{"health"});
  const std::string heavy = "身高155cm以上，两眼视力（含矫正）对数视力表5.0以上，无红绿色盲";
  EXPECT_EQ(CategoriesOf("重卡司机（A2）", heavy), Cats{});
  EXPECT_EQ(CategoriesOf("", "半挂车司机：持A2驾照，" + heavy), Cats{});
  EXPECT_EQ(CategoriesOf("前台接待", "身高155cm以上"), Cats{"appearance"});
  // Another height is still a finding there.
  EXPECT_EQ(CategoriesOf("重卡司机（A2）", "身高170cm以上"), Cats{"appearance"});
  EXPECT_EQ(CategoriesOf("旅游大巴驾驶员", "持A1驾照，年龄不超过60周岁"), Cats{});
  EXPECT_EQ(CategoriesOf("仓库叉车司机", "年龄不超过60周岁"), Cats{"age"});
  EXPECT_EQ(CategoriesOf("旅游大巴驾驶员", "年龄45周岁以下"), Cats{"age"});
}

// blind15fix (2026-12-06): a 选调 announcement by its full name, a
// civil-service position table headed by 职位代码 (40 before the degree in
// its row), a staged show casting roles named in quotation marks.
TEST(LawfulRequirementsTest, SelectionTablesAndShowsByTheirHeading) {
  EXPECT_EQ(CategoriesOf("XX省2026年选调优秀大学毕业生公告", "本科生25周岁以下，硕士研究生28周岁以下"), Cats{});
  EXPECT_EQ(CategoriesOf("", "职位代码 | 职位名称 | 年龄 | 学历\n"
                             "10101 | 科员 | 18周岁以上、35周岁以下 | 本科\n"
                             "10102 | 科员 | 18周岁以上、40周岁以下 | 硕士研究生"),
            Cats{});
  EXPECT_EQ(CategoriesOf("", "职位代码 | 职位名称 | 年龄\n10101 | 科员 | 30周岁以下"), Cats{"age"});
  EXPECT_EQ(CategoriesOf("", "岗位 | 年龄 | 学历\n文员 | 18周岁以上、35周岁以下 | 本科"), Cats{"age"});
  const std::string show = "角色一\"阿妹\"需女演员18-30岁，角色二\"寨老\"需男演员50岁以上，群舞男女不限。";
  EXPECT_EQ(CategoriesOf("《XX古镇》实景演出招演员", show), Cats{});
  EXPECT_EQ(CategoriesOf("景区售票员", show), Cats{"age"});
  EXPECT_EQ(CategoriesOf("《XX古镇》实景演出招演员", "检票员：女，18-30岁"), (Cats{"age", "sex"}));
}

// blind15fix (2026-12-06): a warning against recruitment fraud (附件1（十九）
// 警示提醒) quotes the lures and tells what others did; a fee the poster
// asks for itself outside quotation marks is still a finding, and so is
// the quoted lure in an ad not headed as a warning.
TEST(LawfulRequirementsTest, WarningsQuoteTheLuresTheyWarnAgainst) {
  const std::string list = "1. \"先交押金，干满退\"\n2. \"帮忙刷单，日赚500\"\n3. \"借你身份证办张卡发工资\"";
  EXPECT_EQ(CategoriesOf("求职防骗：这些话听到就要警惕", list), Cats{});
  EXPECT_EQ(CategoriesOf("", "【职院就业指导中心提醒】近期有所谓\"实习中介\"收取\"实习安排费\"800元、扣押学生证。"),
            Cats{});
  EXPECT_FALSE(CategoriesOf("普工", list).empty());
  EXPECT_EQ(CategoriesOf("防骗提醒", "本厂不收押金，入职交\"服装费\"200元。"), Cats{"fee"});
  // "温馨提醒" heads the poster's own notes, not a warning.
  EXPECT_EQ(CategoriesOf("温馨提醒", "入职交\"服装费\"200元。"), Cats{"fee"});
}

// b16fix (2026-12-06): a forum's 避雷 and 求助 posts and a 消费提示 are
// warnings too: a run of quoted lures, what was done to the poster, what
// such ads are and the warning's advice are not findings; "有个中介说…" is a
// report. A fee asked outside them still is, and the same words in a
// factory's ad are findings.
TEST(LawfulRequirementsTest, ForumAndConsumerWarningsQuoteTheLures) {
  EXPECT_EQ(CategoriesOf("", "【避雷】XX公司面试让先交200体检费，交完就拉黑，大家注意！"), Cats{});
  EXPECT_EQ(CategoriesOf("", "【求助】有个中介说去日本打工要先交3万\"保证金\"，靠谱吗？"), Cats{});
  EXPECT_EQ(CategoriesOf("", "【消费提示】部分机构以\"内勤\"为名增员，入职后要求\"自保件\"。"), Cats{});
  EXPECT_EQ(CategoriesOf("", "【提醒】此类广告多为培训贷，学员被要求先签分期，请不要在入职前签任何贷款。"), Cats{});
  EXPECT_EQ(CategoriesOf("", "【人社提醒】套路：先收\"保证金\"\"资料费\"，交货时再拒收。"), Cats{});
  EXPECT_EQ(CategoriesOf("避雷", "本店入职交服装费200元。"), Cats{"fee"});
  EXPECT_EQ(CategoriesOf("普工", "面试让先交200体检费。"), Cats{"fee"});
  // "温馨提示" heads the poster's own notes.
  EXPECT_EQ(CategoriesOf("温馨提示", "入职交\"服装费\"200元，现金。"), Cats{"fee"});
}

// b17fix (2026-12-06): a warning quotes the bait pay it warns against
// ("“贴膜师月入两万…”"): the pay inside its quotation marks is not the ad's
// own, for the pay stated in the text as for the patterns. The same pay
// unquoted, or in a shop's ad, is still pay bait.
TEST(LawfulRequirementsTest, WarningsQuoteTheBaitPayTheyWarnAgainst) {
  EXPECT_EQ(CategoriesOf("", "【行业提醒】有机构打“贴膜学徒月入两万、包教包会”的广告，学完根本没有店招人。"), Cats{});
  EXPECT_EQ(CategoriesOf("", "【提醒】“保洁轻松月入3万”——都是骗人的，正规公司不收学费。"), Cats{});
  EXPECT_TRUE(CategoriesOf("", "招贴膜学徒\n学徒月入两万，包教包会。").contains("pay_bait"));
  EXPECT_TRUE(CategoriesOf("【提醒】", "本店招保洁，轻松月入3万。").contains("pay_bait"));
  // A quoted lure up to 60 characters, what the scheme is and does next, a rumour called a fraud after "no fees".
  EXPECT_EQ(CategoriesOf("", "【消协提醒】“在家打字日赚500”——这是刷单诈骗，先返小钱，再要求垫付大额。"), Cats{});
  EXPECT_EQ(CategoriesOf("", "【反诈提醒】近期网传“交6800元包进电网，名额有限，先到先得，内部渠道”，均为诈骗，请勿轻信。"), Cats{});
  EXPECT_EQ(CategoriesOf("", "【声明】本公司招聘不收取任何费用，网传“交3万包进”系诈骗，请勿轻信。"), Cats{});
  EXPECT_FALSE(CategoriesOf("招客服", "“在家打字日赚500”，先返小钱，再要求垫付大额。").empty());
}

// b17fix (2026-12-06): a casting call headed 角色通告 whose roles are numbered
// lines ("2. 村支书：45—55岁男性角色"); a numbered line of the crew is still
// screened.
TEST(LawfulRequirementsTest, CastingCallsNumberTheirRoles) {
  EXPECT_EQ(CategoriesOf("", "【短剧《山路》角色通告】\n1. 外婆：65岁左右，女\n2. 小明：8-10岁男孩，须监护人陪同"), Cats{});
  EXPECT_EQ(CategoriesOf("剧组角色通告", "1. 老支书：50-60岁男性\n2. 场记：有经验"), Cats{});
  EXPECT_EQ(CategoriesOf("剧组角色通告", "1. 场务：20-35岁男性"), (Cats{"age", "sex"}));
  EXPECT_EQ(CategoriesOf("招聘保洁", "1. 保洁：20-35岁男性"), (Cats{"age", "sex"}));
}

// b16fix (2026-12-06): ecological forest rangers are chosen from the
// village's lifted-out-of-poverty people aged 18 to 60 by the programme's
// rule; a guest-worker scheme abroad sets its visa's age range. Only in an
// ad of its kind; other values still are findings.
TEST(LawfulRequirementsTest, ForestRangersAndGuestWorkerSchemesByTheirHeading) {
  const std::string ranger = "选聘对象：本村脱贫人口（含监测对象）；18-60周岁，能胜任巡山。";
  EXPECT_EQ(CategoriesOf("2026年生态护林员选聘公告", ranger), Cats{});
  EXPECT_FALSE(CategoriesOf("护林保安", ranger).empty());
  EXPECT_EQ(CategoriesOf("生态护林员选聘", "18-45周岁"), Cats{"age"});
  EXPECT_EQ(CategoriesOf("日本技能实习生招募", "年龄20-35周岁，男女不限。"), Cats{});
  EXPECT_EQ(CategoriesOf("韩国季节工", "年龄25-50岁，身体健康。"), Cats{});
  EXPECT_EQ(CategoriesOf("招季节工 采茶", "年龄20-35周岁"), Cats{"age"});
  EXPECT_EQ(CategoriesOf("日本技能实习生招募", "年龄20-35周岁，须先交5万保证金。"), Cats{"fee"});
}

TEST(LawfulRequirementsTest, ConscriptionAgeAndSexAreLawfulOnlyInConscription) {
  const std::string text = "征集对象为男性青年，年龄18至22周岁，高校毕业生放宽至24周岁";
  EXPECT_EQ(CategoriesOf("2026年征兵公告", text), Cats{});
  EXPECT_EQ(CategoriesOf("保安", "限男性，年龄18至22周岁"), (Cats{"age", "sex"}));
  EXPECT_EQ(CategoriesOf("保安", "限男性，24岁以下，配合征兵体检"), (Cats{"age", "sex"}));
  // ScreenText judges the kind from the text it is given.
  EXPECT_TRUE(ShippedScreener().ScreenText("岗位要求", "应征入伍：男性，年龄18至22周岁").empty());
  EXPECT_FALSE(ShippedScreener().ScreenText("岗位要求", "男性，年龄18至22周岁").empty());
}

// An ad without a title (an imported text, a labelled set) is headed by
// its first line; a later line does not name the kind.
TEST(LawfulRequirementsTest, AnAdWithoutTitleIsHeadedByItsFirstLine) {
  EXPECT_EQ(CategoriesOf("", "某县2026年征兵公告\n男性青年，年龄18至22周岁"), Cats{});
  EXPECT_EQ(CategoriesOf("", "保安\n男性青年，年龄18至22周岁\n配合征兵体检"), (Cats{"age", "sex"}));
  // A title, when there is one, is the heading, not the first line.
  EXPECT_EQ(CategoriesOf("保安", "某县2026年征兵公告\n男性青年，年龄18至22周岁"), (Cats{"age", "sex"}));
}

// b16fix (2026-12-06): a notice whose first line only names the public body
// issuing it is headed by its first two lines; any other first line is the
// heading alone.
TEST(LawfulRequirementsTest, ANoticeUnderItsIssuersNameIsHeadedByBothLines) {
  const std::string body = "招聘对象：本县就业困难人员，包括女40周岁、男50周岁以上的失业人员。";
  EXPECT_EQ(CategoriesOf("", "XX县人力资源和社会保障局\n关于公益性岗位招聘的公告\n" + body), Cats{});
  EXPECT_EQ(CategoriesOf("", "某县人民政府\n2026年征兵公告\n男性青年，年龄18至22周岁"), Cats{});
  EXPECT_FALSE(CategoriesOf("", "XX县人力资源和社会保障局\n关于招聘保洁员的公告\n" + body).empty());
  EXPECT_FALSE(CategoriesOf("", "保安\n2026年征兵公告\n男性青年，年龄18至22周岁").empty());
}

TEST(LawfulRequirementsTest, PublicWelfarePostsAreForLocalPersonsWithDifficultiesButNotAgeLimited) {
  EXPECT_EQ(CategoriesOf("乡村公益性岗位（保洁员）", "安置本县户籍就业困难人员"), Cats{});
  EXPECT_EQ(CategoriesOf("保洁员", "限本县户籍"), Cats{"hukou"});
  // main(十七): no age limit beyond the rules for public-welfare posts.
  EXPECT_EQ(CategoriesOf("公益性岗位（护林员）", "安置本县户籍就业困难人员，年龄45岁以下"), Cats{"age"});
  // blind12fix (2026-12-06): the older unemployed by age and sex (the "4050" of
  // 就业困难人员) are the post's own target there, an age and a sex limit elsewhere.
  const std::string older = "优先安置女40周岁、男50周岁以上的就业困难人员";
  EXPECT_EQ(CategoriesOf("街道公益性岗位（治安巡防）", older), Cats{});
  EXPECT_EQ(CategoriesOf("治安巡防员", older), (Cats{"age", "sex"}));
  // Other ages are still findings there.
  EXPECT_EQ(CategoriesOf("街道公益性岗位（治安巡防）", "男50周岁以下"), Cats{"age"});
}

// blind12fix (2026-12-06): a 残联's posts set aside for disabled persons
// (残疾人专岗) are for the certificate holders of its area; the same words
// in another ad are a registration limit.
TEST(LawfulRequirementsTest, DisabledPersonsPostsAreForLocalCertificateHolders) {
  const std::string text = "面向持第二代残疾人证的本区户籍残疾人";
  EXPECT_EQ(CategoriesOf("区残联残疾人专岗（档案整理员）", text), Cats{});
  EXPECT_EQ(CategoriesOf("档案整理员", "限本区户籍"), Cats{"hukou"});
  EXPECT_EQ(CategoriesOf("区残联残疾人专岗（档案整理员）", "限本区户籍，35岁以下"), (Cats{"age", "hukou"}));
}

TEST(LawfulRequirementsTest, EntriesAreCheckedWhenLoaded) {
  const std::string head =
      "document: d\nwarning: w\ncategories:\n  - code: age\n    label: 年龄\n    clause: x\n"
      "    rules:\n      - pattern: '\\d+岁以下'\n        suggestion: s\n";
  auto unknown = Screener::Parse(head +
                                     "lawful_requirements:\n  - code: c\n    label: l\n    basis: b\n"
                                     "    when: 公务员\n    categories: [sex]\n    allows: 35岁以下\n",
                                 "l.yaml");
  ASSERT_FALSE(unknown.has_value());
  EXPECT_NE(unknown.error().message.find("l.yaml"), std::string::npos);
  EXPECT_NE(unknown.error().message.find("sex"), std::string::npos);
  auto no_basis = Screener::Parse(head +
                                      "lawful_requirements:\n  - code: c\n    label: l\n"
                                      "    when: 公务员\n    categories: [age]\n    allows: 35岁以下\n",
                                  "m.yaml");
  ASSERT_FALSE(no_basis.has_value());
  EXPECT_NE(no_basis.error().message.find("basis"), std::string::npos);
  auto ok = Screener::Parse(head +
                                "lawful_requirements:\n  - code: c\n    label: l\n    basis: b\n"
                                "    when: 公务员\n    categories: [age]\n    allows: 35岁以下\n",
                            "n.yaml");
  ASSERT_TRUE(ok.has_value()) << ok.error().message;
  EXPECT_TRUE(ok->ScreenText("f", "公务员，35岁以下").empty());
  EXPECT_EQ(ok->ScreenText("f", "公务员，30岁以下").size(), 1u);
  EXPECT_EQ(ok->ScreenText("f", "文员，35岁以下").size(), 1u);
}

}  // namespace
}  // namespace qjy::ads
