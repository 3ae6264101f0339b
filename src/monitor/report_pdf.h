// Prints an HTML document to PDF with Debian's chromium in headless mode
// ($QJY_CHROMIUM, else /usr/bin/chromium): the document is written to a
// fresh temporary directory (also chromium's profile), printed on A4 after
// its load event (its scripts have drawn the charts by then; a virtual time
// budget lets any timers run), and the directory is removed. A run that
// takes longer than `timeout_seconds` is killed (its process group).
//
// Errors (Chinese): kIo when chromium is missing, fails or writes no PDF
// (with the end of its output), or the files cannot be written.
// Safe to call from several threads: each call has its own directory.
#ifndef QJY_MONITOR_REPORT_PDF_H_
#define QJY_MONITOR_REPORT_PDF_H_

#include <filesystem>
#include <string>

#include "core/error.h"

namespace qjy::monitor {

std::filesystem::path ChromiumPath();

Result<void> PrintHtmlToPdf(const std::string& html, const std::filesystem::path& pdf_out, int timeout_seconds = 120);

}  // namespace qjy::monitor

#endif  // QJY_MONITOR_REPORT_PDF_H_
