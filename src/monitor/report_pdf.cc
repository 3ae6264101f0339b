#include "monitor/report_pdf.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string_view>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

namespace qjy::monitor {
namespace {

std::string Tail(const std::filesystem::path& p, size_t n) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  std::string t = s.str();
  return t.size() > n ? t.substr(t.size() - n) : t;
}

// Removes the temporary directory however the call ends.
struct TempDir {
  std::filesystem::path path;
  ~TempDir() {
    std::error_code ec;
    if (!path.empty()) std::filesystem::remove_all(path, ec);
  }
};

}  // namespace

std::filesystem::path ChromiumPath() {
  const char* env = std::getenv("QJY_CHROMIUM");
  return env && *env ? std::filesystem::path(env) : std::filesystem::path("/usr/bin/chromium");
}

Result<void> PrintHtmlToPdf(const std::string& html, const std::filesystem::path& pdf_out, int timeout_seconds) {
  const auto chromium = ChromiumPath();
  if (access(chromium.c_str(), X_OK) != 0) {
    return Fail(ErrorCode::kIo, "未找到 Chromium 浏览器（" + chromium.string() +
                                    "），无法生成 PDF：请安装 Debian 的 chromium 软件包（scripts/deps.sh），"
                                    "或以环境变量 QJY_CHROMIUM 指定其路径");
  }
  std::string tmpl = (std::filesystem::temp_directory_path() / "qjy-report-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) return Fail(ErrorCode::kIo, "无法创建临时目录");
  TempDir dir{tmpl};
  const auto page = dir.path / "report.html";
  const auto pdf = dir.path / "report.pdf";
  const auto log = dir.path / "chromium.log";
  {
    std::ofstream out(page, std::ios::binary);
    out << html;
    if (!out.flush()) return Fail(ErrorCode::kIo, "无法写入临时文件：" + page.string());
  }
  std::vector<std::string> args = {chromium.string(),
                                   "--headless",
                                   "--no-sandbox",
                                   "--disable-gpu",
                                   "--disable-dev-shm-usage",
                                   "--no-first-run",
                                   "--user-data-dir=" + (dir.path / "profile").string(),
                                   "--run-all-compositor-stages-before-draw",
                                   "--virtual-time-budget=5000",
                                   "--no-pdf-header-footer",
                                   "--print-to-pdf-no-header",
                                   "--print-to-pdf=" + pdf.string(),
                                   "file://" + page.string()};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  // The environment, with HOME in the temporary directory, built before
  // fork: the child of a multi-threaded server only calls async-signal-safe
  // functions before exec.
  std::string home = "HOME=" + dir.path.string();
  std::vector<char*> envp;
  for (char** e = environ; *e; ++e) {
    if (std::string_view(*e).starts_with("HOME=")) continue;
    envp.push_back(*e);
  }
  envp.push_back(home.data());
  envp.push_back(nullptr);
  const std::string log_path = log.string();

  pid_t pid = fork();
  if (pid < 0) return Fail(ErrorCode::kIo, "无法启动 Chromium");
  if (pid == 0) {
    setpgid(0, 0);
    int fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
      close(fd);
    }
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  setpgid(pid, pid);
  int status = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  for (;;) {
    pid_t w = waitpid(pid, &status, WNOHANG);
    if (w == pid) break;
    if (w < 0) return Fail(ErrorCode::kIo, "等待 Chromium 失败");
    if (std::chrono::steady_clock::now() > deadline) {
      kill(-pid, SIGKILL);
      waitpid(pid, &status, 0);
      return Fail(ErrorCode::kIo, "Chromium 生成 PDF 超时（" + std::to_string(timeout_seconds) + " 秒）");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  kill(-pid, SIGKILL);  // helpers chromium may have left in its group
  std::error_code ec;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !std::filesystem::exists(pdf, ec) ||
      std::filesystem::file_size(pdf, ec) == 0) {
    return Fail(ErrorCode::kIo, "Chromium 未能生成 PDF：" + Tail(log, 600));
  }
  std::filesystem::copy_file(pdf, pdf_out, std::filesystem::copy_options::overwrite_existing, ec);
  if (ec) return Fail(ErrorCode::kIo, "无法写入文件：" + pdf_out.string());
  return {};
}

}  // namespace qjy::monitor
