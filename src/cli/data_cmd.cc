// qjy import ENTITY FILE  : reads an officer's CSV/XLSX file into the
//                           registry (importer/import.h); JSON result on
//                           stdout, progress on stderr.
// qjy export ENTITY       : writes the registry in the import layout,
//                           identity fields masked.
// qjy template ENTITY     : a blank XLSX with headers and filling notes.
//
// Exit codes: 0 when the file was read (even with rejected rows), 1 for a
// file-level or database error (a {"file","error"} JSON on stdout for
// import), 2 for bad usage (CLI11).
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/registry_handle.h"
#include "server/import_screening.h"
#include "store/pg_shards.h"
#include "core/clock.h"
#include "core/date.h"
#include "core/refdata.h"
#include "core/regions.h"
#include "importer/entity.h"
#include "importer/export.h"
#include "importer/import.h"

namespace qjy::cli {
namespace {

using importer::Entity;

// Today in China (UTC+8), as every command reads it.
Date TodayInChina() { return TheSystemClock().TodayInChina(); }

std::vector<std::string> EntityChoices(bool with_contracts) {
  std::vector<std::string> v = {"persons", "employers", "jobs"};
  if (with_contracts) {
    v.push_back("contracts");
    v.push_back("contributions");
    v.push_back("separations");
  }
  return v;
}

Entity ToEntity(const std::string& name) {
  return importer::ParseEntity(name).value_or(Entity::kPersons);
}

void PrintFileError(const std::string& file, const std::string& message) {
  nlohmann::ordered_json j;
  j["file"] = file;
  j["error"] = message;
  // replace: a file name need not be UTF-8 (strict dump() would throw).
  std::cout << j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
}

struct ImportArgs {
  Entity entity = Entity::kPersons;
  std::string file, db, key_file, today, within;
  size_t batch = 20000;
  bool quiet = false;
  bool no_rejects = false;
};

int RunImport(const ImportArgs& a) {
  Date today = TodayInChina();
  if (!a.today.empty()) {
    auto t = Date::Parse(a.today);
    if (!t) {
      std::cerr << "--today：" << t.error().message << "\n";
      return 2;
    }
    today = *t;
  }
  auto regions = RegionIndex::Load(RefdataDir());
  if (!regions) {
    PrintFileError(a.file, "无法加载行政区划参考数据：" + regions.error().message);
    return 1;
  }
  auto handle = OpenRegistry(a.db, a.key_file);
  if (!handle) {
    PrintFileError(a.file, "无法打开数据库：" + handle.error().message);
    return 1;
  }
  importer::ImportOptions options;
  options.today = today;
  options.regions = &*regions;
  options.region_within = a.within;
  options.batch_size = a.batch == 0 ? 1 : a.batch;
  options.write_rejects = !a.no_rejects;
  options.vault = handle->vault.get();
  options.progress = a.quiet ? nullptr : &std::cerr;
  if (a.entity == Entity::kJobs) {  // issue #17 §3: imported jobs are screened
    auto hold = server::MakeImportJobHold(
        *handle->db, *handle->vault, "import:" + std::filesystem::path(a.file).filename().string());
    if (!hold) {
      PrintFileError(a.file, "无法加载招聘信息筛查规则：" + hold.error().message);
      return 1;
    }
    options.job_hold = std::move(*hold);
  }
  auto r = importer::Import(a.entity, a.file, *handle->registry, *handle->db, options);
  if (!r) {
    PrintFileError(a.file, r.error().message);
    return 1;
  }
  std::cout << r->ToJson().dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace)
            << "\n";
  // The planner's statistics of sharded tables after a bulk write
  // (autovacuum never analyzes foreign partitions). The rows are stored
  // either way: a failure here is a warning, not the import's.
  if (auto analyzed = store::AnalyzePartitioned(*handle->db); !analyzed) {
    std::cerr << "警告：导入已完成，但更新分片表统计信息失败（可稍后执行 qjy db analyze）："
              << analyzed.error().message << "\n";
  }
  return 0;
}

}  // namespace

void AddDataCommands(CLI::App& app, int& exit_code) {
  // ---------------------------------------------------------------- import
  auto* imp = app.add_subcommand(
      "import",
      "导入经办人员的 CSV 或 Excel 文件（人员/单位/岗位/劳动合同），逐行校验，输出 JSON 结果；"
      "未通过的行写入同目录 <文件名>.rejects.csv/.xlsx，改正后可直接再次导入\n"
      "Import an officer's CSV or XLSX file (persons/employers/jobs/contracts); prints a JSON "
      "result; rejected rows go to <name>.rejects.csv/.xlsx next to the input");
  auto ia = std::make_shared<ImportArgs>();
  auto ientity = std::make_shared<std::string>();
  imp->add_option("ENTITY", *ientity, "persons | employers | jobs | contracts | contributions (社保缴费) | separations (离职记录)")
      ->required()
      ->check(CLI::IsMember(EntityChoices(true)));
  imp->add_option("FILE", ia->file, "要导入的文件（.csv 或 .xlsx）/ file to import")
      ->required();
  imp->add_option("--db", ia->db, "数据库：SQLite 文件路径或 postgresql:// URL / database")
      ->required();
  imp->add_option("--key-file", ia->key_file,
                  "身份信息加密密钥文件（默认 <数据库>.key）/ key file (default <db>.key)");
  imp->add_option("--today", ia->today,
                  "作为“今天”的日期，用于“不得晚于今天”的校验（默认本地日期）/ date taken as today");
  imp->add_option("--within", ia->within,
                  "按名称匹配行政区划时只在该区划内查找（如 5201）/ scope for region names");
  imp->add_option("--batch", ia->batch, "每个事务的行数（默认 20000）/ rows per transaction");
  imp->add_flag("--quiet,-q", ia->quiet, "不在标准错误输出进度 / no progress on stderr");
  imp->add_flag("--no-rejects", ia->no_rejects, "不写出 rejects 文件 / do not write a rejects file");
  imp->callback([ia, ientity, &exit_code] {
    ia->entity = ToEntity(*ientity);
    exit_code = RunImport(*ia);
  });

  // ---------------------------------------------------------------- export
  auto* exp = app.add_subcommand(
      "export",
      "按导入格式导出人员/单位/岗位（身份证号、手机号脱敏）；CSV 不指定 --out 时输出到标准输出\n"
      "Export persons/employers/jobs in the import layout (ID and phone masked); CSV goes to "
      "stdout without --out");
  auto entity_name = std::make_shared<std::string>();
  auto db = std::make_shared<std::string>();
  auto key_file = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("csv");
  auto out = std::make_shared<std::string>();
  exp->add_option("ENTITY", *entity_name, "persons | employers | jobs")
      ->required()
      ->check(CLI::IsMember(EntityChoices(false)));
  exp->add_option("--db", *db, "数据库：SQLite 文件路径或 postgresql:// URL / database")
      ->required();
  exp->add_option("--key-file", *key_file, "密钥文件（默认 <数据库>.key）/ key file");
  exp->add_option("--format", *format, "csv | xlsx（默认 csv）")
      ->check(CLI::IsMember({"csv", "xlsx"}, CLI::ignore_case));
  exp->add_option("--out", *out, "输出文件（xlsx 必填）/ output file (required for xlsx)");
  exp->callback([=, &exit_code] {
    const Entity entity = ToEntity(*entity_name);
    bool xlsx = *format == "xlsx" || *format == "XLSX";
    if (xlsx && out->empty()) {
      std::cerr << "导出 xlsx 需要 --out 指定输出文件 / --out is required for xlsx\n";
      exit_code = 2;
      return;
    }
    auto handle = OpenRegistry(*db, *key_file);
    if (!handle) {
      std::cerr << "无法打开数据库：" << handle.error().message << "\n";
      exit_code = 1;
      return;
    }
    Result<int64_t> n;
    if (xlsx) {
      n = importer::ExportXlsx(entity, *handle->registry, *out);
    } else if (out->empty()) {
      n = importer::ExportCsv(entity, *handle->registry, std::cout);
    } else {
      std::ofstream file(*out, std::ios::binary | std::ios::trunc);
      if (!file) {
        std::cerr << "无法写入文件：" << *out << "\n";
        exit_code = 1;
        return;
      }
      n = importer::ExportCsv(entity, *handle->registry, file);
    }
    if (!n) {
      std::cerr << n.error().message << "\n";
      exit_code = 1;
      return;
    }
    std::cerr << "已导出 " << *n << " 行 / exported " << *n << " rows\n";
    exit_code = 0;
  });

  // ---------------------------------------------------------------- template
  auto* tpl = app.add_subcommand(
      "template",
      "生成空白导入模板（Excel：表头 + “填写说明”工作表）\n"
      "Write a blank import template (XLSX with headers and a 填写说明 sheet)");
  auto tentity = std::make_shared<std::string>();
  auto tout = std::make_shared<std::string>();
  tpl->add_option("ENTITY", *tentity, "persons | employers | jobs | contracts | contributions (社保缴费) | separations (离职记录)")
      ->required()
      ->check(CLI::IsMember(EntityChoices(true)));
  tpl->add_option("--out", *tout, "输出的 .xlsx 文件 / output .xlsx file")->required();
  tpl->callback([=, &exit_code] {
    auto r = importer::WriteTemplate(ToEntity(*tentity), *tout);
    if (!r) {
      std::cerr << r.error().message << "\n";
      exit_code = 1;
      return;
    }
    exit_code = 0;
  });
}

}  // namespace qjy::cli
