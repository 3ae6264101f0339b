// The whole path of an officer's persons file (issue #13 §2): the bytes as
// a CSV upload → importer::Import (header search, row parsing and
// validation, masking of rejected cells, upserts into a SQLite registry)
// → the rejects file → the JSON result the server sends. Properties: no
// exception escapes, the result serialises with nlohmann's strict UTF-8
// check (the failure that stopped `qjy serve`), the counts add up, and the
// rejects file is valid UTF-8 (after its BOM).
//
// The registry is a SQLite file of this process, made anew every 500
// inputs so that it stays small.
#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

#include "core/date.h"
#include "core/refdata.h"
#include "core/regions.h"
#include "core/utf8.h"
#include "core/vault.h"
#include "fuzz_util.h"
#include "importer/import.h"
#include "store/db.h"
#include "store/registry_store.h"

namespace {

using namespace qjy;

struct Registry {
  std::string path;
  Vault vault;
  std::unique_ptr<store::Db> db;
  std::unique_ptr<store::RegistryStore> registry;

  explicit Registry(std::string p) : path(std::move(p)), vault(Key()) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    auto opened = store::OpenDb(path);
    QJY_FUZZ_CHECK(opened.has_value());
    db = std::move(*opened);
    registry = std::make_unique<store::RegistryStore>(*db, vault);
    QJY_FUZZ_CHECK(registry->Migrate().has_value());
  }
  static Vault Key() {
    std::array<uint8_t, 32> key{};
    for (size_t i = 0; i < key.size(); ++i) key[i] = static_cast<uint8_t>(i * 5 + 3);
    return Vault::FromKey(key);
  }
};

const RegionIndex& Regions() {
  static const RegionIndex regions = [] {
    auto r = RegionIndex::Load(RefdataDir());
    QJY_FUZZ_CHECK(r.has_value());
    return std::move(*r);
  }();
  return regions;
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static qjy::fuzz::ScratchFile file("-人员.csv");
  static qjy::fuzz::ScratchFile db_file(".sqlite");
  static std::unique_ptr<Registry> reg;
  static int inputs = 0;
  if (!reg || ++inputs % 500 == 0) {
    reg.reset();
    reg = std::make_unique<Registry>(db_file.path());
  }
  const std::string& path = file.Write(qjy::fuzz::AsText(data, size));
  const std::string rejects = importer::RejectsPathFor(path);
  std::filesystem::remove(rejects);

  importer::ImportOptions options;
  options.today = *Date::FromYmd(2025, 6, 30);
  options.regions = &Regions();
  options.batch_size = 7;  // several batches on small inputs
  options.max_errors = 20;
  auto result = importer::Import(importer::Entity::kPersons, path, *reg->registry, *reg->db, options);
  if (!result) {
    QJY_FUZZ_CHECK(IsValidUtf8(result.error().message));
    return 0;
  }
  // Strict: dump() throws type_error 316 on invalid UTF-8 (the crash of
  // issue #13 §2), which libFuzzer reports as a finding.
  const std::string json = result->ToJson().dump();
  QJY_FUZZ_CHECK(IsValidUtf8(json));
  const auto& r = *result;
  QJY_FUZZ_CHECK(r.rows == r.inserted + r.updated + r.unchanged + r.rejected + r.held);
  QJY_FUZZ_CHECK(r.errors.size() <= options.max_errors);
  if (r.rejected > 0 && std::filesystem::exists(rejects)) {
    std::string text = Slurp(rejects);
    if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
    QJY_FUZZ_CHECK(IsValidUtf8(text));
  }
  return 0;
}
