// qjy gig markets|demo and qjy ads screen|eval|queue|inspection (issue #6 points
// 5–6, issue #17 §3): the per-county gig-market check, demo gig
// posts/availability/bookings and demo job ads for `make run`, screening of
// an ad text, the review queue, employers for the labour inspection.
#include <chrono>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/cmd_support.h"
#include "core/clock.h"
#include "core/clause_display.h"
#include "ads/ad_desk.h"
#include "ads/labelled_set.h"
#include "ads/screener.h"
#include "cli/commands.h"
#include "cli/registry_handle.h"
#include "core/refdata.h"
#include "core/regions.h"
#include "gig/coverage.h"
#include "gig/gig_board.h"
#include "gig/gig_lookups.h"

namespace qjy::cli {
namespace {

// Today in China (UTC+8), as every command reads it.
Date GigCmdTodayInChina() { return TheSystemClock().TodayInChina(); }

Result<void> Markets(const std::string& db, const std::string& region) {
  auto h = OpenRegistry(db);
  if (!h) return std::unexpected(h.error());
  auto regions = RegionIndex::Load(RefdataDir());
  if (!regions) return std::unexpected(regions.error());
  auto target = gig::MarketTarget::LoadDefault();
  if (!target) return std::unexpected(target.error());
  gig::GigBoard board(*h->db, *h->vault);
  auto markets = board.Markets(region.substr(0, std::min<size_t>(region.size(), 6)));
  if (!markets) return std::unexpected(markets.error());
  auto rows = gig::Coverage(*regions, region, *markets, *target);
  if (rows.empty()) return Fail(ErrorCode::kInvalidArgument, "区划代码「" + region + "」下没有贵州省的县（市、区）");
  int met = 0, late = 0, missing = 0;
  std::cout << fmt::format("{}：每县至少 {} 家线上或线下零工市场，{} 前（{}）\n", target->document,
                           target->min_per_county, target->deadline.ToString(), target->clause);
  std::cout << "县代码\t县（市、区）\t市场数\t线上\t期限前建成\t达标情况\n";
  for (const auto& r : rows) {
    met += r.status == "met";
    late += r.status == "late";
    missing += r.status == "missing";
    std::cout << fmt::format("{}\t{}\t{}\t{}\t{}\t{}\n", r.county_code, r.county_name, r.markets, r.online,
                             r.by_deadline, r.status_label);
  }
  std::cout << fmt::format("合计 {} 个县：按期达标 {}，逾期建成 {}，未达标 {}\n", rows.size(), met, late, missing);
  return {};
}

// Demo data as of `date_text` (default today): gig posts over the week that
// ends on that day in every county that has a market, availability of some
// persons, a few bookings, completions of the gigs of earlier days, and job
// ads through the posting desk (some flagged, waiting for review). Nothing it
// writes lies after the as-of day: work dates, and the stamps of posts,
// bookings, completions (their flexible-employment contracts) and ads, which
// come from a clock fixed at the start of that day (08:00 in China).
Result<void> Demo(const std::string& db, uint64_t seed, const std::string& date_text) {
  auto h = OpenRegistry(db);
  if (!h) return std::unexpected(h.error());
  if (auto m = gig::GigBoard::Migrate(*h->db); !m) return m;
  if (auto m = ads::AdDesk::Migrate(*h->db); !m) return m;
  Date today = GigCmdTodayInChina();
  if (!date_text.empty()) {
    auto d = Date::Parse(date_text);
    if (!d) return Fail(ErrorCode::kInvalidArgument, "日期无效：" + date_text);
    today = *d;
  }
  const ManualClock clock(static_cast<int64_t>(today.days()) * 86400);
  std::mt19937_64 rng(seed);
  auto below = [&](uint64_t n) { return static_cast<int64_t>(rng() % n); };
  gig::GigBoard board(*h->db, *h->vault, clock);
  auto markets = board.Markets("52");
  if (!markets) return std::unexpected(markets.error());
  // One employer per county (the first registered there).
  auto employers = gig::EmployerPerCounty(*h->db, "52");
  if (!employers) return std::unexpected(employers.error());
  const std::map<std::string, std::string>& employer_of = *employers;
  static const char* kTitles[] = {"搬运装卸", "保洁", "餐厅帮厨", "建筑小工", "水电安装", "家政服务",
                                  "农产品采摘", "快递分拣", "活动布置", "仓库理货"};
  int posts = 0, avails = 0, bookings = 0, done = 0;
  std::vector<gig::GigPost> made;
  for (const auto& m : *markets) {
    auto it = employer_of.find(m.county_code);
    if (it == employer_of.end() || m.online) continue;
    for (int k = 0; k < 2; ++k) {
      gig::GigPost p;
      p.county_code = m.county_code;
      p.market_site_id = m.site_id;
      p.employer_credit_code = it->second;
      p.title = kTitles[below(std::size(kTitles))];
      p.work_date = today.AddDays(-static_cast<int>(below(7)));  // the week up to the as-of day
      p.start_min = (7 + static_cast<int>(below(4))) * 60;
      p.end_min = p.start_min + (4 + static_cast<int>(below(5))) * 60;
      p.place_region = m.county_code;
      p.pay_unit = below(3) == 0 ? gig::PayUnit::kHour : gig::PayUnit::kDay;
      p.pay_fen = p.pay_unit == gig::PayUnit::kHour ? 2000 + below(2000) : 15000 + below(15000);
      p.headcount = 1 + static_cast<int>(below(5));
      auto stored = board.Post(p, "demo");
      if (!stored) return std::unexpected(stored.error());
      made.push_back(*stored);
      ++posts;
    }
  }
  // Availability: a few persons per post's county and date, wide hours.
  for (const auto& p : made) {
    auto persons = gig::PersonsOfCounty(*h->db, p.county_code, 3, 1 + below(50));
    if (!persons) return std::unexpected(persons.error());
    for (int64_t person_id : *persons) {
      gig::Availability a;
      a.person_id = person_id;
      a.work_date = p.work_date;
      a.start_min = 6 * 60;
      a.end_min = 20 * 60;
      a.area_region = p.county_code.substr(0, 4);
      a.min_day_pay_fen = 10000 + below(5000);
      a.skills = "力气活 搬运";
      auto stored = board.AddAvailability(a);
      if (!stored) return std::unexpected(stored.error());
      ++avails;
      if (below(4) == 0) {
        auto b = board.Book(p.post_id, a.person_id, "demo");
        if (b) {
          ++bookings;
          // Only a gig of an earlier day can have been completed by the as-of day.
          if (below(2) == 0 && p.work_date < today && board.Complete(b->booking_id, "demo")) ++done;
        }
      }
    }
  }
  // Job ads through the desk: flagged ones wait for the county officer.
  auto screener = ads::Screener::LoadDefault();
  if (!screener) return std::unexpected(screener.error());
  ads::AdDesk desk(*h->db, *h->vault, *screener, clock);
  static const std::pair<const char*, const char*> kAds[] = {
      {"前台文员", "限女性，25岁以下，形象气质佳"},
      {"仓库管理员", "限男性，35周岁以下，本地户口优先"},
      {"管培生", "985/211院校毕业，第一学历为全日制本科"},
      {"食品普工", "乙肝携带者勿扰，已婚已育者优先"},
      {"焊工", "男女不限，年龄不限，持焊工证，男女宿舍分开，提供婚育礼金"},
      {"电商主播", "有直播经验优先，大专及以上学历"},
  };
  int flagged = 0, published = 0, i = 0;
  for (const auto& [county, credit] : employer_of) {
    if (i >= static_cast<int>(std::size(kAds)) * 2) break;
    const auto& [title, text] = kAds[i % std::size(kAds)];
    ++i;
    ads::JobAd ad;
    ad.job.county_code = county;
    ad.job.employer_credit_code = credit;
    ad.job.title = title;
    ad.job.occupation_code = "4-02";
    ad.job.headcount = 2;
    ad.job.wage_min_fen = 350000;
    ad.job.wage_max_fen = 550000;
    ad.job.place_region = county;
    ad.job.requirements = text;
    ad.job.open_on = today;
    auto r = desk.Post(ad, "demo");
    if (!r) return std::unexpected(r.error());
    (r->Published() ? published : flagged)++;
  }
  std::cout << fmt::format("零工岗位 {} 个，空闲登记 {} 条，预约 {} 次（完工 {} 次，记入灵活就业）；"
                           "招聘信息 {} 条直接发布，{} 条待审核\n",
                           posts, avails, bookings, done, published, flagged);
  return {};
}

Result<void> Screen(const std::string& text_arg, const std::string& file) {
  std::string text = text_arg;
  if (!file.empty()) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return Fail(ErrorCode::kIo, "无法读取文件 " + file);
    std::stringstream ss;
    ss << in.rdbuf();
    text = ss.str();
  }
  if (text.size() > 64 * 1024) return Fail(ErrorCode::kInvalidArgument, "文本过长（上限 64 KB）");
  auto screener = ads::Screener::LoadDefault();
  if (!screener) return std::unexpected(screener.error());
  // Screened as a posting's free text, like every channel (web, import): the
  // pay the text states is compared with the simple-work ceiling too.
  ads::JobAd ad;
  ad.job.requirements = text;
  auto findings = screener->Screen(ad);
  if (findings.empty()) {
    std::cout << "未发现歧视性或欺诈性内容\n";
    return {};
  }
  for (const auto& f : findings) {
    std::cout << fmt::format("【{}】“{}” 违反 {}；建议：{}\n", f.label, f.matched, DisplayClause(f.clause), f.suggestion);
  }
  std::cout << screener->Warning(findings) << "\n";
  return {};
}

// qjy ads eval: the screener's precision and recall on a labelled set
// (ads/labelled_set.h), per kind, and with --misses every ad judged wrong.
Result<void> Eval(const std::string& file, bool misses) {
  auto set = ads::LoadLabelledSet(file);
  if (!set) return std::unexpected(set.error());
  auto screener = ads::Screener::LoadDefault();
  if (!screener) return std::unexpected(screener.error());
  const ads::SetEvaluation e = ads::EvaluateSet(*screener, *set);
  std::cout << fmt::format("{}：{} 条招聘信息，{} 条判断有误\n", file, e.ads, e.errors.size());
  for (auto [name, t] : {std::pair{"就业歧视 discrimination", e.discrimination}, {"虚假欺诈 fraud", e.fraud},
                         {"任一 any", e.any}}) {
    std::cout << fmt::format("  {}：精确率 precision {:.3f}，召回率 recall {:.3f}（tp {} fp {} fn {}）\n", name,
                             t.Precision(), t.Recall(), t.tp, t.fp, t.fn);
  }
  if (!misses) return {};
  auto kinds = [](bool d, bool f) {
    return std::string(d && f ? "歧视+欺诈" : d ? "歧视" : f ? "欺诈" : "无");
  };
  for (const ads::SetError& x : e.errors) {
    std::cout << fmt::format("--- {} 标注：{}；筛查：{}\n{}\n", x.ad->id, kinds(x.ad->discrimination, x.ad->fraud),
                             kinds(x.got_discrimination, x.got_fraud), x.ad->text);
    for (const std::string& f : x.found) std::cout << "  【" << f << "】\n";
  }
  return {};
}

Result<void> Queue(const std::string& db, const std::string& region) {
  auto h = OpenRegistry(db);
  if (!h) return std::unexpected(h.error());
  if (auto m = ads::AdDesk::Migrate(*h->db); !m) return m;
  auto screener = ads::Screener::LoadDefault();
  if (!screener) return std::unexpected(screener.error());
  ads::AdDesk desk(*h->db, *h->vault, *screener);
  ads::AdFilter f;
  f.region_prefix = region;
  f.status = "pending";
  f.limit = 200;
  auto list = desk.List(f);
  if (!list) return std::unexpected(list.error());
  std::cout << "编号\t县\t单位\t岗位\t问题\n";
  for (const auto& r : *list) {
    std::string issues;
    for (const auto& x : r.findings) issues += fmt::format("{}“{}” ", x.label, x.matched);
    std::cout << fmt::format("{}\t{}\t{}\t{}\t{}\n", r.ad_id, r.county_code, r.employer_credit_code,
                             r.ad.job.title, issues);
  }
  std::cout << fmt::format("待审核 {} 条\n", list->size());
  return {};
}

// Employers whose ads in the region were repeatedly held (pending or
// rejected), with the ads as evidence (main(十七)(十八)).
Result<void> Inspection(const std::string& db, const std::string& region, int min_held) {
  auto h = OpenRegistry(db);
  if (!h) return std::unexpected(h.error());
  if (auto m = ads::AdDesk::Migrate(*h->db); !m) return m;
  auto screener = ads::Screener::LoadDefault();
  if (!screener) return std::unexpected(screener.error());
  if (min_held <= 0) min_held = screener->inspection_min_held();
  ads::AdDesk desk(*h->db, *h->vault, *screener);
  auto list = desk.InspectionList(region, min_held);
  if (!list) return std::unexpected(list.error());
  std::cout << fmt::format("招聘信息多次被暂扣的用人单位（区划 {}，至少 {} 条待审核或已驳回），"
                           "提请劳动保障监察（正文（十八））\n",
                           region, min_held);
  for (const auto& c : *list) {
    auto emp = h->registry->FindEmployer(c.employer_credit_code);
    std::string name = emp && *emp ? (*emp)->name : std::string("（未登记）");
    std::cout << fmt::format("\n{} {}：{} 条（待审核 {}，已驳回 {}）；问题：{}\n", c.employer_credit_code,
                             name, c.held, c.pending, c.rejected, fmt::join(c.categories, "、"));
    for (const auto& a : c.ads) {
      std::string issues;
      for (const auto& x : a.findings) issues += fmt::format("{}“{}” ", x.label, x.matched);
      std::cout << fmt::format("  #{} {} {} {} {}\n", a.ad_id, a.posted_at, a.status == "pending" ? "待审核" : "已驳回",
                               a.ad.job.title, issues);
    }
  }
  std::cout << fmt::format("共 {} 家\n", list->size());
  return {};
}

}  // namespace

void AddGigCommands(CLI::App& app, int& exit_code) {
  auto* gig = app.add_subcommand("gig", "零工市场：达标核查、演示数据 / gig markets");
  gig->require_subcommand(1);
  {
    auto o = std::make_shared<std::pair<std::string, std::string>>("", "52");
    auto* c = gig->add_subcommand("markets", "各县零工市场达标情况（附件4（十六））/ per-county gig-market check");
    c->add_option("--db", o->first, "数据库（SQLite 路径或 postgresql:// URL）/ database")->required();
    c->add_option("--region", o->second, "区划代码，默认全省 / region code (default 52)");
    c->callback([o, &exit_code] { Run(exit_code, [&] { return Markets(o->first, o->second); }); });
  }
  {
    struct Opts {
      std::string db, date;
      uint64_t seed = 2023;
    };
    auto o = std::make_shared<Opts>();
    auto* c = gig->add_subcommand("demo", "生成演示零工岗位、空闲登记、预约和招聘信息 / demo gig and ad data");
    c->add_option("--db", o->db, "数据库 / database")->required();
    c->add_option("--seed", o->seed, "随机种子 / seed");
    c->add_option("--date", o->date,
                 "演示数据截至日期（岗位在此前一周内），默认今天 / as-of date: posts in the week up to it (default today, UTC+8)");
    c->callback([o, &exit_code] { Run(exit_code, [&] { return Demo(o->db, o->seed, o->date); }); });
  }
  auto* ads_cmd = app.add_subcommand("ads", "招聘信息就业歧视筛查与审核 / job-ad screening and review");
  ads_cmd->require_subcommand(1);
  {
    auto o = std::make_shared<std::pair<std::string, std::string>>();
    auto* c = ads_cmd->add_subcommand("screen", "筛查一段招聘文字 / screen an ad text");
    c->add_option("--text", o->first, "招聘文字 / the text");
    c->add_option("--file", o->second, "或从文件读取（UTF-8）/ or a UTF-8 file");
    c->callback([o, &exit_code] { Run(exit_code, [&] { return Screen(o->first, o->second); }); });
  }
  {
    auto o = std::make_shared<std::pair<std::string, bool>>("", false);
    auto* c = ads_cmd->add_subcommand(
        "eval", "在已标注的招聘信息集上测筛查的精确率和召回率 / precision and recall on a labelled set");
    c->add_option("--file", o->first, "YAML 列表，每项含 id、text、labels / a YAML list of id, text, labels")
        ->required();
    c->add_flag("--misses", o->second, "列出判断有误的每一条 / list every ad judged wrong");
    c->callback([o, &exit_code] { Run(exit_code, [&] { return Eval(o->first, o->second); }); });
  }
  {
    auto o = std::make_shared<std::pair<std::string, std::string>>("", "52");
    auto* c = ads_cmd->add_subcommand("queue", "待审核招聘信息 / the review queue");
    c->add_option("--db", o->first, "数据库 / database")->required();
    c->add_option("--region", o->second, "区划代码 / region code");
    c->callback([o, &exit_code] { Run(exit_code, [&] { return Queue(o->first, o->second); }); });
  }
  {
    struct Opts {
      std::string db, region = "52";
      int min_held = 0;
    };
    auto o = std::make_shared<Opts>();
    auto* c = ads_cmd->add_subcommand(
        "inspection", "招聘信息多次被暂扣的用人单位及证据，供劳动保障监察 / employers for the labour inspection");
    c->add_option("--db", o->db, "数据库 / database")->required();
    c->add_option("--region", o->region, "区划代码，默认全省 / region code (default 52)");
    c->add_option("--min", o->min_held, "至少几条（默认取 screening.yaml 的 inspection.min_held_ads）/ threshold");
    c->callback([o, &exit_code] {
      Run(exit_code, [&] { return Inspection(o->db, o->region, o->min_held); });
    });
  }
}

}  // namespace qjy::cli
