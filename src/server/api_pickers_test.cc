// The pickers' searches: regions by name or pinyin initials within the
// caller's scope, occupations by name, initials, code or job title,
// employers by pinyin initials or credit code (issue #14).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/install_paths.h"
#include "server/occupation_search.h"
#include "server/shared_env_test_util.h"

namespace qjy::server::testing {
namespace {

std::string ApiPickersEnc(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::vector<std::string> Field(const Reply& r, const char* key) {
  std::vector<std::string> out;
  if (r.status != 200) {
    ADD_FAILURE() << r.status << " " << r.body;
    return out;
  }
  // Parsed into a local: a range-for over a member of a temporary would
  // read a destroyed object.
  const auto body = nlohmann::json::parse(r.body);
  for (const auto& i : body["items"]) out.push_back(i[key].get<std::string>());
  return out;
}

bool Has(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

std::string Titles() { return ShippedPath("src/match/data/occupation_titles.csv").string(); }

TEST(OccupationSearchTest, ShippedGroupsByNameInitialsCodeAndTitle) {
  auto s = OccupationSearch::LoadDefault();
  ASSERT_TRUE(s.has_value()) << s.error().message;
  // An everyday title finds its medium group: "电商主播" was refused before.
  auto hits = s->Search("电商", 20);
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].code, "4-01");
  EXPECT_EQ(hits[0].name, "批发与零售服务人员");
  EXPECT_NE(hits[0].via.find("电商"), std::string::npos);
  EXPECT_EQ(hits[0].parent_name, "社会生产服务和生活服务人员");
  hits = s->Search("dszb", 20);
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].code, "4-01");
  EXPECT_EQ(hits[0].via, "电商主播");
  // Initials of a group's own name, and a code prefix in code order.
  hits = s->Search("pfyls", 20);
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].code, "4-01");
  EXPECT_EQ(hits[0].via, "");
  hits = s->Search("4-1", 20);
  ASSERT_GE(hits.size(), 5u);
  EXPECT_EQ(hits[0].code, "4-10");
  // A job title alone finds its group.
  hits = s->Search("焊工", 5);
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].code, "6-18");  // 焊工 is 6-18-02-04 in the 2022 list
  // Nothing typed: the 8 major groups.
  EXPECT_EQ(s->Search("", 50).size(), 8u);
  EXPECT_TRUE(s->Search("没有这种职业", 20).empty());
}

// Trial 3: "客服" found nothing; short forms are searched for what they
// stand for (match/data/occupation_synonyms.csv).
TEST(OccupationSearchTest, ShortFormsFindWhatTheyStandFor) {
  auto s = OccupationSearch::LoadDefault();
  ASSERT_TRUE(s.has_value()) << s.error().message;
  static const struct {
    const char* typed;
    const char* code;
    const char* via;
  } cases[] = {
      {"客服", "4-07", "客户服务专员"},
      {"客服专员", "4-07", "客户服务专员"},
      {"月嫂", "4-10", "育婴员"},
      {"码农", "2-02", "软件开发工程师"},
  };
  for (const auto& c : cases) {
    auto hits = s->Search(c.typed, 10);
    ASSERT_FALSE(hits.empty()) << c.typed;
    EXPECT_EQ(hits[0].code, c.code) << c.typed;
    EXPECT_EQ(hits[0].via, c.via) << c.typed;
  }
  // Without the table the short form finds nothing (what the table adds).
  auto tree = match::OccupationTree::LoadDefault();
  ASSERT_TRUE(tree.has_value());
  auto bare = OccupationSearch::Load(std::move(*tree), Titles());
  ASSERT_TRUE(bare.has_value());
  EXPECT_TRUE(bare->Search("客服", 10).empty());
}

// A bad row of either table names the file, the row and what is wrong.
TEST(OccupationSearchTest, BadRowsOfTheTablesAreNamed) {
  const auto dir = std::filesystem::temp_directory_path();
  const auto syn = dir / ("qjy_syn_" + std::to_string(::getpid()) + ".csv");
  std::ofstream(syn) << "typed,means\n# comment\n客服,客户服务专员\n月嫂,\n";
  auto tree = match::OccupationTree::LoadDefault();
  ASSERT_TRUE(tree.has_value());
  auto s = OccupationSearch::Load(*tree, Titles(), syn.string());
  ASSERT_FALSE(s.has_value());
  EXPECT_NE(s.error().message.find("第 4 行：应为 typed,means 两列"), std::string::npos) << s.error().message;
  std::ofstream(syn) << "typed,meaning\n客服,客户服务专员\n";
  s = OccupationSearch::Load(*tree, Titles(), syn.string());
  ASSERT_FALSE(s.has_value());
  EXPECT_NE(s.error().message.find("第 1 行：表头应为 typed,means"), std::string::npos) << s.error().message;
  std::filesystem::remove(syn);
  const auto titles = dir / ("qjy_titles_" + std::to_string(::getpid()) + ".csv");
  std::ofstream(titles) << "code,title\n9-99,不存在的职业\n";
  s = OccupationSearch::Load(*tree, titles.string());
  std::filesystem::remove(titles);
  ASSERT_FALSE(s.has_value());
  EXPECT_NE(s.error().message.find("第 2 行 code：“9-99”不在职业分类中"), std::string::npos) << s.error().message;
}

TEST(OccupationSearchTest, DetailedListWhenLoaded) {
  auto tree = match::OccupationTree::LoadDefault();
  ASSERT_TRUE(tree.has_value());
  const auto path = std::filesystem::temp_directory_path() / ("qjy_occ_" + std::to_string(::getpid()) + ".csv");
  std::ofstream(path) << "code,name,level\n4-01-06,电子商务服务人员,3\n4-01-06-01,电子商务师,4\n4-01-06-02,互联网营销师,4\n";
  ASSERT_TRUE(tree->LoadFile(path.string()).has_value());
  std::filesystem::remove(path);
  auto s = OccupationSearch::Load(std::move(*tree), Titles());
  ASSERT_TRUE(s.has_value()) << s.error().message;
  // A job title now finds its detailed occupation: 电商主播 → 互联网营销师.
  auto hits = s->Search("dszb", 20);
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].code, "4-01-06-02");
  EXPECT_EQ(hits[0].name, "互联网营销师");
  EXPECT_EQ(hits[0].level, 4);
  EXPECT_EQ(hits[0].parent_name, "电子商务服务人员");
  EXPECT_EQ(hits[0].via, "电商主播");
  hits = s->Search("直播", 20);
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].code, "4-01-06-02");
  // A name part: the detailed occupation before its minor group, by name
  // before any title; initials of the name too.
  hits = s->Search("电子商务", 20);
  ASSERT_GE(hits.size(), 2u);
  EXPECT_EQ(hits[0].code, "4-01-06-01");
  EXPECT_EQ(hits[1].code, "4-01-06");
  hits = s->Search("hlwyxs", 20);
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].code, "4-01-06-02");
}

// With the real 2022 list when it is present (../shared/data/occupations).
TEST(OccupationSearchTest, RealDetailedList) {
  const std::string path = SourceTreeDir().string() + "/../shared/data/occupations/occupations_2022.csv";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "no detailed list at " << path;
  auto tree = match::OccupationTree::LoadDefault();
  ASSERT_TRUE(tree.has_value());
  ASSERT_TRUE(tree->LoadFile(path).has_value());
  auto s = OccupationSearch::Load(std::move(*tree), Titles());
  ASSERT_TRUE(s.has_value()) << s.error().message;
  auto codes = [&](std::string_view q) {
    std::vector<std::string> out;
    for (const auto& h : s->Search(q, 10)) out.push_back(h.code);
    return out;
  };
  EXPECT_TRUE(Has(codes("dszb"), "4-01-06-02")) << "互联网营销师";
  EXPECT_TRUE(Has(codes("电商"), "4-01-06-02"));
  EXPECT_TRUE(Has(codes("电子商务"), "4-01-06-01")) << "电子商务师";
  EXPECT_TRUE(Has(codes("焊工"), "6-18-02-04"));
}

TEST(OccupationSearchTest, TitleUnderUnknownCodeIsRefusedWithTheRow) {
  auto tree = match::OccupationTree::LoadDefault();
  ASSERT_TRUE(tree.has_value());
  const auto path = std::filesystem::temp_directory_path() / ("qjy_titles_" + std::to_string(::getpid()) + ".csv");
  std::ofstream(path) << "code,title\n4-01,营业员\n9-99,不存在\n";
  auto s = OccupationSearch::Load(std::move(*tree), path.string());
  std::filesystem::remove(path);
  ASSERT_FALSE(s.has_value());
  EXPECT_NE(s.error().message.find("第 3 行"), std::string::npos) << s.error().message;
}

TEST(PickersApiTest, OccupationsByNameForEveryRole) {
  auto& env = Env();
  for (const char* user : {"seeker", "employer", "county"}) {
    Reply r = env.Get(As(user), "/api/occupations?q=" + ApiPickersEnc("电商"));
    ASSERT_EQ(r.status, 200) << user << r.body;
    auto j = nlohmann::json::parse(r.body);
    ASSERT_FALSE(j["items"].empty());
    EXPECT_EQ(j["items"][0]["code"], "4-01");
    EXPECT_EQ(j["items"][0]["level_label"], "中类");
  }
  EXPECT_EQ(env.Get(As("seeker"), "/api/occupations?q=" + std::string(50, 'a')).status, 400);
}

TEST(PickersApiTest, RegionsByNameAndInitialsWithinScope) {
  auto& env = Env();
  Reply r = env.Get(As("pref"), "/api/regions/search?q=byq");
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = nlohmann::json::parse(r.body);
  ASSERT_FALSE(j["items"].empty());
  EXPECT_EQ(j["items"][0]["code"], "520113");
  EXPECT_EQ(j["items"][0]["name"], "白云区");
  EXPECT_EQ(j["items"][0]["full_name"], "贵州省贵阳市白云区");
  EXPECT_TRUE(Has(Field(env.Get(As("seeker"), "/api/regions/search?q=" + ApiPickersEnc("白云")), "code"), "520113"));
  // Townships stay out when only counties are asked for.
  for (const auto& code : Field(env.Get(As("prov"), "/api/regions/search?deepest=county&q=" + ApiPickersEnc("白云")), "code")) {
    EXPECT_LE(code.size(), 6u) << code;
  }
  // The county officer of 南明区 (520102) sees neither 白云区 by name, by
  // initials nor by code; their own townships they do.
  for (const std::string& q : std::vector<std::string>{"byq", ApiPickersEnc("白云区"), "520113"}) {
    Reply out = env.Get(As("county"), "/api/regions/search?q=" + q);
    ASSERT_EQ(out.status, 200);
    for (const auto& code : Field(out, "code")) EXPECT_TRUE(code.starts_with("520102")) << q << " " << code;
  }
  EXPECT_TRUE(Has(Field(env.Get(As("county"), "/api/regions/search?q=520102"), "code"), "520102"));
  EXPECT_EQ(env.Get(As("county"), "/api/regions/search?q=byq&within=5201").status, 403);
  EXPECT_EQ(env.Get(As("pref"), "/api/regions/search?q=byq&deepest=planet").status, 400);
}

TEST(PickersApiTest, EmployersByPinyinInitialsAndCreditCode) {
  auto& env = Env();
  // 南明测试公司 (520102): initials "nmcsgs", read anywhere in the name.
  EXPECT_TRUE(Has(Field(env.Get(As("prov"), "/api/employers?q=nmcs"), "name"), "南明测试公司"));
  EXPECT_TRUE(Has(Field(env.Get(As("county"), "/api/employers?q=csgs"), "name"), "南明测试公司"));
  EXPECT_FALSE(Has(Field(env.Get(As("county"), "/api/employers?q=csgs"), "name"), "红花岗测试公司"));
  EXPECT_TRUE(Field(env.Get(As("other"), "/api/employers?q=nmcs"), "name").empty());
  EXPECT_TRUE(Has(Field(env.Get(As("prov"), "/api/employers?q=" + env.in_credit.substr(0, 8)), "name"), "南明测试公司"));
  EXPECT_TRUE(Field(env.Get(As("other"), "/api/employers?q=" + env.in_credit.substr(0, 8)), "name").empty());
}

}  // namespace
}  // namespace qjy::server::testing
