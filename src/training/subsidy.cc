#include "training/subsidy.h"

#include <algorithm>

#include "policy/facts.h"
#include "policy/ledger_entries.h"
#include "policy/rules/rule_util.h"

namespace qjy::training {
namespace {

using policy::rules::Ctx;
using policy::rules::Eval;
using store::Value;

constexpr char kFund[] = "employment_subsidy";
constexpr char kMissingRegistration[] = "失业登记记录（本平台未保存失业登记，无法判断是否为登记失业人员）";

const policy::World& NoWorld() {
  static const policy::World w;
  return w;
}

std::string Bp(int64_t bp) { return policy::rules::Bp(bp); }

// The groups of training.group_* other than the registered unemployed.
struct GroupParam {
  const char* param;
  const char* label;
  std::vector<std::string> codes;
};
const std::vector<GroupParam>& Groups() {
  static const std::vector<GroupParam> g = {
      {"training.group_college_graduate", "高校毕业生", {"college_graduate"}},
      {"training.group_relocated", "易地扶贫搬迁群众", {"relocated"}},
      {"training.group_poverty_alleviated", "脱贫人口（含监测对象）", {"poverty_alleviated", "monitoring_object"}},
      {"training.group_rural_labour", "农村劳动力", {"rural_labour", "returned_rural_labour"}},
  };
  return g;
}

void Subject(Eval& ev, const SubsidyFacts& f) {
  const int64_t pid = f.enrolment.person_id;
  ev.SetSubject("P:" + std::to_string(pid), pid, "", "course:" + std::to_string(f.course.course_id));
}

// Registered unemployed on the enrolment date (A3(五)2), recorded as a
// condition; `also` names what else would pass (T1's groups) or is empty.
void RegisteredOrGroup(Eval& ev, const SubsidyFacts& f, bool with_groups) {
  const std::string on = f.enrolment.enrolled_on.ToString();
  bool reg_enabled = true;
  if (auto p = ev.Param("training.group_registered_unemployed")) reg_enabled = *p != 0;
  std::string group_hit, enabled_labels;
  if (with_groups) {
    for (const auto& g : Groups()) {
      auto p = ev.Param(g.param);
      if (!p || *p == 0) continue;
      enabled_labels += std::string(enabled_labels.empty() ? "" : "、") + g.label;
      for (const auto& code : g.codes) {
        if (group_hit.empty() && std::find(f.groups.begin(), f.groups.end(), code) != f.groups.end()) {
          group_hit = g.label;
        }
      }
    }
  }
  const char* text = with_groups ? "报名时为登记失业人员，或属于本地纳入职业培训补贴的人员群体"
                                 : "报名时为登记失业人员（培训期间）";
  const bool registered = reg_enabled && f.registered.value_or(false);
  if (registered || !group_hit.empty()) {
    ev.Check("target_group", "A3(五)2", text, true,
             [&] { return on + (registered ? " 处于失业登记状态" : " 属于" + group_hit); }, "");
    return;
  }
  if (reg_enabled && !f.registered) {
    ev.UnknownFact("target_group", "A3(五)2", text, std::string("未知：缺少") + kMissingRegistration +
                                                     (with_groups ? "，且不属于" + enabled_labels : ""),
                   "补录失业登记记录后重新判断", kMissingRegistration);
    return;
  }
  ev.Check("target_group", "A3(五)2", text, false,
           [&] {
             return on + " 未进行失业登记" + (with_groups ? "，且不属于" + enabled_labels : std::string());
           },
           with_groups ? "须为登记失业人员（办理失业登记后报名）或属于上述群体" : "须为登记失业人员（办理失业登记后报名）");
}

// Completed with the attendance share (training.min_attendance_bp).
void CompletedWithAttendance(Eval& ev, const SubsidyFacts& f) {
  if (f.enrolment.status == "withdrawn") {  // 退出: no subsidy afterwards
    ev.Check("not_withdrawn", "A3(五)2", "未退出培训", false,
             [&] {
               return "已退出培训（" + (f.enrolment.withdrawn_on ? f.enrolment.withdrawn_on->ToString() : std::string()) +
                      "，" + f.enrolment.withdraw_reason + "）";
             },
             "退出培训后不享受培训补贴");
  }
  const bool done = f.enrolment.status == "completed";
  ev.Check("completed", "A3(五)2", "已结业", done,
           [&] { return done ? "结业日期 " + f.enrolment.completed_on->ToString() : std::string(f.enrolment.status == "withdrawn" ? "已退出，未结业" : "在训，未结业"); },
           "结业后申领");
  if (auto min = ev.Param("training.min_attendance_bp")) {
    const int64_t share = f.course.hours > 0 ? int64_t{f.enrolment.hours_attended} * 10000 / f.course.hours : 0;
    ev.Check("attendance", "A3(五)2", "出勤学时达到课程学时的规定比例（含本数）", share >= *min,
             [&] {
               return "出勤 " + std::to_string(f.enrolment.hours_attended) + "/" + std::to_string(f.course.hours) +
                      " 学时（" + Bp(share) + "，要求 " + Bp(*min) + "）";
             },
             "出勤学时须达到规定比例");
  }
}

}  // namespace

std::string_view SubsidyKindCode(SubsidyKind k) { return k == SubsidyKind::kTraining ? "training" : "living"; }
std::string_view SubsidyKindLabel(SubsidyKind k) {
  return k == SubsidyKind::kTraining ? "职业培训补贴" : "生活费补贴";
}
std::optional<SubsidyKind> ParseSubsidyKind(std::string_view text) {
  for (SubsidyKind k : {SubsidyKind::kTraining, SubsidyKind::kLiving}) {
    if (text == SubsidyKindCode(k) || text == SubsidyKindLabel(k)) return k;
  }
  return std::nullopt;
}

policy::Decision DecideTraining(const policy::ParameterSet& params, const SubsidyFacts& f, Date on) {
  const Ctx ctx{params, NoWorld(), on};
  Eval ev(ctx, "T1", "职业培训补贴", f.course.county_code);
  Subject(ev, f);
  RegisteredOrGroup(ev, f, true);
  CompletedWithAttendance(ev, f);
  std::optional<int64_t> amount;
  if (f.course.kind == "startup") {
    ev.Check("certificate", "A3(五)2", "创业培训：结业即可申领（创业培训合格）", true,
             [&] { return std::string("创业培训"); }, "");
    amount = ev.Param("training.amount_startup");
    if (amount) ev.Step([&] { return "创业培训 标准 " + policy::FormatYuan(*amount); });
  } else {
    const bool has = !f.enrolment.cert_kind.empty();
    ev.Check("certificate", "A4(十四)", "取得职业资格证书或职业技能等级证书", has,
             [&] {
               return has ? std::string(CertKindLabel(f.enrolment.cert_kind)) + " " + LevelLabel(f.enrolment.cert_level) +
                                " " + f.enrolment.cert_on->ToString()
                          : std::string("未登记证书");
             },
             "取得证书后申领（按证书等级补贴）");
    if (has) {
      static constexpr const char* kByLevel[] = {"training.amount_level_0", "training.amount_level_1",
                                                 "training.amount_level_2", "training.amount_level_3",
                                                 "training.amount_level_4", "training.amount_level_5"};
      amount = ev.Param(kByLevel[std::clamp(f.enrolment.cert_level, 0, 5)]);
      if (amount) {
        ev.Step([&] {
          return std::string(CertKindLabel(f.enrolment.cert_kind)) + " " + LevelLabel(f.enrolment.cert_level) +
                 " 标准 " + policy::FormatYuan(*amount);
        });
      }
    }
  }
  if (auto max = ev.Param("training.max_per_year")) {
    const Date basis = f.enrolment.completed_on.value_or(on);
    ev.Check("max_per_year", "A3(五)2", "每人每年享受职业培训补贴次数不超过规定次数", f.paid_same_year < *max,
             [&] {
               return std::to_string(basis.year()) + "年已享受 " + std::to_string(f.paid_same_year) + " 次（上限 " +
                      std::to_string(*max) + " 次）";
             },
             "同一年度已享受，次年再申领");
  }
  return ev.Finish(amount.value_or(0), policy::Fund::kEmploymentSubsidy);
}

policy::Decision DecideLiving(const policy::ParameterSet& params, const SubsidyFacts& f, Date on) {
  const Ctx ctx{params, NoWorld(), on};
  Eval ev(ctx, "T2", "生活费补贴", f.course.county_code);
  Subject(ev, f);
  RegisteredOrGroup(ev, f, false);
  CompletedWithAttendance(ev, f);
  auto per_day = ev.Param("training.living_per_day_fen");
  auto max_days = ev.Param("training.living_max_days");
  int64_t amount = 0;
  if (per_day && max_days) {
    const int64_t days = std::min<int64_t>(f.enrolment.days_attended, *max_days);
    ev.Check("days_attended", "A3(五)2", "培训期间有出勤日", days > 0,
             [&] { return "出勤 " + std::to_string(f.enrolment.days_attended) + " 日"; }, "须有出勤记录");
    amount = days * *per_day;
    ev.Step([&] {
      return "出勤 " + std::to_string(f.enrolment.days_attended) + " 日，计补 " + std::to_string(days) + " 日（上限 " +
             std::to_string(*max_days) + " 日）× " + policy::FormatYuan(*per_day) + " = " + policy::FormatYuan(amount);
    });
  }
  return ev.Finish(amount, policy::Fund::kEmploymentSubsidy);
}

policy::Decision Decide(SubsidyKind k, const policy::ParameterSet& params, const SubsidyFacts& f, Date on) {
  return k == SubsidyKind::kTraining ? DecideTraining(params, f, on) : DecideLiving(params, f, on);
}

Result<SubsidyFacts> LoadFacts(store::Db& db, int64_t enrolment_id) {
  TrainingStore store(db);
  auto e = store.FindEnrolment(enrolment_id);
  if (!e) return std::unexpected(e.error());
  if (!*e) return Fail(ErrorCode::kNotFound, "没有该报名记录：" + std::to_string(enrolment_id));
  auto c = store.FindCourse((*e)->course_id);
  if (!c) return std::unexpected(c.error());
  if (!*c) return Fail(ErrorCode::kNotFound, "没有该培训课程：" + std::to_string((*e)->course_id));
  SubsidyFacts f;
  f.enrolment = **e;
  f.course = **c;
  const std::string on = f.enrolment.enrolled_on.ToString();
  auto applied = store::AppliedVersions(db);
  if (!applied) return std::unexpected(applied.error());
  // Migration 100 (services_registrations) holds the 失业登记 records.
  if (std::find(applied->begin(), applied->end(), 100) != applied->end()) {
    auto reg = db.Query(
        "SELECT COUNT(*) FROM unemployment_registrations WHERE person_id = ? AND registered_on <= ? AND "
        "(closed_on IS NULL OR closed_on > ?)",
        std::vector<Value>{f.enrolment.person_id, on, on});
    if (!reg) return std::unexpected(reg.error());
    f.registered = reg->front().Int(0) > 0;
  }
  auto groups = db.Query(
      "SELECT group_code FROM person_groups WHERE person_id = ? AND valid_from <= ? AND (valid_to IS NULL OR "
      "valid_to >= ?)",
      std::vector<Value>{f.enrolment.person_id, on, on});
  if (!groups) return std::unexpected(groups.error());
  for (const auto& r : *groups) f.groups.push_back(r.Text(0));
  if (f.enrolment.completed_on) {
    auto paid = db.Query(
        "SELECT COUNT(*) FROM training_subsidies WHERE person_id = ? AND kind = 'training' AND year = ? AND "
        "enrolment_id <> ?",
        std::vector<Value>{f.enrolment.person_id, int64_t{f.enrolment.completed_on->year()}, enrolment_id});
    if (!paid) return std::unexpected(paid.error());
    f.paid_same_year = static_cast<int>(paid->front().Int(0));
  }
  return f;
}

Result<PayResult> PaySubsidy(store::Db& db, const policy::ParameterSet& params, int64_t enrolment_id,
                             SubsidyKind kind, Date on, const std::string& actor, const std::string& now) {
  auto f = LoadFacts(db, enrolment_id);
  if (!f) return std::unexpected(f.error());
  PayResult out;
  out.decision = Decide(kind, params, *f, on);
  const policy::Decision& d = out.decision;
  if (!d.eligible) {
    out.outcome = PayOutcome::kRefused;
    return out;
  }
  const int64_t year = f->enrolment.completed_on.value_or(on).year();
  auto paid = [&]() -> Result<bool> {
    auto tx = store::Transaction::Begin(db);
    if (!tx) return std::unexpected(tx.error());
    auto sub = db.Exec(
        "INSERT INTO training_subsidies (county_code, enrolment_id, kind, person_id, course_id, amount_fen, once_key, "
        "year, decided_on, explanation, paid_by, paid_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        std::vector<Value>{f->course.county_code, enrolment_id, std::string(SubsidyKindCode(kind)),
                           f->enrolment.person_id, f->course.course_id, d.amount_fen, d.once_key, year,
                           on.ToString(), policy::ToJson(d).dump(), actor, now});
    if (!sub) return std::unexpected(sub.error());
    auto pay = db.Exec(
        "INSERT INTO policy_payments (once_key, entitlement_id, fund, amount_fen, idempotency_key, actor, created_at) "
        "VALUES (?, ?, ?, ?, NULL, ?, ?)",
        std::vector<Value>{d.once_key, enrolment_id, std::string(kFund), d.amount_fen, actor, now});
    if (!pay) return std::unexpected(pay.error());
    const std::string expense = kind == SubsidyKind::kTraining ? "职业培训补贴支出" : "生活费补贴支出";
    if (auto r = policy::PostEntries(db, "pay:" + d.once_key, d.once_key, expense + ":" + kFund,
                                     std::string("资金专户:") + kFund, d.amount_fen, now);
        !r) {
      return std::unexpected(r.error());
    }
    if (auto r = tx->Commit(); !r) return std::unexpected(r.error());
    return true;
  }();
  if (!paid) {
    if (paid.error().code != ErrorCode::kAlreadyExists) return std::unexpected(paid.error());
    out.outcome = PayOutcome::kAlreadyPaid;
    return out;
  }
  out.outcome = PayOutcome::kPaid;
  return out;
}

Result<std::vector<PaidSubsidy>> PaidSubsidies(store::Db& db, const SubsidyFilter& f) {
  std::string sql =
      "SELECT county_code, enrolment_id, person_id, course_id, kind, amount_fen, once_key, decided_on, paid_at, "
      "explanation FROM training_subsidies WHERE county_code LIKE ?";
  std::vector<Value> params = {f.region + "%"};
  if (f.person_id != 0) {
    sql += " AND person_id = ?";
    params.push_back(f.person_id);
  }
  if (f.course_id != 0) {
    sql += " AND course_id = ?";
    params.push_back(f.course_id);
  }
  sql += " ORDER BY enrolment_id, kind DESC";  // 职业培训补贴 before 生活费补贴
  auto rows = db.Query(sql, params);
  if (!rows) return std::unexpected(rows.error());
  std::vector<PaidSubsidy> out;
  for (const auto& r : *rows) {
    PaidSubsidy s;
    s.county_code = r.Text(0);
    s.enrolment_id = r.Int(1);
    s.person_id = r.Int(2);
    s.course_id = r.Int(3);
    s.kind = r.Text(4);
    s.amount_fen = r.Int(5);
    s.once_key = r.Text(6);
    s.decided_on = r.Text(7);
    s.paid_at = r.Text(8);
    s.explanation = nlohmann::json::parse(r.Text(9), nullptr, false);
    out.push_back(std::move(s));
  }
  return out;
}

nlohmann::json PaidSubsidyJson(const PaidSubsidy& s) {
  const auto kind = ParseSubsidyKind(s.kind);
  return {{"enrolment_id", s.enrolment_id},
          {"course_id", s.course_id},
          {"kind", s.kind},
          {"kind_label", kind ? std::string(SubsidyKindLabel(*kind)) : s.kind},
          {"amount_fen", s.amount_fen},
          {"decided_on", s.decided_on},
          {"paid_at", s.paid_at},
          {"explanation", s.explanation}};
}

}  // namespace qjy::training
