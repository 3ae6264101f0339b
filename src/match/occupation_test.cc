#include "match/occupation.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "match/weights.h"
#include "core/install_paths.h"

namespace qjy::match {
namespace {

TEST(Occupation, ParsesAndFormatsCodes) {
  auto c = ParseOccCode("6-18-02-04");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->depth, 4);
  EXPECT_EQ(c->MediumKey(), 618);
  EXPECT_EQ(FormatOccCode(*c), "6-18-02-04");
  EXPECT_EQ(FormatOccCode(*ParseOccCode("4")), "4");
  for (const char* bad : {"", "6-1", "61-18", "6-18-02-04-01", "9-01", "0-01", "6-18-x2", "6--18"}) {
    EXPECT_FALSE(ParseOccCode(bad)) << bad;
  }
}

TEST(Occupation, ClosenessAlongTheTree) {
  auto C = [](const char* a, const char* b) { return Close(*ParseOccCode(a), *ParseOccCode(b)); };
  EXPECT_EQ(C("6-18-02-04", "6-18-02-04"), Closeness::kSame);
  EXPECT_EQ(C("6-18", "6-18-02-04"), Closeness::kSame);  // under the desired group
  EXPECT_EQ(C("6-18-02-04", "6-18-02-05"), Closeness::kMinor);
  EXPECT_EQ(C("6-18-02-04", "6-18-03-04"), Closeness::kMedium);
  EXPECT_EQ(C("6-18-02-04", "6-18"), Closeness::kMedium);
  EXPECT_EQ(C("6-18-02-04", "6-31-01-03"), Closeness::kMajor);
  EXPECT_EQ(C("6-18-02-04", "4-01"), Closeness::kNone);
  EXPECT_STREQ(ClosenessLabel(Closeness::kSame), "职业相同");
}

TEST(Occupation, ShippedGroupsHaveThe2022Counts) {
  auto t = OccupationTree::LoadDefault();
  ASSERT_TRUE(t) << t.error().message;
  EXPECT_EQ(t->size(), 8u + 79u);
  EXPECT_TRUE(t->Known("6-18"));
  EXPECT_TRUE(t->Known("6-18-02-04"));  // under a known medium group, no detailed list yet
  EXPECT_FALSE(t->Known("6-50"));
  EXPECT_TRUE(t->Known("6-99"));  // 其他生产制造及有关人员
  EXPECT_EQ(t->Name("6-18-02-04"), t->Name("6-18"));
  EXPECT_FALSE(t->Name("6-18").empty());
}

TEST(Occupation, DetailedListFromAnAdministratorsFile) {
  // The shared reference data beside the repository (../shared), when present.
  const std::string path = SourceTreeDir().string() + "/../shared/data/occupations/occupations_2022.csv";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " not present: the 2022 list is not checked";
  auto t = *OccupationTree::LoadDefault();
  ASSERT_TRUE(t.LoadFile(path));
  EXPECT_TRUE(t.detailed_loaded());
  EXPECT_EQ(t.size(), 8u + 79u + 450u + 1639u);
  EXPECT_EQ(t.Name("6-18-02-04"), "焊工");
  EXPECT_FALSE(t.Known("6-18-02-99"));  // now checked against the full list
}

TEST(Occupation, BadFilesNameRowAndField) {
  auto dir = std::filesystem::temp_directory_path() / "qjy_occ_test";
  std::filesystem::create_directories(dir);
  auto file = (dir / "occ.csv").string();
  std::ofstream(file) << "code,name,level\n6-18,金属加工,2\n6-18-02,焊接,2\n";
  auto t = *OccupationTree::LoadDefault();
  auto r = t.LoadFile(file);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("第 3 行 level"), std::string::npos) << r.error().message;
  EXPECT_EQ(t.size(), 87u);  // nothing half-loaded
  std::ofstream(file) << "id,name\n";
  EXPECT_FALSE(t.LoadFile(file));
  std::filesystem::remove_all(dir);
}

TEST(Weights, ShippedFileLoadsAndBadOnesAreNamed) {
  auto w = LoadDefaultWeights();
  ASSERT_TRUE(w) << w.error().message;
  EXPECT_GT(w->occ_same, w->occ_minor);
  EXPECT_GT(w->occ_minor, w->occ_medium);
  auto dir = std::filesystem::temp_directory_path() / "qjy_w_test";
  std::filesystem::create_directories(dir);
  auto file = (dir / "w.yaml").string();
  std::ofstream(file) << "valid_from: 2026-01-01\nsource: x\noccupation: {same: 1}\n";
  auto r = LoadWeights(file);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("occupation.minor"), std::string::npos) << r.error().message;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace qjy::match
