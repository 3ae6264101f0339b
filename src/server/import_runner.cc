#include "server/import_runner.h"

#include <fstream>

#include "importer/import.h"
#include "store/registry_store.h"

namespace qjy::server {

ImportRunner MakeImporterRunner(const RegionIndex& regions, const auth::Clock& clock) {
  return [&regions, &clock](store::Db& db, const Vault& vault, const ImportRequest& request,
                            ImportProgress& progress) -> Result<nlohmann::json> {
    auto entity = importer::ParseEntity(request.entity);
    if (!entity) return Fail(ErrorCode::kInvalidArgument, "未知的导入类型：" + request.entity);
    if (request.file_path.ends_with(".csv")) {  // rough total for the progress bar
      std::ifstream in(request.file_path, std::ios::binary);
      int64_t lines = 0;
      for (std::string line; std::getline(in, line);) ++lines;
      progress.rows_total = std::max<int64_t>(lines - 1, 0);
    }
    store::RegistryStore registry(db, vault);
    importer::ImportOptions options;
    options.today = Date::FromDays(static_cast<int32_t>(clock.Now() / 86400));
    options.regions = &regions;
    options.region_within = request.region_scope;
    options.actor = request.actor;
    options.after_batch = [&progress](int64_t rows) { progress.rows_done = rows; };
    auto result = importer::Import(*entity, request.file_path, registry, db, options);
    if (!result) return std::unexpected(result.error());
    progress.rows_done = result->rows;
    progress.rows_total = result->rows;
    nlohmann::json j = nlohmann::json::parse(result->ToJson().dump());
    j["file"] = request.file_name;
    return j;
  };
}

}  // namespace qjy::server
