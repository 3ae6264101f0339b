#include "server/http_server.h"

#include <atomic>
#include <optional>
#include <thread>
#include <type_traits>
#include <vector>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

namespace qjy::server {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
using tcp = net::ip::tcp;

namespace {

struct Shared {
  HttpServerOptions options;
  HttpHandler handler;
  std::atomic<int> in_flight{0};
  std::atomic<bool> stopping{false};
};

HttpResponse ErrorResponse(int status, std::string_view code, std::string_view message) {
  return HttpResponse::Error(status, code, message);
}

// One connection. Derived provides stream() and Close().
template <class Derived>
class Session {
 public:
  Session(std::shared_ptr<Shared> shared, std::string client, bool tls)
      : shared_(std::move(shared)), client_(std::move(client)), tls_(tls) {}

 protected:
  Derived& derived() { return static_cast<Derived&>(*this); }

  void DoRead() {
    if (shared_->stopping) return derived().Close();
    parser_.emplace();
    parser_->header_limit(16 * 1024);
    parser_->body_limit(shared_->options.upload_body_limit);
    beast::get_lowest_layer(derived().stream()).expires_after(shared_->options.idle_timeout);
    http::async_read_header(derived().stream(), buffer_, *parser_,
                            beast::bind_front_handler(&Session::OnHeader,
                                                      derived().shared_from_this()));
  }

  void OnHeader(beast::error_code ec, size_t) {
    if (ec) return OnReadError(ec);
    const auto target = parser_->get().target();
    const bool upload = target.starts_with("/api/import/") || target.starts_with("/api/loans/bank-files");
    const size_t limit =
        upload ? shared_->options.upload_body_limit : shared_->options.json_body_limit;
    if (auto len = parser_->content_length(); len && *len > limit) {
      return SendAndClose(ErrorResponse(413, "too_large", "请求体过大"));
    }
    // The request as the handler will see it, without its body yet.
    auto& msg = parser_->get();
    req_ = HttpRequest{};
    req_.method = std::string(msg.method_string());
    req_.target = std::string(msg.target());
    req_.client = client_;
    req_.tls = tls_;
    for (const auto& f : msg) {
      std::string name(f.name_string());
      for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      req_.headers.emplace_back(std::move(name), std::string(f.value()));
    }
    if (shared_->options.admission) {
      HttpAdmission a;
      try {
        a = shared_->options.admission(req_);
      } catch (...) {
        a.reject = ErrorResponse(500, "internal", "服务器内部错误");
      }
      if (a.reject) return SendAndClose(std::move(*a.reject));
      req_.ticket = std::move(a.ticket);
    }
    parser_->body_limit(limit);
    beast::get_lowest_layer(derived().stream()).expires_after(shared_->options.read_timeout);
    http::async_read(derived().stream(), buffer_, *parser_,
                     beast::bind_front_handler(&Session::OnRead, derived().shared_from_this()));
  }

  void OnReadError(beast::error_code ec) {
    req_ = HttpRequest{};  // releases an admission ticket
    if (ec == http::error::body_limit) {
      return SendAndClose(ErrorResponse(413, "too_large", "请求体过大"));
    }
    if (ec == http::error::header_limit) {
      return SendAndClose(ErrorResponse(431, "header_too_large", "请求头过大"));
    }
    if (ec.category() == http::make_error_code(http::error::bad_method).category() &&
        ec != http::error::end_of_stream && ec != http::error::partial_message) {
      return SendAndClose(ErrorResponse(400, "bad_request", "无法解析的 HTTP 请求"));
    }
    derived().Close();  // EOF, timeout, reset: nothing to answer
  }

  void OnRead(beast::error_code ec, size_t) {
    if (ec) return OnReadError(ec);
    ++shared_->in_flight;
    auto& msg = parser_->get();
    HttpRequest req = std::move(req_);
    req_ = HttpRequest{};
    req.body = std::move(msg.body());
    const bool keep_alive = msg.keep_alive();
    const unsigned version = msg.version();
    HttpResponse r;
    try {
      r = shared_->handler(req);
    } catch (...) {  // not only std::exception: nothing leaves a request
      r = ErrorResponse(500, "internal", "服务器内部错误");
    }
    req = HttpRequest{};  // the body and the ticket go before the answer is written
    parser_.reset();
    Write(std::move(r), keep_alive && !shared_->stopping, version, /*counted=*/true);
  }

  // Answers and closes without reading the rest of the request. The close
  // is lingering (see Derived::Close(true)) so that the client, possibly
  // still sending its body, gets the answer instead of a reset.
  void SendAndClose(HttpResponse r) {
    linger_ = true;
    Write(std::move(r), false, 11, /*counted=*/false);
  }

  void Write(HttpResponse r, bool keep_alive, unsigned version, bool counted) {
    res_.emplace(static_cast<http::status>(r.status), version);
    res_->set(http::field::server, "qjy");
    if (!r.content_type.empty()) res_->set(http::field::content_type, r.content_type);
    for (auto& [k, v] : r.headers) res_->insert(k, v);
    res_->body() = std::move(r.body);
    res_->keep_alive(keep_alive);
    res_->prepare_payload();
    beast::get_lowest_layer(derived().stream()).expires_after(shared_->options.read_timeout);
    http::async_write(derived().stream(), *res_,
                      [self = derived().shared_from_this(), keep_alive, counted](
                          beast::error_code ec, size_t) {
                        if (counted) --self->shared_->in_flight;
                        if (ec) return self->Close();
                        if (!keep_alive) return self->linger_ ? self->Linger() : self->Close();
                        self->DoRead();
                      });
  }

  // Half-closes, then discards what the client still sends for up to two
  // seconds (or 64 MiB), then closes.
  void Linger() {
    beast::error_code ec;
    auto& sock = beast::get_lowest_layer(derived().stream()).socket();
    if constexpr (std::is_same_v<std::decay_t<decltype(derived().stream())>, beast::tcp_stream>) {
      sock.shutdown(tcp::socket::shutdown_send, ec);
    }
    beast::get_lowest_layer(derived().stream()).expires_after(std::chrono::seconds(2));
    DrainSome();
  }
  void DrainSome() {
    sink_.resize(64 * 1024);
    beast::get_lowest_layer(derived().stream())
        .async_read_some(net::buffer(sink_), [self = derived().shared_from_this()](
                                                 beast::error_code ec, size_t n) {
          self->drained_ += n;
          if (ec || self->drained_ > (64u << 20)) return self->Close();
          self->DrainSome();
        });
  }

  std::shared_ptr<Shared> shared_;
  std::string client_;
  bool tls_;
  bool linger_ = false;
  size_t drained_ = 0;
  std::vector<char> sink_;
  beast::flat_buffer buffer_;
  HttpRequest req_;  // headers read so far (and the admission ticket)
  std::optional<http::request_parser<http::string_body>> parser_;
  std::optional<http::response<http::string_body>> res_;
};

class PlainSession : public Session<PlainSession>,
                     public std::enable_shared_from_this<PlainSession> {
 public:
  PlainSession(tcp::socket&& socket, std::shared_ptr<Shared> shared, std::string client)
      : Session(std::move(shared), std::move(client), false), stream_(std::move(socket)) {}
  void Run() {
    net::dispatch(stream_.get_executor(),
                  beast::bind_front_handler(&PlainSession::DoRead, shared_from_this()));
  }
  beast::tcp_stream& stream() { return stream_; }
  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.socket().close(ec);
  }

 private:
  friend class Session<PlainSession>;
  beast::tcp_stream stream_;
};

class TlsSession : public Session<TlsSession>, public std::enable_shared_from_this<TlsSession> {
 public:
  TlsSession(tcp::socket&& socket, ssl::context& ctx, std::shared_ptr<Shared> shared,
             std::string client)
      : Session(std::move(shared), std::move(client), true), stream_(std::move(socket), ctx) {}
  void Run() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
      beast::get_lowest_layer(self->stream_).expires_after(self->shared_->options.read_timeout);
      self->stream_.async_handshake(ssl::stream_base::server,
                                    [self](beast::error_code ec) {
                                      if (ec) return self->CloseNow();
                                      self->DoRead();
                                    });
    });
  }
  beast::ssl_stream<beast::tcp_stream>& stream() { return stream_; }
  void Close() {
    beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(5));
    stream_.async_shutdown([self = shared_from_this()](beast::error_code) { self->CloseNow(); });
  }
  void CloseNow() {
    beast::error_code ec;
    beast::get_lowest_layer(stream_).socket().close(ec);
  }

 private:
  friend class Session<TlsSession>;
  beast::ssl_stream<beast::tcp_stream> stream_;
};

}  // namespace

namespace {

// One server thread: an exception escaping a completion handler (a
// response that cannot be built, say) ends only that handler's connection
// (its session is released with the handler); the thread goes back to
// serving instead of reaching std::terminate.
void RunIo(net::io_context& ioc) {
  for (;;) {
    try {
      ioc.run();
      return;  // stopped
    } catch (...) {
      if (ioc.stopped()) return;
    }
  }
}

}  // namespace

struct HttpServer::Impl {
  std::shared_ptr<Shared> shared = std::make_shared<Shared>();
  net::io_context ioc;
  tcp::acceptor acceptor{ioc};
  std::optional<ssl::context> tls_ctx;
  std::vector<std::thread> threads;
  bool stopped = false;

  void DoAccept() {
    acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
      if (ec) {
        if (ec == net::error::operation_aborted || !acceptor.is_open()) return;
        return DoAccept();  // e.g. too many open files: keep serving others
      }
      beast::error_code pe;
      auto ep = socket.remote_endpoint(pe);
      std::string client = pe ? std::string("?") : ep.address().to_string();
      socket.set_option(tcp::no_delay(true), pe);
      if (tls_ctx) {
        std::make_shared<TlsSession>(std::move(socket), *tls_ctx, shared, std::move(client))->Run();
      } else {
        std::make_shared<PlainSession>(std::move(socket), shared, std::move(client))->Run();
      }
      DoAccept();
    });
  }
};

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

HttpServer::~HttpServer() { Stop(); }

Result<std::unique_ptr<HttpServer>> HttpServer::Start(const HttpServerOptions& options,
                                                      HttpHandler handler) {
  auto impl = std::make_unique<Impl>();
  impl->shared->options = options;
  impl->shared->handler = std::move(handler);
  if (!options.tls_cert.empty() || !options.tls_key.empty()) {
    impl->tls_ctx.emplace(ssl::context::tls_server);
    impl->tls_ctx->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                               ssl::context::no_sslv3 | ssl::context::no_tlsv1 |
                               ssl::context::no_tlsv1_1);
    beast::error_code ec;
    impl->tls_ctx->use_certificate_chain_file(options.tls_cert, ec);
    if (!ec) impl->tls_ctx->use_private_key_file(options.tls_key, ssl::context::pem, ec);
    if (ec) return Fail(ErrorCode::kIo, "无法加载 TLS 证书或私钥：" + ec.message());
  }
  beast::error_code ec;
  auto address = net::ip::make_address(options.host, ec);
  if (ec) return Fail(ErrorCode::kInvalidArgument, "无效的监听地址：" + options.host);
  tcp::endpoint ep(address, options.port);
  impl->acceptor.open(ep.protocol(), ec);
  if (!ec) impl->acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) impl->acceptor.bind(ep, ec);
  if (!ec) impl->acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    return Fail(ErrorCode::kIo, "无法监听 " + options.host + ":" + std::to_string(options.port) +
                                    "：" + ec.message());
  }
  impl->DoAccept();
  int n = options.threads > 0 ? options.threads
                              : std::max(1u, std::thread::hardware_concurrency());
  for (int i = 0; i < n; ++i) {
    impl->threads.emplace_back([io = &impl->ioc] { RunIo(*io); });
  }
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

uint16_t HttpServer::port() const { return impl_->acceptor.local_endpoint().port(); }
bool HttpServer::tls() const { return impl_->tls_ctx.has_value(); }

void HttpServer::RunUntilSignal() {
  net::io_context sig_ioc;
  net::signal_set signals(sig_ioc, SIGINT, SIGTERM);
  signals.async_wait([](beast::error_code, int) {});
  sig_ioc.run();
  Stop();
}

void HttpServer::Stop() {
  if (!impl_ || impl_->stopped) return;
  impl_->stopped = true;
  impl_->shared->stopping = true;
  net::post(impl_->ioc, [impl = impl_.get()] {
    beast::error_code ec;
    impl->acceptor.close(ec);
  });
  const auto deadline = std::chrono::steady_clock::now() + impl_->shared->options.drain;
  while (impl_->shared->in_flight.load() > 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  impl_->ioc.stop();
  for (auto& t : impl_->threads) {
    if (t.joinable()) t.join();
  }
}

}  // namespace qjy::server
