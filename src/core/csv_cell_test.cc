#include "core/csv_cell.h"

#include <gtest/gtest.h>

namespace qjy {
namespace {

TEST(CsvCellTest, FormulasArePrefixedNumbersAndTextAreNot) {
  struct {
    const char* in;
    const char* out;
  } cases[] = {
      {"=1+1", "'=1+1"},
      {"@SUM(A1:A2)", "'@SUM(A1:A2)"},
      {"=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"},
      {"+1+1", "'+1+1"},
      {"-1+1", "'-1+1"},
      {"-2)*cmd|' /C calc'!A0", "'-2)*cmd|' /C calc'!A0"},
      {"\t=1", "'\t=1"},
      {"\r=1", "'\r=1"},
      {"-", "'-"},
      {"+86 13800001111", "'+86 13800001111"},
      {"-5", "-5"},          // a plain number stays a number
      {"-12.50", "-12.50"},
      {"+3", "+3"},
      {"300000", "300000"},
      {"-5.", "'-5."},
      {"焊工", "焊工"},
      {"a=1", "a=1"},
      {"", ""},
  };
  for (const auto& c : cases) EXPECT_EQ(NeutraliseCsvCell(c.in), c.out) << c.in;
}

}  // namespace
}  // namespace qjy
