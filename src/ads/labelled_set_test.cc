#include "ads/labelled_set.h"

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace qjy::ads {
namespace {

std::string Write(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / (name + "_" + std::to_string(::getpid()) + ".yaml");
  std::ofstream(path) << text;
  return path.string();
}

const Screener& Default() {
  static const Screener s = *Screener::LoadDefault();
  return s;
}

TEST(LabelledSetTest, TalliesPerKindAndListsTheErrors) {
  const std::string path = Write("set", R"(
- id: a
  text: '限男性，能吃苦。'
  labels: [discrimination]
- id: b
  text: '入职先交押金500元。'
  labels: [fraud]
  note: ignored
- id: c
  text: '男女不限，年龄不限。'
  labels: []
- id: d
  text: '招会计一名，有证优先。'
  labels: [discrimination, fraud]
- id: e
  text: '限女性，交服装费200元。'
  labels: []
)");
  auto set = LoadLabelledSet(path);
  ASSERT_TRUE(set.has_value()) << set.error().message;
  ASSERT_EQ(set->size(), 5u);
  EXPECT_TRUE((*set)[3].discrimination && (*set)[3].fraud);
  const SetEvaluation e = EvaluateSet(Default(), *set);
  EXPECT_EQ(e.ads, 5);
  // a found, d missed, e a false alarm; b found, d missed, e a false alarm.
  EXPECT_EQ(e.discrimination.tp, 1);
  EXPECT_EQ(e.discrimination.fn, 1);
  EXPECT_EQ(e.discrimination.fp, 1);
  EXPECT_EQ(e.fraud.tp, 1);
  EXPECT_EQ(e.fraud.fn, 1);
  EXPECT_EQ(e.fraud.fp, 1);
  EXPECT_EQ(e.any.tp, 2);
  EXPECT_EQ(e.any.fn, 1);
  EXPECT_EQ(e.any.fp, 1);
  EXPECT_DOUBLE_EQ(e.fraud.Precision(), 0.5);
  EXPECT_DOUBLE_EQ(e.fraud.Recall(), 0.5);
  ASSERT_EQ(e.errors.size(), 2u);
  EXPECT_EQ(e.errors[0].ad->id, "d");
  EXPECT_EQ(e.errors[1].ad->id, "e");
  EXPECT_TRUE(e.errors[1].got_discrimination && e.errors[1].got_fraud);
  ASSERT_FALSE(e.errors[1].found.empty());
  EXPECT_EQ(e.errors[1].found[0].rfind("性别：“", 0), 0u) << e.errors[1].found[0];
  std::filesystem::remove(path);
}

// Removes the files it was given when the test ends, passed or failed.
struct RemovedAtEnd {
  std::vector<std::string> paths;
  const std::string& operator()(std::string path) { return paths.emplace_back(std::move(path)); }
  ~RemovedAtEnd() {
    for (const auto& p : paths) std::filesystem::remove(p);
  }
};

TEST(LabelledSetTest, BadFilesNameTheEntryAndTheField) {
  RemovedAtEnd scratch;
  auto unknown = LoadLabelledSet(scratch(Write("bad1", "- id: x1\n  text: 限男\n  labels: [sexism]\n")));
  ASSERT_FALSE(unknown.has_value());
  EXPECT_NE(unknown.error().message.find("第 1 项（x1）"), std::string::npos) << unknown.error().message;
  EXPECT_NE(unknown.error().message.find("“sexism”无法识别"), std::string::npos) << unknown.error().message;
  auto no_text = LoadLabelledSet(scratch(Write("bad2", "- id: x1\n  text: 限男\n  labels: []\n- id: x2\n  labels: []\n")));
  ASSERT_FALSE(no_text.has_value());
  EXPECT_NE(no_text.error().message.find("第 2 项（x2）：缺少 text"), std::string::npos) << no_text.error().message;
  auto not_list = LoadLabelledSet(scratch(Write("bad3", "id: x\n")));
  ASSERT_FALSE(not_list.has_value());
  EXPECT_NE(not_list.error().message.find("应为招聘信息列表"), std::string::npos);
  auto missing = LoadLabelledSet("/nonexistent/set.yaml");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kIo);
}

}  // namespace
}  // namespace qjy::ads
