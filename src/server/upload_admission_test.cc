// Uploads are admitted on their headers: an anonymous upload gets 401 and
// one over the import limits 429 at once, with Connection: close, while the
// client has sent almost none of its body; so parallel 25 MB uploads cost
// the server only the ones it admits (VmRSS of this process, which runs the
// server).
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <fstream>
#include <mutex>
#include <thread>

#include <gtest/gtest.h>

#include "server/shared_env_test_util.h"

namespace qjy::server::testing {
namespace {

// A runner that holds every import until Release().
struct UploadAdmissionGate {
  std::mutex mu;
  std::condition_variable cv;
  bool open = false;
  ImportRunner Runner() {
    return [this](store::Db&, const Vault&, const ImportRequest&, ImportProgress&) -> Result<nlohmann::json> {
      std::unique_lock lock(mu);
      cv.wait(lock, [&] { return open; });
      return nlohmann::json{{"rows", 0}};
    };
  }
  void Release() {
    std::lock_guard lock(mu);
    open = true;
    cv.notify_all();
  }
};

// An Api with a held import runner and its own server (admission on).
struct Server {
  UploadAdmissionGate gate;
  std::unique_ptr<Api> api;
  std::unique_ptr<HttpServer> http;
  explicit Server(ImportLimits limits, const std::string& name) {
    auto& env = Env();
    ApiOptions options;
    options.web_root = env.dir / "web";
    options.work_dir = env.dir / name;
    options.log = env.log;
    options.import_runner = gate.Runner();
    options.import_limits = limits;
    api = std::make_unique<Api>(options, *env.pool, *env.vault, *env.regions, env.clock, ShippedApiContext());
    HttpServerOptions o;
    o.port = 0;
    o.threads = 2;
    o.read_timeout = std::chrono::seconds(5);
    o.admission = [this](const HttpRequest& r) { return api->Admit(r); };
    auto s = HttpServer::Start(o, [this](const HttpRequest& r) { return api->Handle(r); });
    if (!s) throw std::runtime_error(s.error().message);
    http = std::move(*s);
  }
  ~Server() {
    gate.Release();
    http.reset();
    api->WaitForImports();
  }
  Login LogIn(const std::string& user) {
    HttpRequest r;
    r.method = "POST";
    r.target = "/api/login";
    r.client = "127.0.0.1";
    r.body = nlohmann::json{{"username", user}, {"password", kPassword}}.dump();
    r.headers = {{"content-type", "application/json"}};
    HttpResponse res = api->Handle(r);
    Login l;
    for (const auto& [k, v] : res.headers) {
      if (k == "Set-Cookie") l.cookie = v.substr(0, v.find(';'));
    }
    l.csrf = nlohmann::json::parse(res.body)["csrf_token"].get<std::string>();
    return l;
  }
};

const std::string kPrefix =
    "--qjyb\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.csv\"\r\n\r\n";
const std::string kSuffix = "\r\n--qjyb--\r\n";

// One upload on its own connection, written by hand.
class Upload {
 public:
  // Sends the headers of a POST /api/import/persons of `length` bytes.
  Upload(uint16_t port, const Login* login, size_t length) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) throw std::runtime_error("connect");
    std::string h = "POST /api/import/persons HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    "Content-Type: multipart/form-data; boundary=qjyb\r\n"
                    "Content-Length: " + std::to_string(length) + "\r\n";
    if (login) h += "Cookie: " + login->cookie + "\r\nX-CSRF-Token: " + login->csrf + "\r\n";
    Send(h + "\r\n");
  }
  ~Upload() { Close(); }
  void Close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }
  bool Send(std::string_view data) {
    while (!data.empty()) {
      ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      data.remove_prefix(static_cast<size_t>(n));
    }
    return true;
  }
  // Sends `body` in 64 KiB pieces, stopping as soon as an answer arrives.
  // Returns the bytes sent.
  size_t SendUnlessAnswered(std::string_view body) {
    size_t sent = 0;
    while (sent < body.size() && !Readable(0)) {
      const size_t n = std::min<size_t>(64 * 1024, body.size() - sent);
      if (!Send(body.substr(sent, n))) break;
      sent += n;
    }
    return sent;
  }
  bool Readable(int ms) {
    pollfd p{fd_, POLLIN, 0};
    return ::poll(&p, 1, ms) > 0;
  }
  // The answer's head and body, "" when none came within `ms`.
  std::string Answer(int ms) {
    std::string out;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    char buf[4096];
    while (std::chrono::steady_clock::now() < deadline) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (!Readable(static_cast<int>(left.count()) + 1)) break;
      ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) break;
      out.append(buf, static_cast<size_t>(n));
      const size_t end = out.find("\r\n\r\n");
      if (end == std::string::npos) continue;
      const size_t cl = out.find("Content-Length: ");
      if (cl != std::string::npos && out.size() >= end + 4 + std::stoul(out.substr(cl + 16))) break;
    }
    return out;
  }
  static int Status(const std::string& answer) {
    return answer.size() > 12 ? std::stoi(answer.substr(9, 3)) : 0;
  }

 private:
  int fd_ = -1;
};

TEST(ImportAdmissionTest, RefusedOnHeadersBeforeTheBodyIsRead) {
  Server s({.per_account = 2, .total = 3}, "uploads-admission");
  const uint16_t port = s.http->port();
  const Login county = s.LogIn("county"), town = s.LogIn("town"), other = s.LogIn("other");
  constexpr size_t k25MB = 25u << 20;
  const std::string little(1024, 'x');

  Upload anonymous(port, nullptr, k25MB);
  anonymous.Send(kPrefix + little);
  std::string a = anonymous.Answer(1000);
  EXPECT_EQ(Upload::Status(a), 401) << a;
  EXPECT_NE(a.find("Connection: close"), std::string::npos) << a;

  Upload county1(port, &county, kPrefix.size() + 3 + kSuffix.size());
  Upload county2(port, &county, k25MB);
  county1.Send(kPrefix);
  county2.Send(kPrefix + little);
  EXPECT_EQ(county1.Answer(150), "");  // admitted: waiting for the rest of the body
  EXPECT_EQ(county2.Answer(50), "");

  Upload county3(port, &county, k25MB);  // the account has two uploads in flight
  county3.Send(kPrefix + little);
  a = county3.Answer(1000);
  EXPECT_EQ(Upload::Status(a), 429) << a;
  EXPECT_NE(a.find("导入任务正在进行"), std::string::npos) << a;
  EXPECT_NE(a.find("Connection: close"), std::string::npos) << a;

  Upload other1(port, &other, k25MB);
  other1.Send(kPrefix + little);
  EXPECT_EQ(other1.Answer(150), "");
  Upload town1(port, &town, k25MB);  // the server has three
  town1.Send(kPrefix + little);
  a = town1.Answer(1000);
  EXPECT_EQ(Upload::Status(a), 429) << a;
  EXPECT_NE(a.find("上限"), std::string::npos) << a;

  // An admitted upload that completes becomes its job even though the
  // limits are full (its slot was reserved on its headers).
  county1.Send("a\n\n" + kSuffix);
  a = county1.Answer(2000);
  EXPECT_EQ(Upload::Status(a), 202) << a;

  // A connection that goes away frees its slot.
  county2.Close();
  other1.Close();
  std::string answer;
  for (int i = 0; i < 40 && Upload::Status(answer) != 202; ++i) {
    Upload again(port, &town, kPrefix.size() + 3 + kSuffix.size());
    again.Send(kPrefix + "a\n\n" + kSuffix);
    answer = again.Answer(1000);
    if (Upload::Status(answer) == 429) std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  EXPECT_EQ(Upload::Status(answer), 202) << answer;
}

size_t RssBytes() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with("VmRSS:")) return std::stoul(line.substr(6)) * 1024;
  }
  return 0;
}

TEST(ImportAdmissionTest, SixParallelUploadsCostOnlyTheAdmittedOnes) {
  Server s({.per_account = 2, .total = 4}, "uploads-memory");
  const uint16_t port = s.http->port();
  const Login county = s.LogIn("county");
  constexpr size_t k25MB = 25u << 20;
  const std::string body = kPrefix + std::string(k25MB - kPrefix.size() - kSuffix.size(), 'x') + kSuffix;
  ASSERT_EQ(body.size(), k25MB);

  const size_t before = RssBytes();
  std::atomic<size_t> peak{before};
  std::atomic<bool> done{false};
  std::thread sampler([&] {
    while (!done) {
      const size_t now = RssBytes();
      if (now > peak) peak = now;
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  });
  std::vector<int> statuses(6);
  std::vector<std::thread> clients;
  for (int i = 0; i < 6; ++i) {
    clients.emplace_back([&, i] {
      Upload u(port, &county, body.size());
      u.SendUnlessAnswered(body);
      statuses[i] = Upload::Status(u.Answer(3000));
    });
  }
  for (auto& t : clients) t.join();
  done = true;
  sampler.join();
  const size_t after = RssBytes();

  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 202), 2);
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 429), 4);
  const double growth_mb = (static_cast<double>(peak) - static_cast<double>(before)) / (1 << 20);
  std::cout << "VmRSS before " << before / (1 << 20) << " MB, peak " << peak / (1 << 20)
            << " MB (+" << growth_mb << "), after " << after / (1 << 20) << " MB\n";
  EXPECT_LT(growth_mb, 60.0);  // the two admitted bodies (~50 MB), not six (150 MB)
}

}  // namespace
}  // namespace qjy::server::testing
