#include "importer/text_encoding.h"

#include <gtest/gtest.h>

namespace qjy::importer {
namespace {

TEST(TextEncodingTest, Utf8WithAndWithoutBom) {
  auto plain = DecodeText("姓名,年龄\n张三,30\n");
  ASSERT_TRUE(plain.has_value());
  EXPECT_EQ(plain->encoding, SourceEncoding::kUtf8);
  EXPECT_EQ(plain->text, "姓名,年龄\n张三,30\n");
  auto bom = DecodeText("\xEF\xBB\xBF姓名\n张三\n");
  ASSERT_TRUE(bom.has_value());
  EXPECT_EQ(bom->encoding, SourceEncoding::kUtf8Bom);
  EXPECT_EQ(bom->text, "姓名\n张三\n");
}

TEST(TextEncodingTest, GbkBytesAreDecoded) {
  const std::string utf8 = "身份证号,姓名,民族\n520102199001011234,张三,苗族\n";
  auto gbk = Utf8ToGb18030(utf8);
  ASSERT_TRUE(gbk.has_value());
  ASSERT_NE(*gbk, utf8);
  EXPECT_FALSE(IsValidUtf8(*gbk));
  auto decoded = DecodeText(*gbk);
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->encoding, SourceEncoding::kGb18030);
  EXPECT_EQ(decoded->text, utf8);
}

TEST(TextEncodingTest, Utf8HeaderWithGbkRowIsMixed) {
  auto gbk_row = Utf8ToGb18030("张三\n");
  ASSERT_TRUE(gbk_row.has_value());
  auto decoded = DecodeText("姓名\n李四\n" + *gbk_row);
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->encoding, SourceEncoding::kMixedUtf8);
}

TEST(TextEncodingTest, EmptyAndBinaryFilesFail) {
  for (std::string bytes : {std::string(), std::string("\xEF\xBB\xBF"), std::string("\r\n\r\n"),
                            std::string("PK\x03\x04\0\0binary", 12),
                            std::string("\xFF\xFE\x59\x59\0\0", 6)}) {
    auto r = DecodeText(bytes);
    ASSERT_FALSE(r.has_value()) << bytes;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    EXPECT_FALSE(r.error().message.empty());
  }
}

TEST(TextEncodingTest, Utf8Validation) {
  struct {
    std::string_view bytes;
    bool valid;
  } cases[] = {
      {"abc", true},           {"中文", true},          {"\xF0\x9F\x98\x80", true},
      {"\xC0\xAF", false},     {"\xE4\xB8", false},     {"\xED\xA0\x80", false},
      {"\xF5\x80\x80\x80", false}, {"abcdefgh\x80", false},
  };
  for (const auto& c : cases) EXPECT_EQ(IsValidUtf8(c.bytes), c.valid);
}

}  // namespace
}  // namespace qjy::importer
