// Fixtures for the importer's tests: temporary directories, valid ID
// numbers and credit codes (check characters computed), a registry over a
// fresh SQLite file, the region index.
#ifndef QJY_IMPORTER_IMPORT_TEST_UTIL_H_
#define QJY_IMPORTER_IMPORT_TEST_UTIL_H_

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "core/credit_code.h"
#include "core/id_number.h"
#include "core/refdata.h"
#include "core/regions.h"
#include "core/vault.h"
#include "importer/import.h"
#include "store/db.h"
#include "store/registry_store.h"

namespace qjy::importer::testing {

inline std::string Id(std::string_view first17) {
  return std::string(first17) + ResidentIdCheckChar(first17).value();
}
// The i-th test person's ID: Guiyang Nanming, born 1980-01-01 + i/900 days.
inline std::string PersonId(int i) {
  Date birth = Date::FromYmd(1980, 1, 1)->AddDays(i / 900);
  char buf[32];
  std::snprintf(buf, sizeof buf, "520102%04d%02d%02d%03d", birth.year(), birth.month(), birth.day(),
                i % 900 + 1);
  return Id(buf);
}
inline std::string CreditCode(std::string_view first17) {
  return std::string(first17) + CreditCodeCheckChar(first17).value();
}
// The i-th test employer's credit code.
inline std::string EmployerCode(int i) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "91520102MA%07d", i);
  return CreditCode(buf);
}

class TempDir {
 public:
  TempDir() {
    static std::atomic<int> n{0};
    path_ = std::filesystem::temp_directory_path() /
            ("qjy_import_" + std::to_string(getpid()) + "_" + std::to_string(n++));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string operator/(std::string_view name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

inline void WriteFile(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

inline const RegionIndex& Regions() {
  static const RegionIndex* regions = [] {
    auto r = RegionIndex::Load(RefdataDir());
    if (!r) {
      ADD_FAILURE() << r.error().message;
      std::abort();
    }
    return new RegionIndex(std::move(*r));
  }();
  return *regions;
}

inline Vault TestVault() {
  std::array<uint8_t, 32> key{};
  for (size_t i = 0; i < key.size(); ++i) key[i] = static_cast<uint8_t>(i * 7 + 1);
  return Vault::FromKey(key);
}

// A registry over a SQLite file in `dir`.
struct TestRegistry {
  explicit TestRegistry(const std::string& db_path) : vault(TestVault()) {
    auto opened = store::OpenDb(db_path);
    if (!opened) {
      ADD_FAILURE() << opened.error().message;
      return;
    }
    db = std::move(*opened);
    registry = std::make_unique<store::RegistryStore>(*db, vault);
    auto m = registry->Migrate();
    if (!m) ADD_FAILURE() << m.error().message;
  }
  Vault vault;
  std::unique_ptr<store::Db> db;
  std::unique_ptr<store::RegistryStore> registry;
};

inline ImportOptions TestOptions() {
  ImportOptions o;
  o.today = *Date::FromYmd(2024, 6, 1);
  o.regions = &Regions();
  return o;
}

inline const char* kPersonHeader =
    "身份证号,姓名,民族,手机号,户籍地,常住地,工作地,参保地,文化程度,毕业(离校)日期,技能,"
    "职业资格证书,人员类别\r\n";

// A valid person row for PersonId(i): two groups and one certificate.
inline std::string PersonRow(int i, std::string_view name = "张三") {
  return PersonId(i) + "," + std::string(name) + ",苗族,138" + std::to_string(10000000 + i) +
         ",520102,贵阳市云岩区,,,本科,2012-07-01,焊接;电工,焊工:4:2022-05-01,"
         "高校毕业生@2012-07-01~;脱贫人口@2021-01-01~2025-12-31\r\n";
}

}  // namespace qjy::importer::testing

#endif  // QJY_IMPORTER_IMPORT_TEST_UTIL_H_
