#include "core/refdata.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "core/install_paths.h"

namespace qjy {
namespace {

TEST(RefdataTest, SplitsQuotedCsvFields) {
  static const struct {
    const char* line;
    std::vector<std::string> fields;
  } cases[] = {
      {"520102,南明区,county,5201", {"520102", "南明区", "county", "5201"}},
      {"11,北京市,province,", {"11", "北京市", "province", ""}},
      {"a,\"b,c\",d\r", {"a", "b,c", "d"}},
      {"\"say \"\"hi\"\"\",x", {"say \"hi\"", "x"}},
      {"", {""}},
  };
  for (const auto& c : cases) EXPECT_EQ(SplitCsvLine(c.line), c.fields) << c.line;
}

TEST(RefdataTest, EnvironmentOverridesCompiledDirectory) {
  const char* old = std::getenv("QJY_REFDATA");
  std::string saved = old ? old : "";
  ::setenv("QJY_REFDATA", "/tmp/some-refdata", 1);
  EXPECT_EQ(RefdataDir(), "/tmp/some-refdata");
  ::setenv("QJY_REFDATA", "", 1);
  EXPECT_EQ(RefdataDir(), BuildRefdataDir().string());
  if (old) ::setenv("QJY_REFDATA", saved.c_str(), 1); else ::unsetenv("QJY_REFDATA");
}

TEST(RefdataTest, MissingFileIsAnIoError) {
  auto r = ReadWholeFile("/nonexistent/qjy/refdata.csv");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kIo);
  EXPECT_NE(r.error().message.find("/nonexistent/qjy/refdata.csv"), std::string::npos);
}

}  // namespace
}  // namespace qjy
