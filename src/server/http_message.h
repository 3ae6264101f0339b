// The HTTP request and response as the API handlers see them: plain values
// with no Boost.Beast types, so handlers are testable without a socket.
// The transport (server/http_server.h) converts from and to Beast.
#ifndef QJY_SERVER_HTTP_MESSAGE_H_
#define QJY_SERVER_HTTP_MESSAGE_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace qjy::server {

// Something the transport's admission check (HttpServerOptions::admission)
// holds for a request until its handler has returned, e.g. a reserved
// import slot; the handler may take it over. Released by its destructor.
struct AdmissionTicket {
  virtual ~AdmissionTicket() = default;
};

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string target;  // raw request target: "/api/persons?name=x"
  std::string body;
  std::string client;  // peer address
  bool tls = false;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-case
  std::shared_ptr<AdmissionTicket> ticket;  // from the admission check, or null

  // Header value by lower-case name ("" when absent).
  std::string_view Header(std::string_view lower_name) const;
  // The path part of the target, percent-decoded ("" when malformed).
  std::string Path() const;
  // Query parameters, percent-decoded ('+' = space). Repeated keys: last wins.
  std::map<std::string, std::string> Query() const;
  // A cookie value from the Cookie header.
  std::optional<std::string> Cookie(std::string_view name) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers

  static HttpResponse Json(int status, std::string body);
  // {"error": code, "message": message}
  static HttpResponse Error(int status, std::string_view code, std::string_view message);
};

// Percent-decoding; nullopt for a malformed escape or a NUL byte.
std::optional<std::string> PercentDecode(std::string_view s, bool plus_is_space);

}  // namespace qjy::server

#endif  // QJY_SERVER_HTTP_MESSAGE_H_
