// qjy training providers|courses|enrol|withdraw|attend|complete|certify|pay|list|demo
// (issue #16 §2): training providers and courses, enrolment with the
// capacity held, attendance, completion by the attendance share, the
// certificate, and 职业培训补贴 / 生活费补贴 decided with explanations and
// paid once through the policy ledger (training/subsidy.h).
#include <ctime>
#include <iostream>
#include <memory>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "auth/clock.h"
#include "cli/cmd_support.h"
#include "cli/commands.h"
#include "cli/registry_handle.h"
#include "policy/decision.h"
#include "policy/params.h"
#include "policy/policy_dir.h"
#include "training/demo.h"
#include "training/subsidy.h"
#include "training/training_stats.h"
#include "training/training_store.h"

namespace qjy::cli {
namespace {

struct TrainingCmdCommon {
  std::string db, params;
  bool json = false;
};

void TrainingCmdAddCommon(CLI::App* cmd, TrainingCmdCommon& c) {
  cmd->add_option("--db", c.db, "数据库（SQLite 路径或 postgresql:// URL）/ database")->required();
  cmd->add_option("--params", c.params, "参数目录（默认 policy/params）/ parameter directory");
  cmd->add_flag("--json", c.json, "输出 JSON / print JSON");
}

struct TrainingCmdOpened {
  RegistryHandle handle;
  std::unique_ptr<policy::ParameterSet> params;
  std::unique_ptr<training::TrainingStore> store;
};

Result<TrainingCmdOpened> TrainingCmdOpen(const TrainingCmdCommon& c) {
  auto h = OpenRegistry(c.db);
  if (!h) return std::unexpected(h.error());
  auto p = policy::ParameterSet::LoadDir(c.params.empty() ? policy::DefaultParamsDir()
                                                          : std::filesystem::path(c.params));
  if (!p) return std::unexpected(p.error());
  TrainingCmdOpened o{std::move(*h), std::make_unique<policy::ParameterSet>(std::move(*p)), nullptr};
  o.store = std::make_unique<training::TrainingStore>(*o.handle.db);
  if (auto m = o.store->Migrate(); !m) return std::unexpected(m.error());
  return o;
}

std::string Pct(int64_t part, int64_t whole) {
  if (whole == 0) return "—";
  return fmt::format("{:.1f}%", 100.0 * static_cast<double>(part) / static_cast<double>(whole));
}

void PrintEnrolment(const training::Enrolment& e) {
  std::cout << fmt::format("报名 {}　{}（{}）　课程 {}「{}」　报名日 {}　{}　出勤 {} 学时 / {} 日{}\n", e.enrolment_id,
                           e.name, e.id_masked, e.course_id, e.course_title, e.enrolled_on.ToString(),
                           training::EnrolmentStatusLabel(e.status), e.hours_attended, e.days_attended,
                           e.completed_on ? "　结业 " + e.completed_on->ToString() : "");
  if (!e.cert_kind.empty()) {
    std::cout << fmt::format("  证书：{} {} {} 发证 {}\n", training::CertKindLabel(e.cert_kind),
                             training::LevelLabel(e.cert_level), e.cert_no, e.cert_on->ToString());
  }
}

void PrintCourse(const training::Course& c) {
  std::cout << fmt::format("课程 {}　{}　{}　职业 {}　{}　{} 学时　{} 至 {}　地点 {}　名额 {}/{}　机构：{}\n",
                           c.course_id, c.title, training::KindLabel(c.kind), c.occupation_code,
                           training::LevelLabel(c.level), c.hours, c.start_on.ToString(), c.end_on.ToString(),
                           c.place_region, c.enrolled, c.capacity, c.provider_name);
}

}  // namespace

void AddTrainingCommands(CLI::App& app, int& exit_code) {
  auto* tr = app.add_subcommand(
      "training", "职业培训：机构、课程、报名、考勤、结业、证书、培训补贴（附件3（五）2、正文（十））/ vocational training");
  tr->require_subcommand(1);

  // qjy training providers
  {
    auto* cmd = tr->add_subcommand("providers", "培训机构：列出，或用 --add 登记 / list or add training providers");
    auto c = std::make_shared<TrainingCmdCommon>();
    auto p = std::make_shared<training::Provider>();
    auto region = std::make_shared<std::string>("52");
    auto add = std::make_shared<bool>(false);
    TrainingCmdAddCommon(cmd, *c);
    cmd->add_flag("--add", *add, "登记新机构 / add a provider");
    cmd->add_option("--county", p->county_code, "机构所在县代码 / county code");
    cmd->add_option("--name", p->name, "机构名称 / name");
    cmd->add_option("--credit-code", p->credit_code, "统一社会信用代码 / credit code");
    cmd->add_option("--address", p->address, "地址 / address");
    cmd->add_option("--region", *region, "辖区代码前缀（列出时）/ region prefix");
    cmd->callback([c, p, region, add, &exit_code] {
      Run(exit_code, [&]() -> Result<void> {
        auto o = TrainingCmdOpen(*c);
        if (!o) return std::unexpected(o.error());
        if (*add) {
          auto r = o->store->AddProvider(*p, Actor());
          if (!r) return std::unexpected(r.error());
          if (c->json) {
            std::cout << training::ProviderJson(*r).dump(2) << "\n";
          } else {
            std::cout << "已登记培训机构 " << r->provider_id << "　" << r->name << "（" << r->county_code << "）\n";
          }
          return {};
        }
        auto list = o->store->Providers(*region);
        if (!list) return std::unexpected(list.error());
        nlohmann::json out = nlohmann::json::array();
        for (const auto& x : *list) {
          if (c->json) {
            out.push_back(training::ProviderJson(x));
          } else {
            std::cout << x.provider_id << "　" << x.name << "　" << x.county_code << "\n";
          }
        }
        if (c->json) std::cout << out.dump(2) << "\n";
        return {};
      });
    });
  }

  // qjy training courses
  {
    auto* cmd = tr->add_subcommand(
        "courses", "培训课程：列出（含报名、结业、取证、就业人数），或用 --add 开设 / list or add courses");
    auto c = std::make_shared<TrainingCmdCommon>();
    auto in = std::make_shared<training::Course>();
    auto from = std::make_shared<std::string>();
    auto to = std::make_shared<std::string>();
    auto region = std::make_shared<std::string>("52");
    auto add = std::make_shared<bool>(false);
    TrainingCmdAddCommon(cmd, *c);
    cmd->add_flag("--add", *add, "开设新课程 / add a course");
    cmd->add_option("--provider", in->provider_id, "培训机构编号 / provider id");
    cmd->add_option("--title", in->title, "课程名称 / title");
    cmd->add_option("--occupation", in->occupation_code, "职业编码（2022 年版大典，如 6-18-02-04）/ occupation code");
    cmd->add_option("--level", in->level, "等级：5（五级）…1（一级），0 未分级 / level");
    cmd->add_option("--kind", in->kind, "就业技能培训 | 岗位技能提升培训 | 订单式·定向培训 | 创业培训");
    cmd->add_option("--hours", in->hours, "学时 / hours");
    cmd->add_option("--from", *from, "开始日期 YYYY-MM-DD / first day");
    cmd->add_option("--to", *to, "结束日期 YYYY-MM-DD / last day");
    cmd->add_option("--place", in->place_region, "培训地点区划代码 / place");
    cmd->add_option("--capacity", in->capacity, "名额 / capacity");
    cmd->add_option("--region", *region, "辖区代码前缀（列出时）/ region prefix");
    cmd->callback([c, in, from, to, region, add, &exit_code] {
      Run(exit_code, [&]() -> Result<void> {
        auto o = TrainingCmdOpen(*c);
        if (!o) return std::unexpected(o.error());
        if (*add) {
          auto f = ParseDate(*from, "--from");
          if (!f) return std::unexpected(f.error());
          auto t = ParseDate(*to, "--to");
          if (!t) return std::unexpected(t.error());
          training::Course course = *in;
          course.start_on = *f;
          course.end_on = *t;
          auto r = o->store->AddCourse(course, Actor());
          if (!r) return std::unexpected(r.error());
          if (c->json) {
            std::cout << training::CourseJson(*r).dump(2) << "\n";
          } else {
            std::cout << "已开设 ";
            PrintCourse(*r);
          }
          return {};
        }
        auto stats = training::CourseStatsOf(*o->handle.db, *o->params, *region);
        if (!stats) return std::unexpected(stats.error());
        nlohmann::json out = nlohmann::json::array();
        for (const auto& s : *stats) {
          if (c->json) {
            out.push_back(training::CourseStatsJson(s));
            continue;
          }
          PrintCourse(s.course);
          std::cout << fmt::format("  报名 {}　结业 {}（{}）　取证 {}（{}）　培训后就业 {}（{}）　已付补贴 {}\n", s.enrolled,
                                   s.completed, Pct(s.completed, s.enrolled), s.certified, Pct(s.certified, s.completed),
                                   s.employed, Pct(s.employed, s.completed), policy::FormatYuan(s.subsidy_fen));
        }
        if (c->json) std::cout << out.dump(2) << "\n";
        return {};
      });
    });
  }

  // qjy training enrol
  {
    auto* cmd = tr->add_subcommand("enrol", "报名（名额已满或重复报名不予受理）/ enrol a person");
    auto c = std::make_shared<TrainingCmdCommon>();
    auto course = std::make_shared<int64_t>(0);
    auto person = std::make_shared<int64_t>(0);
    auto on = std::make_shared<std::string>();
    TrainingCmdAddCommon(cmd, *c);
    cmd->add_option("--course", *course, "课程编号 / course id")->required();
    cmd->add_option("--person", *person, "人员编号 / person id")->required();
    cmd->add_option("--on", *on, "报名日期 YYYY-MM-DD / date")->required();
    cmd->callback([c, course, person, on, &exit_code] {
      Run(exit_code, [&]() -> Result<void> {
        auto d = ParseDate(*on, "--on");
        if (!d) return std::unexpected(d.error());
        auto o = TrainingCmdOpen(*c);
        if (!o) return std::unexpected(o.error());
        auto e = o->store->Enrol(*course, *person, *d, Actor());
        if (!e) return std::unexpected(e.error());
        if (c->json) {
          std::cout << training::EnrolmentJson(*e).dump(2) << "\n";
        } else {
          std::cout << "已报名 ";
          PrintEnrolment(*e);
        }
        return {};
      });
    });
  }

  // qjy training attend
  {
    auto* cmd = tr->add_subcommand("attend", "记考勤：某日出勤学时 / record a day's attendance");
    auto c = std::make_shared<TrainingCmdCommon>();
    auto enrolment = std::make_shared<int64_t>(0);
    auto on = std::make_shared<std::string>();
    auto hours = std::make_shared<int>(0);
    auto days = std::make_shared<int>(1);
    TrainingCmdAddCommon(cmd, *c);
    cmd->add_option("--enrolment", *enrolment, "报名编号 / enrolment id")->required();
    cmd->add_option("--on", *on, "出勤日期 YYYY-MM-DD / date")->required();
    cmd->add_option("--hours", *hours, "当日学时 / hours that day")->required();
    cmd->add_option("--days", *days, "自该日起连续记的天数（默认 1）/ consecutive days");
    cmd->callback([c, enrolment, on, hours, days, &exit_code] {
      Run(exit_code, [&]() -> Result<void> {
        auto d = ParseDate(*on, "--on");
        if (!d) return std::unexpected(d.error());
        if (*days < 1 || *days > 366) return Fail(ErrorCode::kInvalidArgument, "--days：须在 1 至 366 之间");
        auto o = TrainingCmdOpen(*c);
        if (!o) return std::unexpected(o.error());
        Result<training::Enrolment> e = Fail(ErrorCode::kInternal, "");
        for (int i = 0; i < *days; ++i) {
          e = o->store->Attend(*enrolment, d->AddDays(i), *hours, Actor());
          if (!e) return std::unexpected(e.error());
        }
        if (c->json) {
          std::cout << training::EnrolmentJson(*e).dump(2) << "\n";
        } else {
          PrintEnrolment(*e);
        }
        return {};
      });
    });
  }

  // qjy training complete
  {
    auto* cmd = tr->add_subcommand("complete", "结业（出勤须达到规定比例）/ complete an enrolment");
    auto c = std::make_shared<TrainingCmdCommon>();
    auto enrolment = std::make_shared<int64_t>(0);
    auto on = std::make_shared<std::string>();
    TrainingCmdAddCommon(cmd, *c);
    cmd->add_option("--enrolment", *enrolment, "报名编号 / enrolment id")->required();
    cmd->add_option("--on", *on, "结业日期 YYYY-MM-DD / date")->required();
    cmd->callback([c, enrolment, on, &exit_code] {
      Run(exit_code, [&]() -> Result<void> {
        auto d = ParseDate(*on, "--on");
        if (!d) return std::unexpected(d.error());
        auto o = TrainingCmdOpen(*c);
        if (!o) return std::unexpected(o.error());
        auto e = o->store->Complete(*enrolment, *d, *o->params, Actor());
        if (!e) return std::unexpected(e.error());
        if (c->json) {
          std::cout << training::EnrolmentJson(*e).dump(2) << "\n";
        } else {
          std::cout << "已结业 ";
          PrintEnrolment(*e);
        }
        return {};
      });
    });
  }

  // qjy training withdraw
  {
    auto* cmd = tr->add_subcommand("withdraw", "退出培训（须写原因；名额释放，此后不发补贴）/ withdraw from a course");
    auto c = std::make_shared<TrainingCmdCommon>();
    auto enrolment = std::make_shared<int64_t>(0);
    auto on = std::make_shared<std::string>();
    auto reason = std::make_shared<std::string>();
    TrainingCmdAddCommon(cmd, *c);
    cmd->add_option("--enrolment", *enrolment, "报名编号 / enrolment id")->required();
    cmd->add_option("--on", *on, "退出日期 YYYY-MM-DD / date")->required();
    cmd->add_option("--reason", *reason, "退出原因 / reason")->required();
    cmd->callback([c, enrolment, on, reason, &exit_code] {
      Run(exit_code, [&]() -> Result<void> {
        auto d = ParseDate(*on, "--on");
        if (!d) return std::unexpected(d.error());
        auto o = TrainingCmdOpen(*c);
        if (!o) return std::unexpected(o.error());
        auto e = o->store->Withdraw(*enrolment, *d, *reason, Actor());
        if (!e) return std::unexpected(e.error());
        if (c->json) {
          std::cout << training::EnrolmentJson(*e).dump(2) << "\n";
        } else {
          std::cout << "已退出 ";
          PrintEnrolment(*e);
        }
        return {};
      });
    });
  }

  // qjy training certify
  {
    auto* cmd = tr->add_subcommand("certify", "登记结业后取得的证书 / record the certificate obtained");
    auto c = std::make_shared<TrainingCmdCommon>();
    auto enrolment = std::make_shared<int64_t>(0);
    auto kind = std::make_shared<std::string>();
    auto level = std::make_shared<int>(0);
    auto on = std::make_shared<std::string>();
    auto number = std::make_shared<std::string>();
    TrainingCmdAddCommon(cmd, *c);
    cmd->add_option("--enrolment", *enrolment, "报名编号 / enrolment id")->required();
    cmd->add_option("--kind", *kind, "职业资格证书 | 职业技能等级证书")->required();
    cmd->add_option("--level", *level, "等级：5（五级）…1（一级），职业资格证书可为 0 / level")->required();
    cmd->add_option("--on", *on, "发证日期 YYYY-MM-DD / issued on")->required();
    cmd->add_option("--number", *number, "证书编号 / certificate number");
    cmd->callback([c, enrolment, kind, level, on, number, &exit_code] {
      Run(exit_code, [&]() -> Result<void> {
        auto d = ParseDate(*on, "--on");
        if (!d) return std::unexpected(d.error());
        auto o = TrainingCmdOpen(*c);
        if (!o) return std::unexpected(o.error());
        auto e = o->store->Certify(*enrolment, *kind, *level, *d, *number, Actor());
        if (!e) return std::unexpected(e.error());
        if (c->json) {
          std::cout << training::EnrolmentJson(*e).dump(2) << "\n";
        } else {
          PrintEnrolment(*e);
        }
        return {};
      });
    });
  }

  // qjy training pay
  {
    auto* cmd = tr->add_subcommand(
        "pay", "判定并发放职业培训补贴、生活费补贴（每笔只付一次；--explain 只判定）/ decide and pay subsidies");
    auto c = std::make_shared<TrainingCmdCommon>();
    auto enrolment = std::make_shared<int64_t>(0);
    auto course = std::make_shared<int64_t>(0);
    auto kind = std::make_shared<std::string>("all");
    auto on = std::make_shared<std::string>();
    auto explain = std::make_shared<bool>(false);
    TrainingCmdAddCommon(cmd, *c);
    cmd->add_option("--enrolment", *enrolment, "报名编号 / enrolment id");
    cmd->add_option("--course", *course, "课程编号：该课程全部已结业报名 / every completed enrolment of a course");
    cmd->add_option("--kind", *kind, "职业培训补贴 | 生活费补贴 | all（默认两项）");
    cmd->add_option("--on", *on, "决定日期 YYYY-MM-DD / decision date")->required();
    cmd->add_flag("--explain", *explain, "只判定并说明，不发放 / decide only");
    cmd->callback([c, enrolment, course, kind, on, explain, &exit_code] {
      Run(exit_code, [&]() -> Result<void> {
        auto d = ParseDate(*on, "--on");
        if (!d) return std::unexpected(d.error());
        std::vector<training::SubsidyKind> kinds;
        if (*kind == "all") {
          kinds = {training::SubsidyKind::kTraining, training::SubsidyKind::kLiving};
        } else if (auto k = training::ParseSubsidyKind(*kind)) {
          kinds = {*k};
        } else {
          return Fail(ErrorCode::kInvalidArgument, "--kind：「" + *kind + "」不是职业培训补贴、生活费补贴或 all");
        }
        if ((*enrolment == 0) == (*course == 0)) {
          return Fail(ErrorCode::kInvalidArgument, "须给出 --enrolment 或 --course 之一");
        }
        auto o = TrainingCmdOpen(*c);
        if (!o) return std::unexpected(o.error());
        std::vector<int64_t> ids;
        if (*enrolment != 0) {
          ids.push_back(*enrolment);
        } else {
          training::EnrolmentFilter f;
          f.course_id = *course;
          auto list = o->store->Enrolments(f);
          if (!list) return std::unexpected(list.error());
          for (const auto& e : *list) {
            if (e.status == "completed") ids.push_back(e.enrolment_id);
          }
        }
        const std::string now = auth::IsoUtc(std::time(nullptr));
        nlohmann::json out = nlohmann::json::array();
        int64_t paid = 0, paid_fen = 0, already = 0, refused = 0;
        for (int64_t id : ids) {
          for (auto k : kinds) {
            policy::Decision dec;
            std::string outcome;
            if (*explain) {
              auto f = training::LoadFacts(*o->handle.db, id);
              if (!f) return std::unexpected(f.error());
              dec = training::Decide(k, *o->params, *f, *d);
              outcome = dec.eligible ? "eligible" : "refused";
            } else {
              auto r = training::PaySubsidy(*o->handle.db, *o->params, id, k, *d, Actor(), now);
              if (!r) return std::unexpected(r.error());
              dec = r->decision;
              outcome = r->outcome == training::PayOutcome::kPaid          ? "paid"
                        : r->outcome == training::PayOutcome::kAlreadyPaid ? "already_paid"
                                                                           : "refused";
            }
            paid += outcome == "paid";
            paid_fen += outcome == "paid" ? dec.amount_fen : 0;
            already += outcome == "already_paid";
            refused += outcome == "refused";
            if (c->json) {
              out.push_back({{"enrolment_id", id}, {"outcome", outcome}, {"decision", policy::ToJson(dec)}});
              continue;
            }
            const char* label = outcome == "paid"           ? "已发放"
                                : outcome == "already_paid" ? "此前已发放，本次不再支付"
                                : outcome == "eligible"     ? "符合条件（未发放）"
                                                            : "不予发放";
            std::cout << fmt::format("报名 {}　{}：{}\n", id, training::SubsidyKindLabel(k), label);
            std::cout << policy::ToText(dec) << "\n";
          }
        }
        if (c->json) {
          std::cout << out.dump(2) << "\n";
        } else if (!*explain) {
          std::cout << fmt::format("合计：发放 {} 笔 {}；此前已发 {} 笔；不予发放 {} 笔\n", paid,
                                   policy::FormatYuan(paid_fen), already, refused);
        }
        return {};
      });
    });
  }

  // qjy training demo
  {
    auto* cmd = tr->add_subcommand("demo", "生成演示培训数据（机构、课程、报名、考勤、结业、证书、补贴）/ demo training data");
    auto c = std::make_shared<TrainingCmdCommon>();
    auto seed = std::make_shared<uint64_t>(2023);
    auto as_of = std::make_shared<std::string>();
    auto counties = std::make_shared<int>(5);
    TrainingCmdAddCommon(cmd, *c);
    cmd->add_option("--seed", *seed, "随机种子 / seed");
    cmd->add_option("--as-of", *as_of, "演示数据的“今天” YYYY-MM-DD / reference date")->required();
    cmd->add_option("--counties", *counties, "县数（人员最多的县）/ number of counties");
    cmd->callback([c, seed, as_of, counties, &exit_code] {
      Run(exit_code, [&]() -> Result<void> {
        auto d = ParseDate(*as_of, "--as-of");
        if (!d) return std::unexpected(d.error());
        auto o = TrainingCmdOpen(*c);
        if (!o) return std::unexpected(o.error());
        auto r = training::GenerateDemo(*o->handle.db, *o->params, *seed, *d, *counties);
        if (!r) return std::unexpected(r.error());
        std::cout << fmt::format("演示培训数据：机构 {}，课程 {}，报名 {}，结业 {}，取证 {}，补贴 {} 笔 {}\n", r->providers,
                                 r->courses, r->enrolments, r->completed, r->certified, r->payments,
                                 policy::FormatYuan(r->paid_fen));
        return {};
      });
    });
  }

  // qjy training list
  {
    auto* cmd = tr->add_subcommand("list", "报名与结业、证书、补贴情况 / list enrolments");
    auto c = std::make_shared<TrainingCmdCommon>();
    auto f = std::make_shared<training::EnrolmentFilter>();
    f->region = "52";
    TrainingCmdAddCommon(cmd, *c);
    cmd->add_option("--course", f->course_id, "课程编号 / course id");
    cmd->add_option("--person", f->person_id, "人员编号 / person id");
    cmd->add_option("--region", f->region, "辖区代码前缀 / region prefix");
    cmd->callback([c, f, &exit_code] {
      Run(exit_code, [&]() -> Result<void> {
        auto o = TrainingCmdOpen(*c);
        if (!o) return std::unexpected(o.error());
        training::SubsidyFilter sf;
        sf.region = f->region;
        sf.course_id = f->course_id;
        sf.person_id = f->person_id;
        auto subs = training::PaidSubsidies(*o->handle.db, sf);
        if (!subs) return std::unexpected(subs.error());
        auto employed = training::EmployedAfterTraining(*o->handle.db, *o->params, f->region, f->course_id);
        if (!employed) return std::unexpected(employed.error());
        training::EnrolmentFilter page = *f;
        nlohmann::json out = nlohmann::json::array();
        for (;;) {
          auto list = o->store->Enrolments(page);
          if (!list) return std::unexpected(list.error());
          if (list->empty()) break;
          for (const auto& e : *list) {
            nlohmann::json j = training::EnrolmentJson(e);
            j["employed_after"] = employed->contains(e.enrolment_id);
            nlohmann::json paid = nlohmann::json::array();
            for (const auto& s : *subs) {
              if (s.enrolment_id == e.enrolment_id) paid.push_back(training::PaidSubsidyJson(s));
            }
            if (c->json) {
              j["subsidies"] = paid;
              out.push_back(std::move(j));
              continue;
            }
            PrintEnrolment(e);
            if (employed->contains(e.enrolment_id)) std::cout << "  培训后已就业\n";
            for (const auto& s : paid) {
              std::cout << "  " << s["kind_label"].get<std::string>() << " "
                        << policy::FormatYuan(s["amount_fen"].get<int64_t>()) << "（" << s["decided_on"].get<std::string>()
                        << "）\n";
            }
          }
          page.after_id = list->back().enrolment_id;
        }
        if (c->json) std::cout << out.dump(2) << "\n";
        return {};
      });
    });
  }
}

}  // namespace qjy::cli
