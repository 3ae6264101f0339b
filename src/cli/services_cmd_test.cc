// Tests of qjy register / deregister / assess / classify / services ...:
// in process through AddServicesCommands, on a temp SQLite database.
#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>
#include <sstream>
#include <string>
#include <unistd.h>

#include "cli/cmd_test_run.h"
#include "cli/commands.h"
#include "cli/registry_handle.h"
#include "importer/xlsx_reader.h"

namespace qjy::cli {
namespace {

using testing::CmdRun;

CmdRun ServicesCmdQjy(const std::string& command_line) { return testing::RunCommand(AddServicesCommands, command_line); }

class ServicesCmdTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/qjy-svc-cmd.XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    db_ = dir_ + "/t.db";
    auto h = OpenRegistry(db_);
    ASSERT_TRUE(h) << h.error().message;
    registry::Person p;
    p.county_code = "520102";
    p.id_number = kId;
    p.name = "测试甲";
    p.birth_date = *Date::Parse("1990-03-07");
    p.ethnicity = "汉族";
    p.hukou_region = "520102003";
    p.residence_region = "520102003";
    p.education = registry::Education::kJuniorHigh;
    ASSERT_TRUE(h->registry->UpsertPerson(p, "test"));
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Db() const { return " --db " + db_; }
  static constexpr const char* kId = "520102199003070017";
  std::string dir_, db_;
};

TEST_F(ServicesCmdTest, RegisterRecordClassifyQueueLedgerAndReRegister) {
  CmdRun r = ServicesCmdQjy("register" + Db() + " --id-number " + kId +
                 " --on 2024-02-08 --place residence --region 520102003 --officer 王芳");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("失业登记成功"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("缺乏基本技能"), std::string::npos) << r.out;  // junior high, no certificate
  EXPECT_EQ(r.out.find(kId), std::string::npos) << "the ID is masked";

  CmdRun dup = ServicesCmdQjy("register" + Db() + " --id-number " + kId + " --on 2024-02-09 --region 520102003");
  EXPECT_EQ(dup.exit_code, 1);
  EXPECT_NE(dup.err.find("未注销"), std::string::npos) << dup.err;

  // Queue as of Monday 19 Feb 2024: 1311 due on 21 Feb (5th working day after 8 Feb across the Spring Festival).
  CmdRun q = ServicesCmdQjy("services queue" + Db() + " --region 520102 --as-of 2024-02-19");
  ASSERT_EQ(q.exit_code, 0) << q.err;
  EXPECT_NE(q.out.find("2个工作日内到期"), std::string::npos) << q.out;
  EXPECT_NE(q.out.find("期限 2024-02-21"), std::string::npos) << q.out;

  for (int job : {11, 12, 13}) {
    CmdRun rec = ServicesCmdQjy("service record" + Db() + " --id-number " + kId +
                     " --kind job_recommendation --on 2024-02-19 --job-id " + std::to_string(job));
    ASSERT_EQ(rec.exit_code, 0) << rec.err;
  }
  CmdRun no_job = ServicesCmdQjy("service record" + Db() + " --id-number " + kId + " --kind job_recommendation --on 2024-02-19");
  EXPECT_EQ(no_job.exit_code, 1);

  CmdRun st = ServicesCmdQjy("services status" + Db() + " --id-number " + kId + " --as-of 2024-02-22");
  ASSERT_EQ(st.exit_code, 0) << st.err;
  EXPECT_NE(st.out.find("按时完成\t短期失业人员服务"), std::string::npos) << st.out;
  EXPECT_NE(st.out.find("已逾期\t\"1311\"就业服务"), std::string::npos) << st.out;

  CmdRun over = ServicesCmdQjy("assess" + Db() + " --id-number " + kId + " --on 2024-02-20 --category difficulty");
  EXPECT_EQ(over.exit_code, 1);
  CmdRun ok = ServicesCmdQjy("assess" + Db() + " --id-number " + kId +
                  " --on 2024-02-20 --category difficulty --reason 长期患病");
  EXPECT_EQ(ok.exit_code, 0) << ok.err;

  CmdRun c = ServicesCmdQjy("classify" + Db() + " --as-of 2024-03-20 --region 5201");
  ASSERT_EQ(c.exit_code, 0) << c.err;
  EXPECT_NE(c.out.find("中短期失业\t0\t0\t1\t1"), std::string::npos) << c.out;

  std::string xlsx = dir_ + "/ledger.xlsx";
  CmdRun l = ServicesCmdQjy("services ledger" + Db() + " --region 5201 --as-of 2024-03-20 --out " + xlsx);
  ASSERT_EQ(l.exit_code, 0) << l.err;
  auto reader = importer::XlsxReader::Open(xlsx);
  ASSERT_TRUE(reader);
  auto rows = (*reader)->ReadSheet("失业人员台账");
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[1].cells[2], "测试甲");
  EXPECT_EQ((*rows)[1].cells[3].find(kId), std::string::npos);

  // Re-employed, then re-registered after a short job: a second registration.
  ASSERT_EQ(ServicesCmdQjy("deregister" + Db() + " --id-number " + kId + " --on 2024-03-01 --reason reemployed").exit_code, 0);
  CmdRun again = ServicesCmdQjy("register" + Db() + " --id-number " + kId + " --on 2024-03-25 --region 520102003");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("登记编号 2"), std::string::npos) << again.out;
  CmdRun visit = ServicesCmdQjy("service record" + Db() + " --id-number " + kId + " --kind follow_up_visit --on 2024-03-26");
  ASSERT_EQ(visit.exit_code, 0) << visit.err;
  CmdRun q2 = ServicesCmdQjy("services queue" + Db() + " --region 520102 --as-of 2024-04-01 --all");
  ASSERT_EQ(q2.exit_code, 0) << q2.err;
  EXPECT_EQ(q2.out.find("跟踪回访"), std::string::npos) << "the visit was recorded: " << q2.out;
  EXPECT_NE(q2.out.find("今日到期"), std::string::npos) << q2.out;  // new 1311 due 2024-04-01
}

TEST_F(ServicesCmdTest, MonitoringTasksReachTheQueue) {
  CmdRun h = ServicesCmdQjy("services welfare-holder" + Db() + " --id-number " + kId +
                 " --region 520102003 --officer 李明 --started-on 2023-12-01");
  ASSERT_EQ(h.exit_code, 0) << h.err;
  EXPECT_NE(h.out.find("编号 1"), std::string::npos) << h.out;
  for (const char* m : {"2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06"}) {
    ASSERT_EQ(ServicesCmdQjy("services welfare-income" + Db() + " --holder-id 1 --month " + m + " --income-fen 70000").exit_code, 0);
  }
  EXPECT_EQ(ServicesCmdQjy("services welfare-income" + Db() + " --holder-id 9 --month 2024-06 --income-fen 1").exit_code, 1);
  CmdRun l = ServicesCmdQjy("services monitor-ledger" + Db() + " --region 520102003 --officer 李明 --started-on 2024-06-03");
  ASSERT_EQ(l.exit_code, 0) << l.err;
  ASSERT_EQ(ServicesCmdQjy("services ledger-update" + Db() + " --ledger-id 1 --month 2024-06 --on 2024-06-28").exit_code, 0);
  CmdRun q = ServicesCmdQjy("services queue" + Db() + " --region 520102 --as-of 2024-07-10 --officer 李明 --all");
  ASSERT_EQ(q.exit_code, 0) << q.err;
  EXPECT_NE(q.out.find("退出公益性岗位（附件2（十七））"), std::string::npos) << q.out;
  EXPECT_NE(q.out.find("（2024-07）"), std::string::npos) << q.out;
  EXPECT_EQ(q.out.find("（2024-06）"), std::string::npos) << "June was updated: " << q.out;
  ASSERT_EQ(ServicesCmdQjy("services welfare-left" + Db() + " --holder-id 1 --on 2024-07-09").exit_code, 0);
  CmdRun after = ServicesCmdQjy("services queue" + Db() + " --region 520102 --as-of 2024-07-10 --officer 李明 --all");
  EXPECT_EQ(after.out.find("退出公益性岗位"), std::string::npos) << after.out;
}

// A person whose labour contract is in force on the registration date is
// refused with the reason; an officer's written reason registers them and
// is audited.
TEST_F(ServicesCmdTest, EmployedPersonIsRefusedUnlessOverriddenAndAudited) {
  {
    auto h = OpenRegistry(db_);
    ASSERT_TRUE(h) << h.error().message;
    registry::Employer e;
    e.county_code = "520102";
    e.credit_code = "91520102MA6DKQ8X2B";
    e.name = "测试公司";
    e.region = "520102";
    ASSERT_TRUE(h->registry->UpsertEmployer(e, "test"));
    registry::Contract c;
    c.person_id_number = kId;
    c.employer_credit_code = e.credit_code;
    c.start_on = *Date::Parse("2023-07-31");
    c.end_on = *Date::Parse("2025-07-30");
    ASSERT_TRUE(h->registry->UpsertContract(c, "test"));
  }
  CmdRun refused = ServicesCmdQjy("register" + Db() + " --id-number " + kId + " --on 2024-02-08 --region 520102003 --officer 王芳");
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("处于就业状态"), std::string::npos) << refused.err;
  // The employer by its name, not its credit code (#14).
  EXPECT_NE(refused.err.find("单位 测试公司"), std::string::npos) << refused.err;
  EXPECT_EQ(refused.err.find("91520102MA6DKQ8X2B"), std::string::npos) << refused.err;

  CmdRun forced = ServicesCmdQjy("register" + Db() + " --id-number " + kId +
                      " --on 2024-02-08 --region 520102003 --officer 王芳 --override-reason 单位已解除劳动关系，证明待补");
  ASSERT_EQ(forced.exit_code, 0) << forced.err;
  EXPECT_NE(forced.out.find("已记入审计日志"), std::string::npos) << forced.out;
  auto h = OpenRegistry(db_);
  ASSERT_TRUE(h);
  auto rows = h->db->Query("SELECT actor, action, target, detail FROM audit_log WHERE action = 'services.register.override'");
  ASSERT_TRUE(rows) << rows.error().message;
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].Text(0), "cli:王芳");
  EXPECT_NE((*rows)[0].Text(3).find("证明待补"), std::string::npos);
  EXPECT_EQ((*rows)[0].Text(3).find(kId), std::string::npos) << "no plaintext ID in the audit";
}

}  // namespace
}  // namespace qjy::cli
