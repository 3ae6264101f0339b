#include "cli/services_history_cmd.h"

#include <iostream>
#include <memory>

#include "cli/registry_handle.h"
#include "services/history_gen.h"
#include "services/params.h"

namespace qjy::cli {

void AddServicesHistoryCommand(CLI::App* services, int& exit_code) {
  auto* cmd = services->add_subcommand(
      "gen-history",
      "为生成的省份数据库生成失业登记与服务的历史（季节性，可复现）/ generate a registration history");
  struct Opts {
    std::string db, from = "2023-01-01", to;
    uint64_t seed = 2023;
    double share = 0.05;
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("--db", o->db, "数据库 / database")->required();
  cmd->add_option("--from", o->from, "开始日期 / first day (default 2023-01-01)");
  cmd->add_option("--to", o->to, "截止日期 / last day")->required();
  cmd->add_option("--seed", o->seed, "随机种子 / seed");
  cmd->add_option("--yearly-share", o->share, "每年登记失业的人员比例 / yearly share of persons registering");
  cmd->callback([o, &exit_code] {
    auto run = [&]() -> Result<services::HistoryCounts> {
      auto from = Date::Parse(o->from);
      if (!from) return Fail(ErrorCode::kInvalidArgument, "--from：" + from.error().message);
      auto to = Date::Parse(o->to);
      if (!to) return Fail(ErrorCode::kInvalidArgument, "--to：" + to.error().message);
      auto h = OpenRegistry(o->db);
      if (!h) return std::unexpected(h.error());
      auto params = services::ServiceParams::LoadDefault();
      if (!params) return std::unexpected(params.error());
      auto jobs = h->registry->MaxId("job");
      if (!jobs) return std::unexpected(jobs.error());
      services::HistoryOptions opt{o->seed, *from, *to, o->share, *jobs};
      return services::GenerateHistory(*h->db, *h->registry, *params, opt, [](int64_t done, int64_t all) {
        std::cerr << "\r失业登记历史：已处理 " << done << " / " << all << " 人" << std::flush;
        if (done == all) std::cerr << "\n";
      });
    };
    auto n = run();
    if (!n) {
      std::cerr << n.error().message << "\n";
      exit_code = 1;
      return;
    }
    std::cout << "失业登记 " << n->registrations << " 条（再就业注销 " << n->reemployed << "，仍在登记 "
              << n->still_open << "），服务记录 " << n->records << " 条\n";
    exit_code = 0;
  });
}

}  // namespace qjy::cli
