// qjy link import|run|review (issue #18): a partner's file read through its
// column mapping and stored as a batch; the batch linked against everything
// linked before; the clerical-review queue listed and decided. ID numbers
// and phones are printed masked.
#include <chrono>
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "cli/cmd_support.h"
#include "core/clock.h"
#include "cli/commands.h"
#include "cli/registry_handle.h"
#include "linkage/followup.h"
#include "linkage/ledger_flags.h"
#include "linkage/link_store.h"
#include "linkage/partner_file.h"

namespace qjy::cli {

// link_encoded_cmd.cc: encode, link-encoded, encoded-pairs, dedup under `link`.
void AddLinkEncodedCommands(CLI::App& link, int& exit_code);

namespace {

// Today in China (UTC+8), as every command reads it.
Date LinkCmdToday() { return TheSystemClock().TodayInChina(); }

struct Opened {
  RegistryHandle handle;
  std::unique_ptr<linkage::LinkStore> store;
};

Result<Opened> LinkCmdOpen(const std::string& db) {
  auto h = OpenRegistry(db);
  if (!h) return std::unexpected(h.error());
  Opened o{std::move(*h), nullptr};
  o.store = std::make_unique<linkage::LinkStore>(*o.handle.db, *o.handle.vault);
  if (auto m = o.store->Migrate(); !m) return std::unexpected(m.error());
  return o;
}

// The follow-up services the linked clusters call for (linkage/followup.h).
template <class Make>
Result<int> FollowUp(const Opened& o, Make make) {
  auto policy = linkage::LoadFollowupPolicy(linkage::DefaultFollowupPolicyFile());
  if (!policy) return std::unexpected(policy.error());
  linkage::FollowupStore f(*o.handle.db, *o.handle.vault);
  return make(f, *policy);
}

// The ledger flags the clusters call for (linkage/ledger_flags.h).
Result<int> Flag(const Opened& o, Result<std::vector<int64_t>> clusters) {
  if (!clusters) return std::unexpected(clusters.error());
  auto words = linkage::LoadFollowupPolicy(linkage::DefaultFollowupPolicyFile());
  if (!words) return std::unexpected(words.error());
  auto policy = linkage::LoadFlagPolicy(linkage::DefaultFollowupPolicyFile());
  if (!policy) return std::unexpected(policy.error());
  linkage::FlagStore flags(*o.handle.db, *o.handle.vault);
  return flags.FlagClusters(*clusters, *words, *policy, LinkCmdToday());
}

struct LinkCmdImportArgs {
  std::string db, mapping, file, county, actor = "cli";
};

Result<void> Import(const LinkCmdImportArgs& a) {
  auto mapping = linkage::LoadPartnerMapping(a.mapping);
  if (!mapping) return std::unexpected(mapping.error());
  auto file = linkage::ReadPartnerFile(a.file, *mapping);
  if (!file) return std::unexpected(file.error());
  if (!file->errors.empty()) {
    for (const auto& e : file->errors) {
      std::cerr << fmt::format("第 {} 行{}：{}\n", e.row, e.column.empty() ? "" : "“" + e.column + "”列",
                               e.message);
    }
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("文件有 {} 处错误，未导入任何记录，也未比对", file->errors.size()));
  }
  auto o = LinkCmdOpen(a.db);
  if (!o) return std::unexpected(o.error());
  const std::string partner = mapping->partner.empty() ? a.mapping : mapping->partner;
  auto id = o->store->ImportBatch(*file, partner, a.file, a.county, a.actor);
  if (!id) return std::unexpected(id.error());
  std::cout << fmt::format("已导入批次 {}：{} 条记录（{}，编码 {}）\n", *id, file->records.size(), partner,
                           file->encoding);
  return {};
}

struct LinkCmdRunArgs {
  std::string db, actor = "cli";
  int64_t batch = 0;
  int threads = 2;
  double match = 0.9, review = 0.5;
};

Result<void> RunBatch(const LinkCmdRunArgs& a) {
  auto o = LinkCmdOpen(a.db);
  if (!o) return std::unexpected(o.error());
  linkage::LinkOptions options;
  options.threads = a.threads;
  options.match_probability = a.match;
  options.review_probability = a.review;
  auto s = o->store->LinkBatch(a.batch, options, a.actor);
  if (!s) return std::unexpected(s.error());
  std::cout << fmt::format("批次 {}：{} 条记录，自动关联 {} 条，待人工复核 {} 条，新建 {} 个人员聚类（候选对 {}）\n",
                           a.batch, s->records, s->linked, s->review, s->new_clusters, s->candidate_pairs);
  auto n = FollowUp(*o, [&](linkage::FollowupStore& f, const linkage::FollowupPolicy& p) -> Result<int> {
    auto clusters = f.BatchClusters(a.batch);
    if (!clusters) return std::unexpected(clusters.error());
    return f.FollowUpClusters(*clusters, p, LinkCmdToday());
  });
  if (!n) return std::unexpected(n.error());
  std::cout << fmt::format("返乡未就业人员跟踪服务：新增 {} 项\n", *n);
  linkage::FollowupStore f(*o->handle.db, *o->handle.vault);
  auto flagged = Flag(*o, f.BatchClusters(a.batch));
  if (!flagged) return std::unexpected(flagged.error());
  std::cout << fmt::format("就业帮扶台账、失业保险待遇核查比对提示：新增 {} 项\n", *flagged);
  return {};
}

struct ReviewArgs {
  std::string db, scope = "52", actor = "cli";
  int64_t resolve = 0;
  bool match = false, non_match = false;
  int limit = 20;
};

Result<void> Review(const ReviewArgs& a) {
  auto o = LinkCmdOpen(a.db);
  if (!o) return std::unexpected(o.error());
  if (a.resolve != 0) {
    if (a.match == a.non_match) return Fail(ErrorCode::kInvalidArgument, "请指定 --match 或 --non-match 之一");
    if (auto r = o->store->Resolve(a.resolve, a.match, a.scope, a.actor); !r) return r;
    std::cout << fmt::format("复核项 {} 已判定为{}\n", a.resolve, a.match ? "同一人" : "不同人");
    if (a.match) {
      auto n = FollowUp(*o, [&](linkage::FollowupStore& f, const linkage::FollowupPolicy& p) {
        return f.FollowUpReview(a.resolve, p, LinkCmdToday());
      });
      if (!n) return std::unexpected(n.error());
      std::cout << fmt::format("返乡未就业人员跟踪服务：新增 {} 项\n", *n);
      linkage::FollowupStore f(*o->handle.db, *o->handle.vault);
      auto flagged = Flag(*o, f.ReviewClusters(a.resolve));
      if (!flagged) return std::unexpected(flagged.error());
      std::cout << fmt::format("就业帮扶台账、失业保险待遇核查比对提示：新增 {} 项\n", *flagged);
    }
    return {};
  }
  auto items = o->store->OpenReviews(a.scope, a.limit);
  if (!items) return std::unexpected(items.error());
  if (items->empty()) std::cout << "没有待复核的记录对\n";
  auto line = [](const linkage::StoredRecord& r) {
    return fmt::format("{}｜{}｜{}｜{}｜{}｜{}（{} 第 {} 行）", r.person.name, r.person.id_number, r.person.birth_date,
                       r.person.sex, r.person.division_code, r.person.phone, r.source, r.row);
  };
  for (const auto& it : *items) {
    std::cout << fmt::format("复核项 {}（{}，匹配权重 {:.1f}，概率 {:.3f}）\n  新记录：{}\n  已有：  {}\n", it.review_id,
                             it.county_code, it.weight, it.probability, line(it.record), line(it.candidate));
  }
  return {};
}

struct FlagsArgs {
  std::string db, scope = "52", month, kind, outcome, actor = "cli";
  int64_t close = 0;
};

std::string KindLabel(const linkage::FlagPolicy& p, const std::string& kind) {
  return kind == p.poverty.kind ? p.poverty.title : kind == p.benefit.kind ? p.benefit.title : kind;
}

Result<void> Flags(const FlagsArgs& a) {
  auto o = LinkCmdOpen(a.db);
  if (!o) return std::unexpected(o.error());
  linkage::FlagStore flags(*o->handle.db, *o->handle.vault);
  if (a.close != 0) {
    if (auto r = flags.Close(a.close, a.scope, a.outcome, a.actor); !r) return r;
    std::cout << fmt::format("比对提示 {} 已核实办结\n", a.close);
    return {};
  }
  auto policy = linkage::LoadFlagPolicy(linkage::DefaultFollowupPolicyFile());
  if (!policy) return std::unexpected(policy.error());
  auto rows = flags.InScope(a.scope, a.month, a.kind);
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) std::cout << "没有比对提示\n";
  for (const auto& f : *rows) {
    std::cout << fmt::format("{}｜{}｜{}｜人员 {}｜{}：{}｜{}\n", f.flag_id, f.month, KindLabel(*policy, f.kind),
                             f.person_id, f.partner, f.status,
                             f.closed_at.empty() ? "待核实" : "已办结：" + f.outcome);
  }
  return {};
}

}  // namespace

void AddLinkCommands(CLI::App& app, int& exit_code) {
  auto* link = app.add_subcommand("link", "与外省、外部系统比对人员（记录关联）/ record linkage with partners");
  link->alias("linkage");
  link->require_subcommand(1);
  AddLinkEncodedCommands(*link, exit_code);
  {
    auto a = std::make_shared<LinkCmdImportArgs>();
    auto* c = link->add_subcommand("import", "按映射文件导入合作方文件 / import a partner file");
    c->add_option("--db", a->db, "数据库 / database")->required();
    c->add_option("--mapping", a->mapping, "列映射文件（YAML）/ column mapping")->required();
    c->add_option("--file", a->file, "合作方文件（CSV 或 XLSX）/ partner file")->required();
    c->add_option("--county", a->county, "导入单位所在县级区划代码 / importing county")->required();
    c->add_option("--actor", a->actor, "经办人 / who imports");
    c->callback([a, &exit_code] { Run(exit_code, [&] { return Import(*a); }); });
  }
  {
    auto a = std::make_shared<LinkCmdRunArgs>();
    auto* c = link->add_subcommand("run", "比对一个批次 / link a batch");
    c->add_option("--db", a->db, "数据库 / database")->required();
    c->add_option("--batch", a->batch, "批次编号 / batch id")->required();
    c->add_option("--threads", a->threads, "线程数 / threads");
    c->add_option("--match", a->match, "自动关联的概率阈值 / link threshold (probability)");
    c->add_option("--review", a->review, "人工复核的概率下限 / review threshold (probability)");
    c->add_option("--actor", a->actor, "经办人 / who runs it");
    c->callback([a, &exit_code] { Run(exit_code, [&] { return RunBatch(*a); }); });
  }
  {
    auto a = std::make_shared<FlagsArgs>();
    auto* c = link->add_subcommand(
        "flags", "就业帮扶台账（附件4（九））与失业保险待遇核查（附件3（四））的比对提示 / ledger flags");
    c->add_option("--db", a->db, "数据库 / database")->required();
    c->add_option("--scope", a->scope, "辖区区划代码 / region");
    c->add_option("--month", a->month, "月份 YYYY-MM / month");
    c->add_option("--kind", a->kind, "poverty_unemployed 或 benefit_employed / kind");
    c->add_option("--close", a->close, "办结该编号的提示 / close this flag");
    c->add_option("--outcome", a->outcome, "核实情况 / what was verified");
    c->add_option("--actor", a->actor, "经办人 / who closes it");
    c->callback([a, &exit_code] { Run(exit_code, [&] { return Flags(*a); }); });
  }
  {
    auto a = std::make_shared<ReviewArgs>();
    auto* c = link->add_subcommand("review", "列出或判定待复核记录对 / list or decide review pairs");
    c->add_option("--db", a->db, "数据库 / database")->required();
    c->add_option("--scope", a->scope, "管辖区划代码前缀，默认全省 / scope (default 52)");
    c->add_option("--resolve", a->resolve, "要判定的复核项编号 / review item to decide");
    c->add_flag("--match", a->match, "判定为同一人 / same person");
    c->add_flag("--non-match", a->non_match, "判定为不同人 / different persons");
    c->add_option("--limit", a->limit, "最多列出条数 / list at most");
    c->add_option("--actor", a->actor, "经办人 / who decides");
    c->callback([a, &exit_code] { Run(exit_code, [&] { return Review(*a); }); });
  }
}

}  // namespace qjy::cli
