// Helpers shared by the libFuzzer harnesses of this folder (not product code).
#ifndef QJY_TESTS_FUZZ_FUZZ_UTIL_H_
#define QJY_TESTS_FUZZ_FUZZ_UTIL_H_

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>

namespace qjy::fuzz {

inline std::string_view AsText(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// A file of this process, rewritten for every input, for entry points that
// read a path (TableSource, XlsxReader, LoadScenarioFile). Lives in
// $TMPDIR (default /tmp) and is removed at exit.
class ScratchFile {
 public:
  explicit ScratchFile(std::string_view suffix) {
    const char* dir = std::getenv("TMPDIR");
    path_ = std::string(dir && *dir ? dir : "/tmp") + "/qjy-fuzz-" + std::to_string(getpid()) +
            std::string(suffix);
  }
  ~ScratchFile() { std::remove(path_.c_str()); }

  const std::string& Write(std::string_view bytes) {
    std::ofstream out(path_, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return path_;
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// A property every input must keep; a violation is a finding like a crash.
#define QJY_FUZZ_CHECK(cond)                                                      \
  do {                                                                            \
    if (!(cond)) {                                                                \
      std::fprintf(stderr, "%s:%d: property violated: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                               \
    }                                                                             \
  } while (0)

}  // namespace qjy::fuzz

#endif  // QJY_TESTS_FUZZ_FUZZ_UTIL_H_
