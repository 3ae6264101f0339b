// Content types of the static files the web UI ships.
#ifndef QJY_SERVER_MIME_H_
#define QJY_SERVER_MIME_H_

#include <string_view>

namespace qjy::server {

// By file extension (case-insensitive); "application/octet-stream" when
// unknown. Text types carry "; charset=utf-8".
std::string_view MimeType(std::string_view path);

}  // namespace qjy::server

#endif  // QJY_SERVER_MIME_H_
