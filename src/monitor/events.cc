#include "monitor/events.h"

#include <cstdio>
#include <cstring>
#include <memory>

namespace qjy::monitor {

namespace {

constexpr char kMagic[8] = {'Q', 'J', 'Y', 'E', 'V', '0', '1', '\n'};

uint16_t Intern(std::string_view code, std::vector<std::string>& codes,
                std::unordered_map<std::string, uint16_t>& index) {
  std::string key(code);
  if (auto it = index.find(key); it != index.end()) return it->second;
  const auto i = static_cast<uint16_t>(codes.size());
  codes.push_back(key);
  index.emplace(std::move(key), i);
  return i;
}

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

template <class T>
bool Write(std::FILE* f, const std::vector<T>& v) {
  return v.empty() || std::fwrite(v.data(), sizeof(T), v.size(), f) == v.size();
}
template <class T>
bool Read(std::FILE* f, std::vector<T>& v, size_t n) {
  v.resize(n);
  return n == 0 || std::fread(v.data(), sizeof(T), n, f) == n;
}
bool WriteCodes(std::FILE* f, const std::vector<std::string>& codes) {
  const auto n = static_cast<uint32_t>(codes.size());
  if (std::fwrite(&n, sizeof n, 1, f) != 1) return false;
  for (const auto& c : codes) {
    const auto len = static_cast<uint16_t>(c.size());
    if (std::fwrite(&len, sizeof len, 1, f) != 1 || std::fwrite(c.data(), 1, len, f) != len)
      return false;
  }
  return true;
}
bool ReadCodes(std::FILE* f, std::vector<std::string>& codes) {
  uint32_t n = 0;
  if (std::fread(&n, sizeof n, 1, f) != 1 || n > 0xFFFF) return false;
  codes.resize(n);
  for (auto& c : codes) {
    uint16_t len = 0;
    if (std::fread(&len, sizeof len, 1, f) != 1) return false;
    c.resize(len);
    if (len && std::fread(c.data(), 1, len, f) != len) return false;
  }
  return true;
}

}  // namespace

const char* MeasureCode(Measure m) {
  switch (m) {
    case Measure::kNewUrbanJobs:
      return "new_urban_jobs";
    case Measure::kReemployed:
      return "reemployed";
    case Measure::kReemployedHard:
      return "reemployed_hard_to_employ";
    case Measure::kUnemployed:
      return "registered_unemployed";
    case Measure::kEmployed:
      return "employed";
    case Measure::kMonitoringEmployed:
      return "monitoring_objects_employed";
    case Measure::kContributions:
      return "contribution_months";
  }
  return "";
}

uint16_t EventStore::County(std::string_view code) {
  return Intern(code, county_codes_, county_index_);
}

uint16_t EventStore::Township(std::string_view code) {
  if (code.empty()) return kNoTownship;
  return Intern(code, township_codes_, township_index_);
}

void EventStore::Reserve(size_t n) {
  county_.reserve(n);
  township_.reserve(n);
  day_.reserve(n);
  measure_.reserve(n);
  delta_.reserve(n);
}

void EventStore::Append(const EventStore& other) {
  std::vector<uint16_t> county_map, township_map;
  for (const auto& c : other.counties()) county_map.push_back(County(c));
  for (const auto& t : other.townships()) township_map.push_back(Township(t));
  Reserve(size() + other.size());
  for (size_t i = 0; i < other.size(); ++i) {
    const uint16_t t = other.township_[i];
    county_.push_back(county_map[other.county_[i]]);
    township_.push_back(t == kNoTownship ? kNoTownship : township_map[t]);
    day_.push_back(other.day_[i]);
    measure_.push_back(other.measure_[i]);
    delta_.push_back(other.delta_[i]);
  }
}

Result<void> EventStore::Save(const std::filesystem::path& file) const {
  File f(std::fopen(file.c_str(), "wb"));
  if (!f) return Fail(ErrorCode::kIo, "无法写入事件文件 " + file.string());
  const uint64_t n = size();
  bool ok = std::fwrite(kMagic, 1, sizeof kMagic, f.get()) == sizeof kMagic &&
            WriteCodes(f.get(), county_codes_) && WriteCodes(f.get(), township_codes_) &&
            std::fwrite(&n, sizeof n, 1, f.get()) == 1 && Write(f.get(), county_) &&
            Write(f.get(), township_) && Write(f.get(), day_) && Write(f.get(), measure_) &&
            Write(f.get(), delta_);
  if (!ok || std::fflush(f.get()) != 0)
    return Fail(ErrorCode::kIo, "写入事件文件失败：" + file.string());
  return {};
}

Result<EventStore> EventStore::Load(const std::filesystem::path& file) {
  File f(std::fopen(file.c_str(), "rb"));
  if (!f) return Fail(ErrorCode::kIo, "无法读取事件文件 " + file.string());
  char magic[sizeof kMagic];
  if (std::fread(magic, 1, sizeof magic, f.get()) != sizeof magic ||
      std::memcmp(magic, kMagic, sizeof magic) != 0) {
    return Fail(ErrorCode::kInvalidArgument, "不是事件文件：" + file.string());
  }
  EventStore s;
  uint64_t n = 0;
  bool ok = ReadCodes(f.get(), s.county_codes_) && ReadCodes(f.get(), s.township_codes_) &&
            std::fread(&n, sizeof n, 1, f.get()) == 1 && Read(f.get(), s.county_, n) &&
            Read(f.get(), s.township_, n) && Read(f.get(), s.day_, n) &&
            Read(f.get(), s.measure_, n) && Read(f.get(), s.delta_, n);
  if (!ok) return Fail(ErrorCode::kInvalidArgument, "事件文件不完整：" + file.string());
  for (size_t i = 0; i < s.county_codes_.size(); ++i)
    s.county_index_.emplace(s.county_codes_[i], i);
  for (size_t i = 0; i < s.township_codes_.size(); ++i)
    s.township_index_.emplace(s.township_codes_[i], i);
  return s;
}

}  // namespace qjy::monitor
