// qjy id check VALUE... : validates resident ID numbers and credit codes,
// one JSON object per line (see core/identifier_check.h for the fields and
// how the kind is chosen).
#include <ctime>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "core/clock.h"
#include "core/date.h"
#include "core/identifier_check.h"

namespace qjy::cli {
namespace {

// Today in China (UTC+8), as every command reads it.
Date IdCmdTodayInChina() { return TheSystemClock().TodayInChina(); }

}  // namespace

void AddIdCommands(CLI::App& app, int& exit_code) {
  auto* id = app.add_subcommand("id", "证件号码工具 / identifier tools");
  id->require_subcommand(1);
  auto* check = id->add_subcommand(
      "check",
      "校验身份证号码（GB 11643）或统一社会信用代码（GB 32100），每个值输出一行 JSON："
      "input, valid, kind, reason, birth_date, sex, province, normalized。"
      "全部有效时退出码为 0，有任一无效为 1，用法错误为 2。值为 - 时从标准输入逐行读取。\n"
      "Check resident ID numbers or unified social credit codes; prints one JSON object per "
      "value. Exit code 0 if all are valid, 1 if any is invalid, 2 on bad usage. A value of - "
      "reads values from standard input, one per line.");
  auto values = std::make_shared<std::vector<std::string>>();
  auto today_text = std::make_shared<std::string>();
  check->add_option("VALUE", *values, "身份证号码或统一社会信用代码 / ID number or credit code")
      ->required();
  check->add_option("--today", *today_text,
                    "判断出生日期是否在未来时使用的“今天”，默认为本机日期 / "
                    "the date taken as today for the future-birth check (default: local date)");
  check->callback([values, today_text, &exit_code] {
    Date today = IdCmdTodayInChina();
    if (!today_text->empty()) {
      auto parsed = Date::Parse(*today_text);
      if (!parsed) {
        std::cerr << "--today：" << parsed.error().message << "\n";
        exit_code = 2;
        return;
      }
      today = *parsed;
    }
    bool all_valid = true;
    auto check_one = [&](const std::string& value) {
      IdentifierVerdict v = CheckIdentifier(value, today);
      all_valid = all_valid && v.valid;
      std::cout << ToJson(v).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace)
                << "\n";
    };
    for (const std::string& value : *values) {
      if (value == "-") {
        std::string line;
        while (std::getline(std::cin, line)) {
          if (!line.empty() && line.back() == '\r') line.pop_back();
          if (!line.empty()) check_one(line);
        }
      } else {
        check_one(value);
      }
    }
    std::cout.flush();
    exit_code = all_valid ? 0 : 1;
  });
}

}  // namespace qjy::cli
