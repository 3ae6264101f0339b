// Issue 13 §2: no exception escapes a request. A handler that throws (a
// std::exception or anything else) gets a 500 with a Chinese message and
// no detail; the server goes on serving, on the same connection and on new
// ones.
#include "server/http_server.h"

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

namespace qjy::server {
namespace {

// One keep-alive connection, written and read by hand.
class Client {
 public:
  explicit Client(uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  }
  ~Client() { ::close(fd_); }
  bool connected() const { return connected_; }

  // GET `target`; the whole answer (head and body), "" on timeout or close.
  std::string Get(const std::string& target) {
    const std::string req = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    if (::send(fd_, req.data(), req.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(req.size())) return "";
    std::string in;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (std::chrono::steady_clock::now() < deadline) {
      const size_t head_end = in.find("\r\n\r\n");
      if (head_end != std::string::npos) {
        const size_t cl = in.find("Content-Length: ");
        const size_t length = cl == std::string::npos ? 0 : std::stoul(in.substr(cl + 16));
        if (in.size() >= head_end + 4 + length) return in.substr(0, head_end + 4 + length);
      }
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 100) <= 0) continue;
      char buf[4096];
      const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) return "";
      in.append(buf, static_cast<size_t>(n));
    }
    return "";
  }

 private:
  int fd_ = -1;
  bool connected_ = false;
};

TEST(HttpServerTest, AThrowingHandlerAnswers500AndTheServerGoesOn) {
  HttpServerOptions o;
  o.port = 0;
  o.threads = 2;
  auto server = HttpServer::Start(o, [](const HttpRequest& r) -> HttpResponse {
    if (r.target == "/std") throw std::runtime_error("secret detail /var/lib/qianjiuye");
    if (r.target == "/int") throw 42;  // not a std::exception
    return HttpResponse::Json(200, R"({"ok":true})");
  });
  ASSERT_TRUE(server) << server.error().message;
  Client c((*server)->port());
  ASSERT_TRUE(c.connected());
  for (const char* target : {"/std", "/int"}) {
    const std::string answer = c.Get(target);
    EXPECT_EQ(answer.rfind("HTTP/1.1 500", 0), 0u) << target << ": " << answer;
    EXPECT_NE(answer.find("服务器内部错误"), std::string::npos) << answer;
    EXPECT_EQ(answer.find("secret detail"), std::string::npos) << answer;
    EXPECT_EQ(answer.find("/var/lib"), std::string::npos) << answer;
  }
  // The same connection and a new one still get answers.
  EXPECT_EQ(c.Get("/fine").rfind("HTTP/1.1 200", 0), 0u);
  Client fresh((*server)->port());
  ASSERT_TRUE(fresh.connected());
  const std::string answer = fresh.Get("/fine");
  EXPECT_EQ(answer.rfind("HTTP/1.1 200", 0), 0u) << answer;
  EXPECT_NE(answer.find(R"({"ok":true})"), std::string::npos) << answer;
}

}  // namespace
}  // namespace qjy::server
