// The calendar notice file (services/calendar_notice.h): a State Council
// holiday notice as YAML. A notice that validates lists only days of its
// year, and its canonical YAML (the stored form) parses back to the same
// entries.
#include <cstddef>
#include <cstdint>
#include <cstdio>

#include "services/calendar_notice.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace qjy::services;
  auto notice = ParseCalendarNotice(qjy::fuzz::AsText(data, size), "fuzz.yaml");
  if (!notice) return 0;
  const auto entries = notice->Entries();
  for (const auto& e : entries) QJY_FUZZ_CHECK(e.date.year() == notice->year);

  const std::string yaml = NoticeToYaml(*notice);
  auto again = ParseCalendarNotice(yaml, "stored.yaml");
  if (!again) {
    std::fprintf(stderr, "stored form does not parse: %s\n%s\n", again.error().message.c_str(), yaml.c_str());
  }
  QJY_FUZZ_CHECK(again.has_value());
  QJY_FUZZ_CHECK(NoticeToYaml(*again) == yaml);
  const auto entries_again = again->Entries();
  QJY_FUZZ_CHECK(entries_again.size() == entries.size());
  for (size_t i = 0; i < entries.size(); ++i) {
    QJY_FUZZ_CHECK(entries_again[i].date == entries[i].date && entries_again[i].kind == entries[i].kind &&
                   entries_again[i].name == entries[i].name);
  }
  return 0;
}
