// Static files of the web UI, served from one root folder.
//
// Safe against path traversal: the decoded path must be absolute, contain no
// "..", "." or empty segments, no backslash and no NUL, and the file, after
// resolving symbolic links, must lie inside the root; anything else is 404
// (nothing tells an attacker what exists outside). A directory serves its
// index.html or 404: there is no directory listing. Only GET and HEAD.
//
// Thread-safe (stateless apart from the root path).
#ifndef QJY_SERVER_STATIC_FILES_H_
#define QJY_SERVER_STATIC_FILES_H_

#include <filesystem>
#include <string>

#include "server/http_message.h"

namespace qjy::server {

class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path root);
  // `path` is the percent-decoded request path ("/app.js").
  HttpResponse Serve(const std::string& method, const std::string& path) const;
  const std::filesystem::path& root() const { return root_; }

 private:
  std::filesystem::path root_;  // canonical
};

}  // namespace qjy::server

#endif  // QJY_SERVER_STATIC_FILES_H_
