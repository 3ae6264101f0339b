// Small pieces every `qjy` command family repeated: running a command body
// with its error printed in Chinese, the CLI's audit actor, and a date flag
// parsed with the flag named in the error. Internal to src/cli.
#ifndef QJY_CLI_CMD_SUPPORT_H_
#define QJY_CLI_CMD_SUPPORT_H_

#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/error.h"

namespace qjy::cli {

// Runs `body` (returning Result<void>); on failure prints "错误：<message>"
// to stderr and sets `exit_code` to 1, else to 0.
template <class Body>
void Run(int& exit_code, Body body) {
  Result<void> r = body();
  exit_code = r ? 0 : 1;
  if (!r) std::cerr << "错误：" << r.error().message << "\n";
}

// The audit actor of a command run from the shell: "cli:" and $USER
// ("cli:unknown" without one).
inline std::string Actor() {
  const char* u = std::getenv("USER");
  return std::string("cli:") + (u ? u : "unknown");
}

// `text` as a date (YYYY-MM-DD); kInvalidArgument naming `flag` otherwise.
inline Result<Date> ParseDate(const std::string& text, std::string_view flag) {
  auto d = Date::Parse(text);
  if (!d) return Fail(ErrorCode::kInvalidArgument, std::string(flag) + "：「" + text + "」不是有效日期（YYYY-MM-DD）");
  return *d;
}

}  // namespace qjy::cli

#endif  // QJY_CLI_CMD_SUPPORT_H_
