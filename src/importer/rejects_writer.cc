#include "importer/rejects_writer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/utf8.h"
#include "importer/csv_reader.h"
#include "importer/entity.h"
#include "importer/xlsx_writer.h"
#include "store/no_space.h"

namespace qjy::importer {
namespace {

void AppendLine(std::string& out, std::span<const std::string> cells) {
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i) out += ',';
    AppendCsvField(out, cells[i]);
  }
  out += "\r\n";
}

Error WriteError(const std::string& path, int err) {
  if (err == ENOSPC || err == EDQUOT) {
    return {ErrorCode::kIo, std::string(store::kNoSpaceText) + "：无法写入文件 " + path +
                                     "，磁盘已满，文件未写出（不留半个文件）；请释放磁盘空间后重试"};
  }
  return {ErrorCode::kIo, "写入文件失败：" + path + "（" + std::strerror(err) + "）"};
}

// Whole or not at all: written to a private temporary file beside `path`
// (0600: rejects hold unmasked rows), synced, then renamed over it, so a
// full disk or a crash never leaves half a file under the real name.
Result<void> WriteText(const std::string& path, const std::string& text) {
  const std::string tmp = path + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) {
    const int err = errno;
    if (err == ENOSPC || err == EDQUOT) return std::unexpected(WriteError(path, err));
    return Fail(ErrorCode::kIo, "无法写入文件：" + path);
  }
  size_t done = 0;
  int err = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      err = n < 0 ? errno : EIO;
      break;
    }
    done += static_cast<size_t>(n);
  }
  if (err == 0 && ::fsync(fd) != 0) err = errno;
  if (::close(fd) != 0 && err == 0) err = errno;
  if (err == 0 && ::rename(tmp.c_str(), path.c_str()) != 0) err = errno;
  if (err != 0) {
    ::unlink(tmp.c_str());
    return std::unexpected(WriteError(path, err));
  }
  return {};
}

}  // namespace

Result<void> WriteCsvFile(const std::string& path, std::span<const std::string> header,
                          std::span<const std::vector<std::string>> rows) {
  std::string text = "\xEF\xBB\xBF";
  AppendLine(text, header);
  for (const auto& r : rows) AppendLine(text, r);
  return WriteText(path, text);
}

Result<void> WriteRejects(const std::string& path, FileFormat format,
                          std::span<const std::string> header, std::vector<RejectedRow>& rows) {
  std::stable_sort(rows.begin(), rows.end(),
                   [](const RejectedRow& a, const RejectedRow& b) { return a.row < b.row; });
  std::vector<std::string> head(header.begin(), header.end());
  head.emplace_back(kErrorColumn);
  auto line = [&](const RejectedRow& r) {
    std::vector<std::string> cells = r.cells;
    cells.resize(header.size());
    // A row rejected for its encoding (a GBK row in a UTF-8 file) keeps
    // its readable parts; invalid bytes become U+FFFD, so the file stays
    // UTF-8 for Excel, WPS and the XLSX writer.
    for (auto& c : cells) {
      if (!IsValidUtf8(c)) c = RepairUtf8(c);
    }
    cells.push_back(r.reason);
    return cells;
  };
  if (format == FileFormat::kCsv) {
    std::string text = "\xEF\xBB\xBF";
    AppendLine(text, head);
    for (const auto& r : rows) AppendLine(text, line(r));
    return WriteText(path, text);
  }
  // Same rule as for CSV: a temporary file renamed over `path` once whole.
  const std::string tmp = path + ".tmp";
  auto w = XlsxWriter::Create(tmp, /*streaming=*/true);
  if (!w) return std::unexpected(w.error());
  int s = (*w)->AddSheet("导入失败的行");
  for (size_t c = 0; c < head.size(); ++c) {
    (*w)->SetColumn(s, static_cast<int>(c), c + 1 == head.size() ? 60 : 18, c + 1 < head.size());
  }
  (*w)->WriteHeader(s, head);
  int64_t n = 1;
  for (const auto& r : rows) (*w)->WriteRow(s, n++, line(r));
  errno = 0;
  auto closed = (*w)->Close();
  const int err = errno;
  if (closed && ::chmod(tmp.c_str(), 0600) == 0 && ::rename(tmp.c_str(), path.c_str()) == 0) return {};
  ::unlink(tmp.c_str());
  if (err == ENOSPC || err == EDQUOT) return std::unexpected(WriteError(path, err));
  if (!closed) return std::unexpected(closed.error());
  return Fail(ErrorCode::kIo, "写入文件失败：" + path);
}

}  // namespace qjy::importer
