#include "server/static_files.h"

#include <fstream>
#include <sstream>

#include "server/mime.h"

namespace qjy::server {
namespace fs = std::filesystem;

namespace {

bool SafeRelative(const std::string& path, std::string& rel) {
  if (path.empty() || path[0] != '/') return false;
  if (path.find('\\') != std::string::npos || path.find('\0') != std::string::npos) return false;
  rel.clear();
  size_t i = 1;
  while (i <= path.size()) {
    size_t slash = path.find('/', i);
    if (slash == std::string::npos) slash = path.size();
    std::string seg = path.substr(i, slash - i);
    if (seg == ".." || seg == ".") return false;
    if (seg.empty() && slash != path.size()) return false;  // "//"
    if (!seg.empty()) {
      if (seg[0] == '.') return false;  // no hidden files (.git, .env)
      if (!rel.empty()) rel += '/';
      rel += seg;
    }
    i = slash + 1;
  }
  return true;
}

HttpResponse NotFound() { return HttpResponse::Error(404, "not_found", "没有该页面"); }

}  // namespace

StaticFiles::StaticFiles(fs::path root) {
  std::error_code ec;
  root_ = fs::weakly_canonical(root, ec);
  if (ec) root_ = std::move(root);
}

HttpResponse StaticFiles::Serve(const std::string& method, const std::string& path) const {
  if (method != "GET" && method != "HEAD") {
    auto r = HttpResponse::Error(405, "method_not_allowed", "不支持该请求方法");
    r.headers.emplace_back("Allow", "GET, HEAD");
    return r;
  }
  std::string rel;
  if (!SafeRelative(path, rel)) return NotFound();
  std::error_code ec;
  fs::path file = rel.empty() ? root_ : root_ / rel;
  if (fs::is_directory(file, ec)) file /= "index.html";
  fs::path real = fs::canonical(file, ec);
  if (ec || !fs::is_regular_file(real, ec)) return NotFound();
  // The resolved file must stay inside the root (symbolic links included).
  auto [root_end, real_it] = std::mismatch(root_.begin(), root_.end(), real.begin(), real.end());
  if (root_end != root_.end()) return NotFound();
  std::ifstream in(real, std::ios::binary);
  if (!in) return NotFound();
  std::ostringstream buf;
  buf << in.rdbuf();
  HttpResponse r;
  r.status = 200;
  r.content_type = std::string(MimeType(real.string()));
  r.body = method == "HEAD" ? std::string() : std::move(buf).str();
  r.headers.emplace_back("Cache-Control", "no-cache");
  return r;
}

}  // namespace qjy::server
