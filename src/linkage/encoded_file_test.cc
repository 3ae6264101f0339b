// The exchanged encoding file: round trip, and every bad file refused whole
// with a Chinese message (wrong key, wrong version, truncated, malformed).
#include "linkage/encoded_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace qjy::linkage {
namespace {

constexpr BloomSecret kFileSecret = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
constexpr BloomSecret kOther = {2, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

EncodedFile Sample() {
  PersonTable t;
  t.Add({"张伟", "520102199001010011", "1990-01-01", "男", "520102", "13800000001"});
  t.Add({"李娜", "", "1985-12-12", "女", "", ""});
  EncodedFile f;
  f.party = "广东省人社厅";
  f.ids = {"a1", "a2"};
  f.table = EncodeBloom(t, kFileSecret);
  return f;
}

TEST(EncodedFileTest, RoundTripCarriesNoPlainData) {
  const EncodedFile f = Sample();
  auto text = EncodedFileText(f, kFileSecret);
  ASSERT_TRUE(text);
  for (const char* plain : {"张伟", "520102199001010011", "1990", "13800000001", "李娜"}) {
    EXPECT_EQ(text->find(plain), std::string::npos) << plain;
  }
  auto back = ParseEncodedFile(*text, kFileSecret);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->party, f.party);
  EXPECT_EQ(back->ids, f.ids);
  for (int k = 0; k < kBloomFieldCount; ++k) {
    EXPECT_EQ(back->table.bits[k], f.table.bits[k]);
    EXPECT_EQ(back->table.ones[k], f.table.ones[k]);
  }
  EXPECT_EQ(back->table.sex, f.table.sex);
  EXPECT_EQ(back->table.block, f.table.block);
  // Packed for the store and back.
  BloomTable t;
  AppendPackedRow(t, PackRow(f.table, 0));
  EXPECT_EQ(t.bits[kBloomName], std::vector<uint64_t>(f.table.bits[kBloomName].begin(),
                                                      f.table.bits[kBloomName].begin() + 8));
  EXPECT_EQ(t.ones[kBloomId][0], f.table.ones[kBloomId][0]);
}

TEST(EncodedFileTest, BadFilesRefusedWhole) {
  const std::string text = *EncodedFileText(Sample(), kFileSecret);
  auto wrong_key = ParseEncodedFile(text, kOther);
  ASSERT_FALSE(wrong_key);
  EXPECT_NE(wrong_key.error().message.find("密钥"), std::string::npos);

  std::string v2 = text;
  v2.replace(v2.find(" 1\n"), 3, " 2\n");
  auto version = ParseEncodedFile(v2, kFileSecret);
  ASSERT_FALSE(version);
  EXPECT_NE(version.error().message.find("版本"), std::string::npos);

  const std::string truncated = text.substr(0, text.rfind("end"));
  auto cut = ParseEncodedFile(truncated, kFileSecret);
  ASSERT_FALSE(cut);
  EXPECT_NE(cut.error().message.find("截断"), std::string::npos);

  const std::string half_row = text.substr(0, text.find('\n', text.find("a1\t")) - 10);
  EXPECT_FALSE(ParseEncodedFile(half_row, kFileSecret));

  std::string bad_hex = text;
  bad_hex[bad_hex.find("a2\t") + 3] = 'z';
  auto hex = ParseEncodedFile(bad_hex, kFileSecret);
  ASSERT_FALSE(hex);
  EXPECT_NE(hex.error().message.find("第 7 行"), std::string::npos) << hex.error().message;

  EXPECT_FALSE(ParseEncodedFile("姓名,身份证\n张伟,1\n", kFileSecret));
}

TEST(EncodedFileTest, KeyFile) {
  const auto dir = std::filesystem::temp_directory_path() / ("qjy_keyfile_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "ok.key") << "0102030405060708090a0b0c0d0e0f10\n";
  std::ofstream(dir / "short.key") << "0102\n";
  auto k = ReadKeyFile((dir / "ok.key").string());
  ASSERT_TRUE(k);
  EXPECT_EQ(*k, kFileSecret);
  auto s = ReadKeyFile((dir / "short.key").string());
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message.find("32 位十六进制"), std::string::npos);
  EXPECT_FALSE(ReadKeyFile((dir / "none.key").string()));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace qjy::linkage
