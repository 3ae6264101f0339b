// What a client may read in an error message: no server filesystem path.
// Driver, YAML and file errors quote paths ("无法打开数据库 /srv/qjy/…"); the
// API passes every error response through StripServerPaths so that the
// layout of the server never reaches a browser (the log keeps the detail).
//
// Pure functions; thread-safe.
#ifndef QJY_SERVER_CLIENT_MESSAGE_H_
#define QJY_SERVER_CLIENT_MESSAGE_H_

#include <string>
#include <string_view>

#include "server/http_message.h"

namespace qjy::server {

inline constexpr std::string_view kServerFileText = "（服务器文件）";

// Replaces every absolute path of two or more components ("/a/b",
// "/tmp/x.csv") with kServerFileText. A lone "/" or "day/hour" stays.
std::string StripServerPaths(std::string_view text);

// For a JSON error response (status >= 400): the "message" and every
// "errors[].reason" with StripServerPaths applied. Other responses and
// bodies that are no JSON object are left alone.
void StripServerPaths(HttpResponse& response);

}  // namespace qjy::server

#endif  // QJY_SERVER_CLIENT_MESSAGE_H_
