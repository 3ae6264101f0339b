#include "audit/anchor.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <syslog.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include <nlohmann/json.hpp>

namespace qjy::audit {
namespace {

bool IsPostgres(std::string_view db) {
  return db.starts_with("postgres://") || db.starts_with("postgresql://");
}

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

nlohmann::json ToJson(const Checkpoint& c) {
  nlohmann::json j = {{"v", 1},
                      {"kind", c.kind},
                      {"at", c.at},
                      {"first_seq", c.first_seq},
                      {"first_prev", c.first_prev},
                      {"last_seq", c.last_seq},
                      {"head", c.head},
                      {"rows", c.rows}};
  if (c.kind == "purge") {
    j["purged_before"] = c.purged_before;
    j["purged_rows"] = c.purged_rows;
  }
  if (c.kind == "legacy") j["legacy_problems"] = c.legacy_problems;
  return j;
}

std::string Dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

int Facility(std::string_view name) {
  static const std::pair<std::string_view, int> kNames[] = {
      {"authpriv", LOG_AUTHPRIV}, {"auth", LOG_AUTH},     {"user", LOG_USER},
      {"daemon", LOG_DAEMON},     {"local0", LOG_LOCAL0}, {"local1", LOG_LOCAL1},
      {"local2", LOG_LOCAL2},     {"local3", LOG_LOCAL3}, {"local4", LOG_LOCAL4},
      {"local5", LOG_LOCAL5},     {"local6", LOG_LOCAL6}, {"local7", LOG_LOCAL7}};
  for (const auto& [n, f] : kNames) {
    if (n == name) return f;
  }
  return LOG_AUTHPRIV;
}

bool IsSyslog(std::string_view copy) { return copy == "syslog" || copy.starts_with("syslog:"); }

Result<void> AppendToFile(const std::string& path, const std::string& line, bool sync) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) return Fail(ErrorCode::kIo, "无法写入审计锚定文件：" + path);
  std::string data = line + "\n";
  bool ok = ::write(fd, data.data(), data.size()) == static_cast<ssize_t>(data.size());
  if (ok && sync) ok = ::fdatasync(fd) == 0;
  ::close(fd);
  if (!ok) return Fail(ErrorCode::kIo, "写入审计锚定文件失败：" + path);
  return {};
}

// Lines of the last `tail` bytes of fd (the first, possibly partial, line
// dropped unless the read started at offset 0).
std::vector<std::string> TailLines(int fd, off_t tail) {
  struct stat st {};
  if (::fstat(fd, &st) != 0) return {};
  off_t start = st.st_size > tail ? st.st_size - tail : 0;
  std::string buf(static_cast<size_t>(st.st_size - start), '\0');
  ssize_t n = ::pread(fd, buf.data(), buf.size(), start);
  if (n < 0) return {};
  buf.resize(static_cast<size_t>(n));
  std::vector<std::string> lines;
  size_t pos = 0;
  if (start > 0) {
    pos = buf.find('\n');
    if (pos == std::string::npos) return {};
    ++pos;
  }
  while (pos < buf.size()) {
    size_t end = buf.find('\n', pos);
    if (end == std::string::npos) end = buf.size();
    lines.push_back(buf.substr(pos, end - pos));
    pos = end + 1;
  }
  return lines;
}

}  // namespace

std::string SignCheckpoint(const Checkpoint& c, const AuditKey& key) {
  nlohmann::json j = ToJson(c);
  j["mac"] = key.CheckpointMac(Dump(j));
  return Dump(j);
}

Result<Checkpoint> ParseCheckpoint(std::string_view line, const AuditKey& key) {
  size_t brace = line.find('{');
  if (brace == std::string_view::npos) return Fail(ErrorCode::kInvalidArgument, "不是锚定记录");
  auto j = nlohmann::json::parse(line.substr(brace), nullptr, false);
  if (!j.is_object() || !j.contains("mac") || !j["mac"].is_string()) {
    return Fail(ErrorCode::kInvalidArgument, "不是锚定记录（格式不对）");
  }
  std::string mac = j["mac"].get<std::string>();
  j.erase("mac");
  if (key.CheckpointMac(Dump(j)) != mac) {
    return Fail(ErrorCode::kPermissionDenied, "签名不符（被改动、伪造或用了别的密钥）");
  }
  Checkpoint c;
  try {
    c.kind = j.at("kind").get<std::string>();
    c.at = j.at("at").get<std::string>();
    c.first_seq = j.at("first_seq").get<int64_t>();
    c.first_prev = j.at("first_prev").get<std::string>();
    c.last_seq = j.at("last_seq").get<int64_t>();
    c.head = j.at("head").get<std::string>();
    c.rows = j.at("rows").get<int64_t>();
    if (j.contains("purged_before")) c.purged_before = j["purged_before"].get<std::string>();
    if (j.contains("purged_rows")) c.purged_rows = j["purged_rows"].get<int64_t>();
    if (j.contains("legacy_problems")) c.legacy_problems = j["legacy_problems"].get<int64_t>();
  } catch (const nlohmann::json::exception&) {
    return Fail(ErrorCode::kInvalidArgument, "不是锚定记录（字段缺失或类型不对）");
  }
  return c;
}

AnchorRead ReadAnchorFile(const std::string& path, const AuditKey& key, bool strict) {
  AnchorRead out;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    out.missing = true;
    return out;
  }
  const std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  int64_t n = 0;
  // A last line without its newline is being written right now: not counted.
  for (size_t pos = 0, end; (end = data.find('\n', pos)) != std::string::npos; pos = end + 1) {
    ++n;
    std::string_view line(data.data() + pos, end - pos);
    if (line.empty()) continue;
    if (!strict && line.find("qjy-audit") == std::string_view::npos && line.front() != '{') continue;
    auto c = ParseCheckpoint(line, key);
    if (c) {
      out.checkpoints.push_back(std::move(*c));
    } else {
      out.problems.push_back({path, n, c.error().message});
    }
  }
  return out;
}

SyslogSink SystemSyslog() {
  return [](int priority, const std::string& message) { ::syslog(priority, "%s", message.c_str()); };
}

AnchorLog::AnchorLog(std::string path, std::string copy, SyslogSink syslog)
    : path_(std::move(path)), copy_(std::move(copy)), syslog_(syslog ? std::move(syslog) : SystemSyslog()) {}

Result<AnchorLog::Writer> AnchorLog::Begin() {
  std::unique_lock lock(mu_);
  if (path_.empty()) return Writer(*this, std::move(lock), -1);
  auto parent = std::filesystem::path(path_).parent_path();
  std::error_code ec;
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  int fd = ::open(path_.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) return Fail(ErrorCode::kIo, "无法打开审计锚定文件：" + path_);
  if (::flock(fd, LOCK_EX) != 0) {
    ::close(fd);
    return Fail(ErrorCode::kIo, "无法锁定审计锚定文件：" + path_);
  }
  return Writer(*this, std::move(lock), fd);
}

AnchorLog::Writer::Writer(Writer&& o) noexcept
    : log_(o.log_), lock_(std::move(o.lock_)), fd_(o.fd_) {
  o.fd_ = -1;
}

AnchorLog::Writer::~Writer() {
  if (fd_ >= 0) ::close(fd_);  // releases the flock
}

std::optional<Checkpoint> AnchorLog::Writer::Last(const AuditKey& key) {
  std::vector<std::string> lines;
  if (fd_ < 0) {
    lines = log_->memory_;
  } else {
    lines = TailLines(fd_, 16 * 1024);
  }
  for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
    if (auto c = ParseCheckpoint(*it, key)) return *c;
  }
  if (fd_ < 0) return std::nullopt;
  // Nothing valid near the end: look through the whole file.
  auto all = ReadAnchorFile(log_->path_, key, true);
  if (all.checkpoints.empty()) return std::nullopt;
  return all.checkpoints.back();
}

Result<void> AnchorLog::Writer::Append(const std::string& line, bool sync) {
  if (fd_ < 0) {
    log_->memory_.push_back(line);
  } else {
    std::string data = line + "\n";
    if (::write(fd_, data.data(), data.size()) != static_cast<ssize_t>(data.size()) ||
        (sync && ::fdatasync(fd_) != 0)) {
      return Fail(ErrorCode::kIo, "写入审计锚定文件失败：" + log_->path_);
    }
  }
  const std::string& copy = log_->copy_;
  if (copy.empty()) return {};
  if (IsSyslog(copy)) {
    const int facility = Facility(copy.size() > 7 ? std::string_view(copy).substr(7) : "");
    log_->syslog_(facility | LOG_NOTICE, "qjy-audit-anchor " + line);
    return {};
  }
  return AppendToFile(copy, line, sync);
}

std::vector<AnchorRead> AnchorLog::ReadAll(const AuditKey& key) const {
  std::vector<AnchorRead> out;
  if (path_.empty()) {
    std::lock_guard lock(mu_);
    AnchorRead r;
    for (const auto& line : memory_) {
      if (auto c = ParseCheckpoint(line, key)) r.checkpoints.push_back(*c);
    }
    out.push_back(std::move(r));
  } else {
    out.push_back(ReadAnchorFile(path_, key, true));
  }
  if (!copy_.empty() && !IsSyslog(copy_)) out.push_back(ReadAnchorFile(copy_, key, true));
  return out;
}

std::string DefaultAuditKeyPath(std::string_view db) {
  if (IsPostgres(db)) {
    std::string env = Env("QJY_AUDIT_KEY_FILE");
    return env.empty() ? "var/qjy.audit.key" : env;
  }
  return std::string(db) + ".audit.key";
}

std::string DefaultAnchorPath(std::string_view db) {
  std::string env = Env("QJY_AUDIT_ANCHOR_FILE");
  if (!env.empty()) return env;
  return IsPostgres(db) ? "var/qjy.audit-anchor" : std::string(db) + ".audit-anchor";
}

std::string DefaultAnchorCopy(std::string_view db) {
  std::string env = Env("QJY_AUDIT_ANCHOR_COPY");
  if (env == "off") return "";
  if (!env.empty()) return env;
  return IsPostgres(db) ? "syslog:authpriv" : "";
}

}  // namespace qjy::audit
