// qjy link encode|link-encoded|encoded-pairs|dedup (issue #18; also spelt
// `qjy linkage ...`): the privacy-preserving exchange of keyed Bloom-filter
// encodings (linkage/encoded_file.h, linkage/encoded_store.h) and
// deduplication within one file (linkage/dedup.h). The shared secret is read
// from a key file and never printed; identities are printed masked.
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "cli/cmd_support.h"
#include "cli/commands.h"
#include "cli/registry_handle.h"
#include "core/mask.h"
#include "linkage/dedup.h"
#include "linkage/encoded_file.h"
#include "linkage/encoded_store.h"
#include "linkage/link_store.h"
#include "linkage/partner_file.h"
#include "store/registry_store.h"

namespace qjy::cli {
namespace {

struct LinkEncodedCmdOpened {
  RegistryHandle handle;
  std::unique_ptr<store::RegistryStore> registry;
  std::unique_ptr<linkage::LinkStore> links;
  std::unique_ptr<linkage::EncodedLinkStore> encoded;
};

Result<LinkEncodedCmdOpened> LinkEncodedCmdOpen(const std::string& db) {
  auto h = OpenRegistry(db);
  if (!h) return std::unexpected(h.error());
  LinkEncodedCmdOpened o{std::move(*h), nullptr, nullptr, nullptr};
  o.registry = std::make_unique<store::RegistryStore>(*o.handle.db, *o.handle.vault);
  o.links = std::make_unique<linkage::LinkStore>(*o.handle.db, *o.handle.vault);
  if (auto m = o.links->Migrate(); !m) return std::unexpected(m.error());
  o.encoded = std::make_unique<linkage::EncodedLinkStore>(*o.handle.db, *o.handle.vault, *o.registry);
  return o;
}

Result<void> PrintRowErrors(const linkage::PartnerFile& file) {
  if (file.errors.empty()) return {};
  for (const auto& e : file.errors) {
    std::cerr << fmt::format("第 {} 行{}：{}\n", e.row, e.column.empty() ? "" : "“" + e.column + "”列", e.message);
  }
  return Fail(ErrorCode::kInvalidArgument, fmt::format("文件有 {} 处错误，未编码任何记录", file.errors.size()));
}

struct EncodeArgs {
  std::string db, key, out, region, mapping, file, party = "贵州省人力资源和社会保障厅";
};

Result<void> Encode(const EncodeArgs& a) {
  if (a.region.empty() == a.file.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "请指定 --region（本方人员）或 --file 与 --mapping（合作方格式文件）之一");
  }
  auto secret = linkage::ReadKeyFile(a.key);
  if (!secret) return std::unexpected(secret.error());
  auto o = LinkEncodedCmdOpen(a.db);
  if (!o) return std::unexpected(o.error());
  linkage::EncodedFile out;
  if (!a.region.empty()) {
    auto f = o->encoded->EncodeRegion(a.region, *secret, a.party);
    if (!f) return std::unexpected(f.error());
    out = std::move(*f);
  } else {
    if (a.mapping.empty()) return Fail(ErrorCode::kInvalidArgument, "编码合作方格式文件时须指定 --mapping");
    auto mapping = linkage::LoadPartnerMapping(a.mapping);
    if (!mapping) return std::unexpected(mapping.error());
    auto file = linkage::ReadPartnerFile(a.file, *mapping);
    if (!file) return std::unexpected(file.error());
    if (auto e = PrintRowErrors(*file); !e) return e;
    linkage::PersonTable table;
    table.Reserve(file->records.size());
    out.party = a.party;
    for (const auto& r : file->records) {
      table.Add(r.person);
      out.ids.push_back(linkage::OpaqueIdOf(*o->handle.vault, 'r', r.row));
    }
    out.table = linkage::EncodeBloom(table, *secret);
  }
  if (auto w = linkage::WriteEncodedFile(a.out, out, *secret); !w) return w;
  std::cout << fmt::format("已编码 {} 条记录，写入 {}（只含布隆过滤器编码与本方可解析的记录编号，不含任何明文个人信息）\n",
                           out.ids.size(), a.out);
  return {};
}

struct LinkEncodedArgs {
  std::string db, key, partner_file, region, county, actor = "cli";
  int threads = 2;
  double match = 0.9, review = 0.5;
};

Result<void> LinkEncoded(const LinkEncodedArgs& a) {
  auto secret = linkage::ReadKeyFile(a.key);
  if (!secret) return std::unexpected(secret.error());
  // Read and checked whole before anything is stored.
  auto partner = linkage::ReadEncodedFile(a.partner_file, *secret);
  if (!partner) return std::unexpected(partner.error());
  auto o = LinkEncodedCmdOpen(a.db);
  if (!o) return std::unexpected(o.error());
  linkage::LinkOptions options;
  options.threads = a.threads;
  options.match_probability = a.match;
  options.review_probability = a.review;
  auto s = o->encoded->ImportAndLink(*partner, a.partner_file, a.region, *secret, options, a.county, a.actor);
  if (!s) return std::unexpected(s.error());
  std::cout << fmt::format(
      "批次 {}（{}，隐私保护比对）：对方 {} 条编码记录，本方 {} 人，自动关联 {} 对，待人工复核 {} 对（候选对 {}）\n",
      s->batch_id, partner->party, s->partner_rows, s->our_persons, s->linked, s->review, s->candidate_pairs);
  return {};
}

struct PairsArgs {
  std::string db, scope = "52", status = "match", actor = "cli";
  int64_t batch = 0, resolve = 0;
  bool match = false, non_match = false;
  int limit = 50;
};

Result<void> Pairs(const PairsArgs& a) {
  auto o = LinkEncodedCmdOpen(a.db);
  if (!o) return std::unexpected(o.error());
  if (a.resolve != 0) {
    if (a.match == a.non_match) return Fail(ErrorCode::kInvalidArgument, "请指定 --match 或 --non-match 之一");
    if (auto r = o->encoded->Resolve(a.resolve, a.match, a.scope, a.actor); !r) return r;
    std::cout << fmt::format("记录对 {} 已判定为{}\n", a.resolve, a.match ? "同一人" : "不同人");
    return {};
  }
  auto pairs = o->encoded->Pairs(a.scope, a.status, a.batch, a.limit);
  if (!pairs) return std::unexpected(pairs.error());
  if (pairs->empty()) std::cout << "没有符合条件的记录对\n";
  for (const auto& p : *pairs) {
    std::cout << fmt::format("{}｜{}｜本方：{} {} {}｜{} 记录 {}｜权重 {:.1f}，概率 {:.3f}\n", p.pair_id, p.county_code,
                             p.name, p.id_number, p.phone, p.partner, p.partner_record.substr(0, 24), p.weight,
                             p.probability);
  }
  return {};
}

struct DedupArgs {
  std::string db, region, actor = "cli";
  int64_t batch = 0;
  int threads = 2, limit = 50;
  double match = 0.9, review = 0.5;
};

Result<void> Dedup(const DedupArgs& a) {
  if ((a.batch != 0) == !a.region.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "请指定 --batch（合作方批次）或 --region（本方人员）之一");
  }
  auto o = LinkEncodedCmdOpen(a.db);
  if (!o) return std::unexpected(o.error());
  linkage::LinkOptions options;
  options.threads = a.threads;
  options.match_probability = a.match;
  options.review_probability = a.review;
  if (a.batch != 0) {
    auto s = o->links->DedupBatch(a.batch, options, a.actor);
    if (!s) return std::unexpected(s.error());
    std::cout << fmt::format(
        "批次 {} 文件内查重：{} 条记录归为 {} 人，其中 {} 人有重复记录；自动关联 {} 对，待人工复核 {} 对"
        "（qjy link review 处理）\n",
        a.batch, s->records, s->clusters, s->clusters_with_duplicates, s->linked, s->review);
    return {};
  }
  // Our own persons of a region: listed for the officers, nothing written.
  std::vector<registry::Person> persons;
  store::PersonFilter f;
  f.region_prefix = a.region;
  for (;;) {
    auto page = o->registry->ListPersons(f);
    if (!page) return std::unexpected(page.error());
    if (page->empty()) break;
    f.after_person_id = page->back().person_id;
    for (auto& p : *page) persons.push_back(std::move(p));
  }
  linkage::PersonTable table;
  for (const auto& p : persons) {
    table.Add({p.name, p.id_number, p.birth_date.ToString(), p.sex == registry::Sex::kMale ? "男" : "女",
               p.hukou_region, p.phone});
  }
  if (table.size() < 2) {
    std::cout << "该地区人员不足两人，无需查重\n";
    return {};
  }
  auto d = linkage::DeduplicatePersons(table, options);
  if (!d) return std::unexpected(d.error());
  std::cout << fmt::format("{} 本方人员 {} 人：疑似重复登记 {} 组（{} 条），待人工核实 {} 对\n", a.region, table.size(),
                           d->clusters_with_duplicates, d->duplicate_rows, d->link.review.size());
  auto line = [&](uint32_t row) {
    const auto& p = persons[row];
    return fmt::format("人员 {} {} {} {}", p.person_id, MaskPersonName(p.name), MaskIdNumber(p.id_number),
                       p.county_code);
  };
  int shown = 0;
  for (const auto& pair : d->link.links) {
    if (shown++ >= a.limit) break;
    std::cout << fmt::format("重复：{} ＝ {}（权重 {:.1f}）\n", line(pair.left), line(pair.right), pair.weight);
  }
  for (const auto& pair : d->link.review) {
    if (shown++ >= a.limit) break;
    std::cout << fmt::format("待核实：{} ？ {}（概率 {:.3f}）\n", line(pair.left), line(pair.right), pair.probability);
  }
  return {};
}

}  // namespace

// Declared where it is called (link_cmd.cc).
void AddLinkEncodedCommands(CLI::App& link, int& exit_code) {
  {
    auto a = std::make_shared<EncodeArgs>();
    auto* c = link.add_subcommand("encode", "生成隐私保护比对的编码文件（不含明文）/ encode persons as keyed Bloom filters");
    c->add_option("--db", a->db, "数据库 / database")->required();
    c->add_option("--key", a->key, "双方约定的密钥文件（32 位十六进制）/ shared key file")->required();
    c->add_option("--out", a->out, "输出的编码文件 / encoded file to write")->required();
    c->add_option("--region", a->region, "编码本方该地区的人员 / our persons of this region");
    c->add_option("--mapping", a->mapping, "合作方格式文件的列映射 / column mapping");
    c->add_option("--file", a->file, "合作方格式文件（CSV/XLSX）/ partner-format file");
    c->add_option("--party", a->party, "编码方名称 / encoding party");
    c->callback([a, &exit_code] { Run(exit_code, [&] { return Encode(*a); }); });
  }
  {
    auto a = std::make_shared<LinkEncodedArgs>();
    auto* c = link.add_subcommand("link-encoded", "导入合作方编码文件并与本方人员比对 / link a partner's encoded file");
    c->add_option("--db", a->db, "数据库 / database")->required();
    c->add_option("--key", a->key, "双方约定的密钥文件 / shared key file")->required();
    c->add_option("--partner-file", a->partner_file, "合作方的编码文件 / partner's encoded file")->required();
    c->add_option("--region", a->region, "与本方该地区的人员比对 / our persons of this region")->required();
    c->add_option("--county", a->county, "导入单位所在县级区划代码 / importing county")->required();
    c->add_option("--threads", a->threads, "线程数 / threads");
    c->add_option("--match", a->match, "自动关联的概率阈值 / link threshold");
    c->add_option("--review", a->review, "人工复核的概率下限 / review threshold");
    c->add_option("--actor", a->actor, "经办人 / who runs it");
    c->callback([a, &exit_code] { Run(exit_code, [&] { return LinkEncoded(*a); }); });
  }
  {
    auto a = std::make_shared<PairsArgs>();
    auto* c = link.add_subcommand("encoded-pairs", "隐私保护比对结果：列出或判定记录对 / encoded pairs");
    c->add_option("--db", a->db, "数据库 / database")->required();
    c->add_option("--scope", a->scope, "管辖区划代码前缀 / scope");
    c->add_option("--status", a->status, "match（已关联）或 open（待复核）/ status");
    c->add_option("--batch", a->batch, "批次编号 / batch");
    c->add_option("--resolve", a->resolve, "要判定的记录对编号 / pair to decide");
    c->add_flag("--match", a->match, "判定为同一人 / same person");
    c->add_flag("--non-match", a->non_match, "判定为不同人 / different persons");
    c->add_option("--limit", a->limit, "最多列出条数 / list at most");
    c->add_option("--actor", a->actor, "经办人 / who decides");
    c->callback([a, &exit_code] { Run(exit_code, [&] { return Pairs(*a); }); });
  }
  {
    auto a = std::make_shared<DedupArgs>();
    auto* c = link.add_subcommand("dedup", "文件内查重 / deduplicate within one file");
    c->add_option("--db", a->db, "数据库 / database")->required();
    c->add_option("--batch", a->batch, "已导入未比对的合作方批次 / a partner batch");
    c->add_option("--region", a->region, "本方该地区的人员（只列出，不改动）/ our persons of a region (listed)");
    c->add_option("--threads", a->threads, "线程数 / threads");
    c->add_option("--match", a->match, "自动关联的概率阈值 / link threshold");
    c->add_option("--review", a->review, "人工复核的概率下限 / review threshold");
    c->add_option("--limit", a->limit, "最多列出条数 / list at most");
    c->add_option("--actor", a->actor, "经办人 / who runs it");
    c->callback([a, &exit_code] { Run(exit_code, [&] { return Dedup(*a); }); });
  }
}

}  // namespace qjy::cli
