// The HTTP(S) transport: Boost.Beast on one Asio io_context run by a small
// thread pool (default: one thread per core). Asynchronous accept, read and
// write with keep-alive; the handler runs on the pool thread that read the
// request. Limits: request header 16 KiB; body 1 MiB, or 32 MiB under
// /api/import/ → 413; idle keep-alive and slow reads time out (the
// connection is closed); a request the parser rejects → 400.
//
// Admission: when `admission` is set it is called with each request's
// method, target and headers (body empty) before the body is read. A
// response it returns is sent with Connection: close and the body is never
// parsed or kept (only drained for a moment so the client reads the
// answer); this bounds memory when many uploads arrive at once. A ticket it
// returns is handed to the handler in HttpRequest::ticket and released after
// the handler returns (or when the connection fails before).
//
// Stop() shuts down gracefully: stop accepting, let requests in flight
// finish (up to `drain`), then stop the threads. Idle keep-alive
// connections are simply closed.
//
// Thread-safety: Start/Stop/Wait from one controlling thread.
#ifndef QJY_SERVER_HTTP_SERVER_H_
#define QJY_SERVER_HTTP_SERVER_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/error.h"
#include "server/http_message.h"

namespace qjy::server {

// The admission check's answer: `reject` to answer early, else `ticket`
// (may be null) travels with the request.
struct HttpAdmission {
  std::optional<HttpResponse> reject;
  std::shared_ptr<AdmissionTicket> ticket;
};
using HttpAdmissionCheck = std::function<HttpAdmission(const HttpRequest& headers_only)>;

struct HttpServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;       // 0: an ephemeral port (see HttpServer::port())
  int threads = 0;            // 0: std::thread::hardware_concurrency()
  size_t json_body_limit = 1 << 20;
  size_t upload_body_limit = 32 << 20;
  std::chrono::seconds read_timeout{30};   // to receive a whole request
  std::chrono::seconds idle_timeout{75};   // between keep-alive requests
  std::chrono::seconds drain{10};          // graceful-shutdown wait
  std::string tls_cert;       // PEM files; both set = HTTPS only
  std::string tls_key;
  HttpAdmissionCheck admission;  // empty: every request's body is read
};

using HttpHandler = std::function<HttpResponse(const HttpRequest&)>;

class HttpServer {
 public:
  // Binds and starts serving. kIo when the address cannot be bound or the
  // TLS files cannot be loaded.
  static Result<std::unique_ptr<HttpServer>> Start(const HttpServerOptions& options,
                                                   HttpHandler handler);
  ~HttpServer();

  uint16_t port() const;
  bool tls() const;
  // Blocks until SIGINT or SIGTERM, then Stop().
  void RunUntilSignal();
  void Stop();

  struct Impl;

 private:
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace qjy::server

#endif  // QJY_SERVER_HTTP_SERVER_H_
