// qjy report quarterly, in process through AddReportCommands: a PDF printed
// by chromium whose text (poppler's pdftotext) holds the indicators and the
// planted values, an annex that opens with its sheets, Chinese errors.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "cli/cmd_test_run.h"
#include "cli/commands.h"
#include "cli/registry_handle.h"
#include "importer/xlsx_reader.h"
#include "services/services_store.h"
#include "store/separation_store.h"

namespace qjy::cli {
namespace {

testing::CmdRun RunReport(const std::string& line) { return testing::RunCommand(AddReportCommands, line); }

std::string PdfText(const std::string& pdf) {
  std::string out;
  std::unique_ptr<FILE, int (*)(FILE*)> p(popen(("pdftotext -layout " + pdf + " - 2>&1").c_str(), "r"), pclose);
  if (!p) return out;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p.get())) > 0) out.append(buf.data(), n);
  return out;
}

TEST(ReportCmdTest, QuarterlyPdfAndAnnex) {
  char tmpl[] = "/tmp/qjy-report-cmd.XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  const std::string dir = tmpl, db = dir + "/t.db";
  {
    auto h = OpenRegistry(db);
    ASSERT_TRUE(h) << h.error().message;
    services::ServicesStore store(*h->db);
    ASSERT_TRUE(store.Migrate());
    // 南明区: three re-employed in April–June 2025, one in February.
    const char* closed[] = {"2025-04-10", "2025-05-10", "2025-06-10", "2025-02-10"};
    for (int i = 0; i < 4; ++i) {
      services::Registration r;
      r.person_id = 5000 + i;
      r.county_code = r.region_code = "520102";
      r.registered_on = r.found_on = *Date::Parse("2025-01-05");
      r.channel = "counter";
      r.officer = "t";
      ASSERT_TRUE(store.AddRegistration(r));
      ASSERT_TRUE(store.CloseRegistration(r.registration_id, *Date::Parse(closed[i]),
                                          services::CloseReason::kReemployed, ""));
    }
    // A mass layoff (正文（十九）): 22 laid off by one employer of 南明区 in May.
    registry::Employer e;
    e.county_code = e.region = "520102";
    e.credit_code = "91520102MA6000009X";
    e.name = "南明测试机械厂";
    e.insured_headcount = 400;
    store::SeparationStore separations(*h->db);
    auto tx = store::Transaction::Begin(*h->db);
    ASSERT_TRUE(tx);
    ASSERT_TRUE(h->registry->UpsertEmployer(e, "t"));
    for (int i = 0; i < 22; ++i) {
      ASSERT_TRUE(separations.Put({"520102", 6000 + i, "", e.credit_code, *Date::Parse("2025-05-12"),
                                   registry::SeparationReason::kLayoff}));
    }
    ASSERT_TRUE(tx->Commit());
  }
  const std::string pdf = dir + "/r.pdf", xlsx = dir + "/a.xlsx";
  auto r = RunReport("report quarterly --db " + db + " --quarter 2025Q2 --region 5201 --out " + pdf +
                     " --annex " + xlsx);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("用 Chromium 生成 PDF"), std::string::npos) << r.err;
  const std::string text = PdfText(pdf);
  EXPECT_NE(text.find("贵阳市2025年第二季度就业形势分析"), std::string::npos) << text;
  EXPECT_NE(text.find("失业人员再就业人数"), std::string::npos) << text;
  EXPECT_NE(text.find("城镇新增就业人数"), std::string::npos);
  EXPECT_NE(text.find("南明区"), std::string::npos);
  // The warnings of the quarter: the layoff in May (and in June, within the
  // three-month window), with the employer's name; no persons.
  EXPECT_EQ(text.find("风险预警尚未计算"), std::string::npos);
  EXPECT_NE(text.find("南明测试机械厂"), std::string::npos) << text;
  EXPECT_NE(text.find("用人单位集中裁员"), std::string::npos) << text;
  EXPECT_NE(text.find("5月"), std::string::npos) << text;
  EXPECT_NE(r.err.find("研判风险预警"), std::string::npos) << r.err;

  auto book = importer::XlsxReader::Open(xlsx);
  ASSERT_TRUE(book) << book.error().message;
  const auto& names = (*book)->sheet_names();
  ASSERT_GE(names.size(), 3u);
  EXPECT_EQ(names.front(), "汇总");
  EXPECT_EQ(names.back(), "指标说明");
  auto rows = (*book)->ReadSheet("失业人员再就业人数");
  ASSERT_TRUE(rows) << rows.error().message;
  ASSERT_GE(rows->size(), 3u);
  // 贵阳市 first: January..June, then the quarter (3 in April–June).
  EXPECT_EQ((*rows)[1].cells[0], "贵阳市");
  EXPECT_EQ((*rows)[1].cells[2 + 6], "3");
  EXPECT_EQ((*rows)[2].cells[0], "南明区");
  // Section 五 in the annex: a block per comparison indicator, a row per
  // month of the quarter; no partner records here, so the counts are 未知.
  EXPECT_EQ(names[names.size() - 2], "跨省比对");
  auto link = (*book)->ReadSheet("跨省比对");
  ASSERT_TRUE(link) << link.error().message;
  ASSERT_GE(link->size(), 5u);
  EXPECT_EQ((*link)[0].cells[0], "省外务工人员比对：就业、失业、参保、返乡（附件4（五）、附件2（一））");
  EXPECT_EQ((*link)[1].cells[0], "月份");
  EXPECT_EQ((*link)[2].cells[0], "2025-04");
  EXPECT_EQ((*link)[4].cells[0], "2025-06");
  EXPECT_EQ((*link)[2].cells[1], "未知");

  auto bad_q = RunReport("report quarterly --db " + db + " --quarter 2025Q7 --out " + pdf);
  EXPECT_EQ(bad_q.exit_code, 1);
  EXPECT_NE(bad_q.err.find("季度格式有误"), std::string::npos) << bad_q.err;
  auto bad_r = RunReport("report quarterly --db " + db + " --quarter 2025Q2 --region 3301 --out " + pdf);
  EXPECT_EQ(bad_r.exit_code, 1);
  EXPECT_NE(bad_r.err.find("不是贵州省"), std::string::npos) << bad_r.err;
  setenv("QJY_CHROMIUM", "/nonexistent/chromium", 1);
  auto no_browser = RunReport("report quarterly --db " + db + " --quarter 2025Q2 --out " + pdf);
  unsetenv("QJY_CHROMIUM");
  EXPECT_EQ(no_browser.exit_code, 1);
  EXPECT_NE(no_browser.err.find("未找到 Chromium"), std::string::npos) << no_browser.err;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace qjy::cli
