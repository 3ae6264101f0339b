// qjy network add-base|edit-base|bases (issue #15, 附件2（一）): the 粤黔
// “一县一企”“一县多企” employment bases kept by county officials
// (network/base_store.h), with the Guizhou workers each employs.
#include <functional>
#include <iostream>
#include <memory>
#include <tuple>

#include <fmt/format.h>

#include "cli/cmd_support.h"
#include "cli/commands.h"
#include "cli/registry_handle.h"
#include "core/clock.h"
#include "core/refdata.h"
#include "core/regions.h"
#include "network/base_store.h"

namespace qjy::cli {
namespace {

struct BaseArgs {
  std::string db, actor = "cli", signed_on, closed_on, as_of;
  int64_t id = 0, posts = -1, workers = -1;
  network::BaseInput in;
};

Result<std::optional<Date>> DateArg(const std::string& text, std::string_view field) {
  if (text.empty()) return std::optional<Date>();
  auto d = Date::Parse(text);
  if (!d) return Fail(ErrorCode::kInvalidArgument, fmt::format("{}：「{}」不是有效日期（YYYY-MM-DD）", field, text));
  return std::optional<Date>(*d);
}

Result<void> WithBases(const std::string& db, const std::function<Result<void>(network::BaseStore&, const RegionIndex&)>& fn) {
  auto h = OpenRegistry(db);
  if (!h) return std::unexpected(h.error());
  auto regions = RegionIndex::Load(RefdataDir());
  if (!regions) return std::unexpected(regions.error());
  network::BaseStore bases(*h->db, *regions);
  if (auto m = bases.Migrate(); !m) return m;
  return fn(bases, *regions);
}

Result<void> SaveBase(BaseArgs& a) {
  for (auto [text, field, out] : {std::tuple{&a.signed_on, "签约日期", &a.in.signed_on},
                                  std::tuple{&a.closed_on, "终止日期", &a.in.closed_on},
                                  std::tuple{&a.as_of, "人数统计日期", &a.in.workers_as_of}}) {
    auto d = DateArg(*text, field);
    if (!d) return std::unexpected(d.error());
    *out = *d;
  }
  if (a.posts >= 0) a.in.posts_offered = a.posts;
  if (a.workers >= 0) a.in.workers_entered = a.workers;
  const Date today = TheSystemClock().TodayInChina();
  return WithBases(a.db, [&](network::BaseStore& bases, const RegionIndex&) -> Result<void> {
    if (a.id == 0) {
      auto id = bases.Add(a.in, today, a.actor);
      if (!id) return std::unexpected(id.error());
      std::cout << fmt::format("已登记稳岗就业基地 {}：{}\n", *id, a.in.name);
      return {};
    }
    if (auto r = bases.Edit(a.id, a.in, today, a.actor); !r) return r;
    std::cout << fmt::format("已修改稳岗就业基地 {}：{}\n", a.id, a.in.name);
    return {};
  });
}

Result<void> ListBases(const std::string& db, const std::string& region, const std::string& on) {
  auto day = DateArg(on, "--on");
  if (!day) return std::unexpected(day.error());
  const Date d = day->value_or(TheSystemClock().TodayInChina());
  return WithBases(db, [&](network::BaseStore& bases, const RegionIndex& regions) -> Result<void> {
    auto list = bases.List(region);
    if (!list) return std::unexpected(list.error());
    for (const auto& b : *list) {
      auto w = bases.Workers(b, d);
      if (!w) return std::unexpected(w.error());
      std::cout << fmt::format(
          "{}\t{}\t{}\t{}\t协作城市 {}\t{}{}\t岗位 {}\t贵州籍务工 {}\n", b.base_id,
          regions.FullName(b.in.county).value_or(b.in.county), b.in.name, b.partner_label,
          b.in.partner_city.empty() ? "未登记" : regions.FullName(b.in.partner_city).value_or(b.in.partner_city),
          b.in.signed_on ? "签约 " + b.in.signed_on->ToString() : "签约日期未登记",
          b.in.closed_on ? "，已于 " + b.in.closed_on->ToString() + " 终止" : "",
          b.in.posts_offered ? std::to_string(*b.in.posts_offered) : "未登记",
          w->count ? fmt::format("{} 人（{}）", *w->count, w->note) : "未知");
    }
    std::cout << fmt::format("共 {} 个稳岗就业基地\n", list->size());
    return {};
  });
}

void BaseOptions(CLI::App* c, BaseArgs& a, bool edit) {
  c->add_option("--db", a.db, "数据库 / database")->required();
  if (edit) c->add_option("--id", a.id, "基地编号 / base id")->required();
  auto* county = c->add_option("--county", a.in.county, "所属贵州县级区划代码 / Guizhou county");
  if (!edit) county->required();
  c->add_option("--name", a.in.name, "基地名称 / name")->required();
  c->add_option("--partner", a.in.partner_credit_code, "合作企业统一社会信用代码（登记库内的单位）");
  c->add_option("--partner-name", a.in.partner_name, "合作企业名称（登记库外的企业）");
  c->add_option("--partner-region", a.in.partner_region, "合作企业所在省市区划代码（登记库外的企业）");
  c->add_option("--city", a.in.partner_city, "协作城市区划代码（如 4419 东莞市）")->required();
  c->add_option("--signed", a.signed_on, "签约日期 / signed on");
  c->add_option("--closed", a.closed_on, "终止日期 / closed on");
  c->add_option("--posts", a.posts, "提供岗位数 / posts offered");
  c->add_option("--workers", a.workers, "吸纳贵州籍务工人数（登记库无合同时使用）");
  c->add_option("--source", a.in.workers_source, "人数来源");
  c->add_option("--as-of", a.as_of, "人数统计日期");
  c->add_option("--note", a.in.note, "备注 / note");
  c->add_option("--actor", a.actor, "经办人 / who records it");
}

}  // namespace

void AddNetworkBaseCommands(CLI::App& net, int& exit_code) {
  {
    auto a = std::make_shared<BaseArgs>();
    auto* c = net.add_subcommand("add-base", "登记粤黔“一县一企”“一县多企”稳岗就业基地（附件2（一））/ register an employment base");
    BaseOptions(c, *a, false);
    c->callback([a, &exit_code] { Run(exit_code, [&] { return SaveBase(*a); }); });
  }
  {
    auto a = std::make_shared<BaseArgs>();
    auto* c = net.add_subcommand("edit-base", "修改稳岗就业基地（保留修改前的值）/ edit an employment base");
    BaseOptions(c, *a, true);
    c->callback([a, &exit_code] { Run(exit_code, [&] { return SaveBase(*a); }); });
  }
  {
    auto a = std::make_shared<std::tuple<std::string, std::string, std::string>>("", "52", "");
    auto* c = net.add_subcommand("bases", "稳岗就业基地及吸纳贵州籍务工人数 / list employment bases");
    c->add_option("--db", std::get<0>(*a), "数据库 / database")->required();
    c->add_option("--region", std::get<1>(*a), "区划代码，默认全省 / region");
    c->add_option("--on", std::get<2>(*a), "人数统计日，默认今天 / day");
    c->callback([a, &exit_code] {
      Run(exit_code, [&] { return ListBases(std::get<0>(*a), std::get<1>(*a), std::get<2>(*a)); });
    });
  }
}

}  // namespace qjy::cli
