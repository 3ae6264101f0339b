// qjy network station-work|station-months (issue #15, 正文（十四）,
// 附件2（三）, 附件4（四）): the monthly work of labour-cooperation stations
// (network/station_work_store.h) — jobs collected, workers placed and kept
// in work, rights cases handled — recorded per station and month, and
// listed per station or per region (the stations the region set up).
#include <iostream>
#include <map>
#include <memory>

#include <fmt/format.h>

#include "cli/cmd_support.h"
#include "cli/commands.h"
#include "cli/registry_handle.h"
#include "core/clock.h"
#include "core/refdata.h"
#include "core/regions.h"
#include "network/network_store.h"
#include "network/station_work_store.h"

namespace qjy::cli {
namespace {

struct WorkArgs {
  std::string db, actor = "cli", region = "52";
  bool replace = false;
  network::StationWorkInput in;
};

template <class Fn>
Result<void> WithWork(const std::string& db, Fn fn) {
  auto h = OpenRegistry(db);
  if (!h) return std::unexpected(h.error());
  auto regions = RegionIndex::Load(RefdataDir());
  if (!regions) return std::unexpected(regions.error());
  network::StationWorkStore work(*h->db, *regions);
  if (auto m = work.Migrate(); !m) return m;
  network::NetworkStore net(*h->db, *regions);
  return fn(work, net);
}

Result<void> Record(WorkArgs& a) {
  const Date today = TheSystemClock().TodayInChina();
  return WithWork(a.db, [&](network::StationWorkStore& work, network::NetworkStore&) -> Result<void> {
    if (a.replace) {
      if (auto r = work.Replace(a.in, today, a.actor); !r) return r;
      std::cout << fmt::format("已更正劳务协作站 {} 的 {} 工作记录（原记录已留存）\n", a.in.site_id, a.in.month);
      return {};
    }
    auto id = work.Add(a.in, today, a.actor);
    if (!id) return std::unexpected(id.error());
    std::cout << fmt::format("已登记劳务协作站 {} 的 {} 工作记录（编号 {}）\n", a.in.site_id, a.in.month, *id);
    return {};
  });
}

Result<void> List(WorkArgs& a) {
  return WithWork(a.db, [&](network::StationWorkStore& work, network::NetworkStore& net) -> Result<void> {
    auto rows = a.in.site_id != 0 ? work.ForStation(a.in.site_id) : work.List(a.region);
    if (!rows) return std::unexpected(rows.error());
    std::map<int64_t, std::string> names;
    int64_t jobs = 0, placed = 0, retained = 0, cases = 0;
    for (const auto& w : *rows) {
      auto& name = names[w.in.site_id];
      if (name.empty()) {
        auto s = net.FindSite(w.in.site_id);
        if (!s) return std::unexpected(s.error());
        name = *s ? (*s)->site.name : std::to_string(w.in.site_id);
      }
      std::cout << fmt::format("{}\t{}\t收集岗位 {}\t输出就业 {} 人\t稳岗 {} 人\t维权案件 {} 件{}\n", name, w.in.month,
                               w.in.jobs_collected, w.in.placed, w.in.retained, w.in.rights_cases,
                               w.in.note.empty() ? "" : "\t" + w.in.note);
      jobs += w.in.jobs_collected;
      placed += w.in.placed;
      retained += w.in.retained;
      cases += w.in.rights_cases;
    }
    std::cout << fmt::format("共 {} 条记录：收集岗位 {}，输出就业 {} 人，稳岗 {} 人，维权案件 {} 件\n", rows->size(), jobs,
                             placed, retained, cases);
    return {};
  });
}

}  // namespace

void AddNetworkStationCommands(CLI::App& net, int& exit_code) {
  {
    auto a = std::make_shared<WorkArgs>();
    auto* c = net.add_subcommand("station-work",
                                 "登记劳务协作站月度工作：岗位收集、输出就业、稳岗、维权（附件2（三））/ record a station's month");
    c->add_option("--db", a->db, "数据库 / database")->required();
    c->add_option("--site", a->in.site_id, "劳务协作站编号 / station site id")->required();
    c->add_option("--month", a->in.month, "月份 YYYY-MM / month")->required();
    c->add_option("--jobs", a->in.jobs_collected, "收集岗位信息数 / jobs collected")->required();
    c->add_option("--placed", a->in.placed, "输出就业人数 / workers placed")->required();
    c->add_option("--retained", a->in.retained, "稳岗人数 / workers kept in work")->required();
    c->add_option("--cases", a->in.rights_cases, "办理维权案件数 / rights cases handled")->required();
    c->add_option("--note", a->in.note, "备注 / note");
    c->add_flag("--replace", a->replace, "更正已登记的月份（保留原值）/ correct a month");
    c->add_option("--actor", a->actor, "经办人 / who records it");
    c->callback([a, &exit_code] { Run(exit_code, [&] { return Record(*a); }); });
  }
  {
    auto a = std::make_shared<WorkArgs>();
    auto* c = net.add_subcommand("station-months", "劳务协作站月度工作记录 / a station's or a region's monthly work");
    c->add_option("--db", a->db, "数据库 / database")->required();
    c->add_option("--site", a->in.site_id, "劳务协作站编号 / station site id");
    c->add_option("--region", a->region, "设站的区划代码，默认全省 / the region that set the stations up");
    c->callback([a, &exit_code] { Run(exit_code, [&] { return List(*a); }); });
  }
}

}  // namespace qjy::cli
