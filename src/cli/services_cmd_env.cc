// Shared pieces of the services commands (services_cmd_env.h).
#include "cli/services_cmd_env.h"

#include "core/clause_display.h"
#include "core/mask.h"
#include "services/calendar_update.h"

namespace qjy::cli::services_cmd {

Result<Env> OpenEnv(const std::string& db) {
  Env e;
  auto h = OpenRegistry(db);
  if (!h) return std::unexpected(h.error());
  e.h = std::move(*h);
  e.store = std::make_unique<ServicesStore>(*e.h.db);
  if (auto m = e.store->Migrate(); !m) return std::unexpected(m.error());
  // The shipped calendar with the holiday notices loaded into this database.
  auto ctx = LoadDefaultContextFor(*e.h.db);
  if (!ctx) return std::unexpected(ctx.error());
  e.ctx = std::move(*ctx);
  return e;
}

Result<Date> ParseDateArg(const std::string& text, const char* what) {
  auto d = Date::Parse(text);
  if (!d) return Fail(ErrorCode::kInvalidArgument, std::string(what) + "日期无效：" + text);
  return d;
}

Result<Date> ParseMonthArg(const std::string& text) {
  auto d = Date::Parse(text + "-01");
  if (!d) return Fail(ErrorCode::kInvalidArgument, "月份须为 YYYY-MM：" + text);
  return d;
}

Result<CaseloadAt> LoadCaseloadAt(Env& e, const std::string& region,
                                  const std::string& as_of_text) {
  auto as_of = ParseDateArg(as_of_text, "统计");
  if (!as_of) return std::unexpected(as_of.error());
  auto load = Caseload::Load(*e.store, region);
  if (!load) return std::unexpected(load.error());
  return CaseloadAt{*as_of, std::move(*load)};
}

Result<registry::Person> FindPerson(Env& e, const std::string& id_number) {
  auto p = e.h.registry->FindPersonByIdNumber(id_number);
  if (!p) return std::unexpected(p.error());
  if (!*p)
    return Fail(ErrorCode::kNotFound,
                "劳动力库中没有该身份证号码的人员：" + MaskIdNumber(id_number));
  return **p;
}

Result<Registration> OpenRegistrationFor(Env& e, const std::string& id_number, bool allow_closed) {
  auto person = FindPerson(e, id_number);
  if (!person) return std::unexpected(person.error());
  auto regs = e.store->RegistrationsOfPerson(person->person_id);
  if (!regs) return std::unexpected(regs.error());
  if (regs->empty()) return Fail(ErrorCode::kNotFound, "该人员没有失业登记");
  if (allow_closed) {  // follow-up visits: the latest registration closed as re-employed
    for (auto it = regs->rbegin(); it != regs->rend(); ++it) {
      if (it->close_reason == CloseReason::kReemployed) return *it;
    }
    return Fail(ErrorCode::kNotFound, "该人员没有因实现就业而注销的登记，无需跟踪回访");
  }
  const Registration& last = regs->back();
  if (last.closed_on) {
    return Fail(ErrorCode::kInvalidArgument,
                "该人员的失业登记已于 " + last.closed_on->ToString() + " 注销");
  }
  return last;
}

void PrintQueue(const std::vector<WorkItem>& items) {
  Bucket current = Bucket::kLater;
  bool first = true;
  for (const auto& w : items) {
    if (first || w.bucket != current) {
      std::cout << "【" << BucketLabel(w.bucket) << "】\n";
      current = w.bucket;
      first = false;
    }
    std::cout << "  期限 " << w.deadline.ToString() << "  " << w.title << "（"
              << DisplayClause(w.clause) << "）";
    if (w.registration_id) std::cout << "  登记编号 " << w.registration_id;
    std::cout << "  经办人 " << w.officer << "  " << w.region_code;
    if (!w.detail.empty()) std::cout << "  " << w.detail;
    std::cout << "\n";
  }
  if (items.empty()) std::cout << "（无待办事项）\n";
}

}  // namespace qjy::cli::services_cmd
