// qjy calendar ... : working-day arithmetic on the State Council holiday
// calendar (core/calendar.h) from the reference data in QJY_REFDATA or the
// build's refdata directory, plus the notices loaded into a database when
// --db is given; and loading next year's notice (services/calendar_update.h).
// An answer that depends on a year no notice covers yet is printed as
// usual and followed, on stderr, by the provisional note.
#include <algorithm>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>

#include "audit/audit_log.h"
#include "audit/audit_schema.h"
#include "auth/clock.h"
#include "cli/cmd_support.h"
#include "cli/commands.h"
#include "cli/registry_handle.h"
#include "core/calendar.h"
#include "core/date.h"
#include "core/refdata.h"
#include "services/calendar_store.h"
#include "services/calendar_update.h"
#include "services/package.h"

namespace qjy::cli {
namespace {

// The shipped calendar, with the notices stored in `db_url` when given.
Result<WorkCalendar> CalendarFor(const std::string& db_url) {
  auto cal = WorkCalendar::Load(RefdataDir());
  if (!cal) return std::unexpected(Error{cal.error().code, "无法加载节假日日历：" + cal.error().message});
  if (db_url.empty()) return cal;
  auto h = OpenRegistry(db_url);
  if (!h) return std::unexpected(h.error());
  auto ctx = services::LoadDefaultContextFor(*h->db);
  if (!ctx) return std::unexpected(ctx.error());
  return (*ctx)->calendar();
}

// Runs `body` with the calendar; errors go to stderr in Chinese (exit 1).
// A provisional answer (years `body` reports as uncovered) gets its note.
template <class Body>
void WithCalendar(const std::string& db_url, int& exit_code, Body body) {
  auto cal = CalendarFor(db_url);
  if (!cal) {
    std::cerr << cal.error().message << "\n";
    exit_code = 1;
    return;
  }
  auto years = body(*cal);
  if (!years) {
    std::cerr << years.error().message << "\n";
    exit_code = 1;
    return;
  }
  if (!years->empty()) std::cerr << "注意：" << WorkCalendar::ProvisionalNote(*years) << "\n";
  exit_code = 0;
}

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(ErrorCode::kIo, "无法读取文件 " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

void AddCalendarCommands(CLI::App& app, int& exit_code) {
  auto* calendar = app.add_subcommand(
      "calendar", "工作日计算（含法定节假日与调休）、载入国务院节假日通知 / working days; load a notice");
  calendar->require_subcommand(1);
  auto db = std::make_shared<std::string>();
  auto db_option = [db](CLI::App* cmd) {
    cmd->add_option("--db", *db, "同时使用该数据库中已载入的节假日通知 / include notices loaded into this database");
  };

  auto add = calendar->add_subcommand(
      "add-workdays",
      "输出 DATE 之后第 N 个工作日（不含 DATE 当天，民法典第201条；N 为 0 输出 DATE，负数向前数）\n"
      "Print the N-th working day after DATE (DATE not counted; 0 prints DATE; negative counts "
      "back)");
  auto add_date = std::make_shared<std::string>();
  auto add_n = std::make_shared<int>(0);
  add->add_option("DATE", *add_date, "日期 YYYY-MM-DD / date")->required();
  add->add_option("N", *add_n, "工作日数 / number of working days")->required();
  db_option(add);
  add->callback([db, add_date, add_n, &exit_code] {
    WithCalendar(*db, exit_code, [&](const WorkCalendar& cal) -> Result<std::vector<int>> {
      auto d = Date::Parse(*add_date);
      if (!d) return std::unexpected(d.error());
      auto r = cal.AddWorkingDays(*d, *add_n);
      if (!r) return std::unexpected(r.error());
      std::cout << r->ToString() << "\n";
      return *r < *d ? cal.UncoveredYears(*r, *d) : cal.UncoveredYears(*d, *r);
    });
  });

  auto is = calendar->add_subcommand(
      "is-workday", "DATE 是否为工作日，输出 true 或 false / print whether DATE is a working day");
  auto is_date = std::make_shared<std::string>();
  is->add_option("DATE", *is_date, "日期 YYYY-MM-DD / date")->required();
  db_option(is);
  is->callback([db, is_date, &exit_code] {
    WithCalendar(*db, exit_code, [&](const WorkCalendar& cal) -> Result<std::vector<int>> {
      auto d = Date::Parse(*is_date);
      if (!d) return std::unexpected(d.error());
      auto r = cal.IsWorkday(*d);
      if (!r) return std::unexpected(r.error());
      std::cout << (*r ? "true" : "false") << "\n";
      return cal.UncoveredYears(*d, *d);
    });
  });

  auto between = calendar->add_subcommand(
      "working-days",
      "输出 (FROM, TO] 区间内的工作日数（不含 FROM，含 TO）/ "
      "print the number of working days after FROM up to and including TO");
  auto from = std::make_shared<std::string>();
  auto to = std::make_shared<std::string>();
  between->add_option("FROM", *from, "起始日期 / start date (not counted)")->required();
  between->add_option("TO", *to, "截止日期 / end date (counted)")->required();
  db_option(between);
  between->callback([db, from, to, &exit_code] {
    WithCalendar(*db, exit_code, [&](const WorkCalendar& cal) -> Result<std::vector<int>> {
      auto a = Date::Parse(*from);
      if (!a) return std::unexpected(a.error());
      auto b = Date::Parse(*to);
      if (!b) return std::unexpected(b.error());
      auto r = cal.WorkingDaysBetween(*a, *b);
      if (!r) return std::unexpected(r.error());
      std::cout << *r << "\n";
      return *b < *a ? cal.UncoveredYears(*b, *a) : cal.UncoveredYears(*a, *b);
    });
  });

  // qjy calendar load FILE --db DB [--today DATE]
  auto load = calendar->add_subcommand(
      "load",
      "载入国务院办公厅当年节假日安排通知（YAML，格式见 README），校验、审计，并列出期限因此变化的待办\n"
      "Load a State Council holiday notice (validated, audited); lists the deadlines it moved");
  struct LoadOpts {
    std::string file, db, today;
  };
  auto lo = std::make_shared<LoadOpts>();
  load->add_option("FILE", lo->file, "通知文件 / notice file (YAML)")->required();
  load->add_option("--db", lo->db, "数据库 / database")->required();
  load->add_option("--today", lo->today, "以该日期计算待办（默认北京时间今天）/ as-of date for open obligations");
  load->callback([lo, &exit_code] {
    auto run = [&]() -> Result<void> {
      auto text = ReadFile(lo->file);
      if (!text) return std::unexpected(text.error());
      auto notice = services::ParseCalendarNotice(*text, lo->file);
      if (!notice) return std::unexpected(notice.error());
      auth::SystemClock clock;
      Date today = Date::InChina(clock.Now());
      if (!lo->today.empty()) {
        auto t = Date::Parse(lo->today);
        if (!t) return Fail(ErrorCode::kInvalidArgument, "--today：" + t.error().message);
        today = *t;
      }
      auto shipped = WorkCalendar::Load(RefdataDir());
      if (!shipped) return std::unexpected(shipped.error());
      auto h = OpenRegistry(lo->db);
      if (!h) return std::unexpected(h.error());
      if (auto m = audit::MigrateAudit(*h->db); !m) return std::unexpected(m.error());
      audit::AuditLog audit(clock, lo->db);
      audit::AuditEntry e;
      e.actor = Actor();
      e.action = "calendar.load";
      e.target = "calendar:" + std::to_string(notice->year);
      auto r = services::LoadCalendarNotice(*h->db, *shipped, services::ServicesDataDir(), *notice,
                                            e.actor, today, auth::IsoUtc(clock.Now()));
      if (!r) {
        e.result = "failed";
        e.detail = r.error().message;
        (void)audit.Append(*h->db, e);
        return std::unexpected(r.error());
      }
      e.result = "ok";
      e.detail = notice->document + "；" + std::to_string(r->moved.size()) + " 项待办期限变化";
      if (auto a = audit.Append(*h->db, e); !a) return std::unexpected(a.error());
      std::cout << (r->replaced ? "已更新 " : "已载入 ") << notice->year << " 年节假日安排：" << notice->title
                << "（" << notice->document << "），" << notice->holidays.size() << " 个节日\n";
      std::cout << "截至 " << today.ToString() << "，期限因此变化的待办 " << r->moved.size() << " 项\n";
      for (const auto& c : r->moved) {
        std::cout << "  登记 " << c.registration_id << "\t" << c.region_code << "\t" << c.title << "\t"
                  << c.old_deadline.ToString() << " → " << c.new_deadline.ToString() << "\n";
      }
      return {};
    };
    auto ok = run();
    if (!ok) std::cerr << ok.error().message << "\n";
    exit_code = ok ? 0 : 1;
  });

  // qjy calendar status [--db DB]
  auto status = calendar->add_subcommand("status", "日历覆盖的年份与已载入的通知 / covered years and loaded notices");
  db_option(status);
  status->callback([db, &exit_code] {
    auto run = [&]() -> Result<void> {
      auto shipped = WorkCalendar::Load(RefdataDir());
      if (!shipped) return std::unexpected(shipped.error());
      const auto& ys = shipped->years();
      std::cout << "内置国务院通知数据：" << *ys.begin() << "–" << *ys.rbegin() << " 年\n";
      int last = *ys.rbegin();
      if (!db->empty()) {
        auto h = OpenRegistry(*db);
        if (!h) return std::unexpected(h.error());
        auto ctx = services::LoadDefaultContextFor(*h->db);
        if (!ctx) return std::unexpected(ctx.error());
        auto notices = services::CalendarStore(*h->db).Notices();
        if (!notices) return std::unexpected(notices.error());
        for (const auto& n : *notices) {
          std::cout << "已载入：" << n.notice.year << " 年 " << n.notice.title << "（" << n.notice.document
                    << "），" << n.loaded_by << " 于 " << n.loaded_at << " 载入\n";
          last = std::max(last, n.notice.year);
        }
      }
      std::cout << WorkCalendar::ProvisionalNote({last + 1}) << "\n";
      return {};
    };
    auto ok = run();
    if (!ok) std::cerr << ok.error().message << "\n";
    exit_code = ok ? 0 : 1;
  });
}

}  // namespace qjy::cli
