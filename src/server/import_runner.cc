#include "server/import_runner.h"
#include "server/import_screening.h"

#include <fstream>
#include <memory>

#include "auth/role.h"
#include "importer/import.h"
#include "server/access.h"
#include "store/registry_store.h"

namespace qjy::server {
namespace {

// The row filter that keeps an import inside the officer's region, with
// the read rules of access.h: a person by household registration,
// residence or owning county; an employer by its registered place or
// owning county; a job by its workplace or its employer; a contract by its
// person (a contract whose person is not registered yet is left to the
// store, which rejects it). `registry` serves the job and contract checks,
// which run on the importer's calling thread.
//
// A row is also refused when it would change a record already stored
// outside the region (same ID number or credit code, new address inside):
// an officer may not take over another county's person or employer by
// re-importing it. The person check runs on the importer's reading thread,
// so it uses its own connection, `lookup` (used by that thread only).
struct PersonLookup {
  std::unique_ptr<store::Db> db;
  std::unique_ptr<store::RegistryStore> registry;
};

importer::ImportOptions::RowFilter ScopeFilter(const std::string& scope,
                                               const RegionIndex& regions,
                                               store::RegistryStore& registry,
                                               std::shared_ptr<PersonLookup> lookup,
                                               const Vault& vault) {
  auto officer = std::make_shared<auth::Account>();
  officer->role = auth::Role::kOfficer;
  officer->region_code = scope;
  auto name = regions.FullName(scope);
  const std::string reason =
      "不在您的管辖范围（" + (name ? *name : scope) + "）内，无权导入";
  importer::ImportOptions::RowFilter f;
  const std::string takeover = "该记录已由您管辖范围（" + (name ? *name : scope) +
                               "）以外的地区登记管理，无权修改";
  f.person = [officer, reason, takeover, lookup, &vault](const registry::Person& p) {
    if (!MayReadPerson(*officer, p, vault)) return reason;
    auto stored = lookup->registry->FindPersonByIdNumber(p.id_number);
    if (!stored) return std::string("无法核对人员的管辖范围：") + stored.error().message;
    if (*stored && !MayReadPerson(*officer, **stored, vault)) return takeover;
    return std::string();
  };
  f.employer = [officer, reason, takeover, &registry](const registry::Employer& e) {
    if (!MayReadEmployer(*officer, e.credit_code, e.region, e.county_code)) return reason;
    auto stored = registry.FindEmployer(e.credit_code);
    if (!stored) return std::string("无法核对单位的管辖范围：") + stored.error().message;
    if (*stored && !MayReadEmployer(*officer, (*stored)->credit_code, (*stored)->region,
                                    (*stored)->county_code)) {
      return takeover;
    }
    return std::string();
  };
  f.job = [officer, reason, &registry](const registry::Job& j) {
    if (RegionCovers(officer->region_code, j.place_region) ||
        RegionCovers(officer->region_code, j.county_code)) {
      return std::string();
    }
    auto e = registry.FindEmployer(j.employer_credit_code);
    if (e && *e && MayReadEmployer(*officer, (*e)->credit_code, (*e)->region, (*e)->county_code)) {
      return std::string();
    }
    return reason;
  };
  f.contract = [officer, reason, &registry, &vault](const registry::Contract& c) {
    auto p = registry.FindPersonByIdNumber(c.person_id_number);
    if (!p) return std::string("无法核对人员的管辖范围：") + p.error().message;
    if (!*p || MayReadPerson(*officer, **p, vault)) return std::string();
    return reason;
  };
  // Contribution months of persons of the officer's region only (the
  // person is known: the importer resolved it before calling).
  f.contribution = [officer, reason, &registry, &vault](const registry::Contribution& c) {
    auto p = registry.GetPerson(c.person_id);
    if (!p) return std::string("无法核对人员的管辖范围：") + p.error().message;
    if (*p && MayReadPerson(*officer, **p, vault)) return std::string();
    return reason;
  };
  f.separation = [officer, reason, &registry, &vault](const registry::Separation& s) {
    auto p = registry.GetPerson(s.person_id);
    if (!p) return std::string("无法核对人员的管辖范围：") + p.error().message;
    if (*p && MayReadPerson(*officer, **p, vault)) return std::string();
    return reason;
  };
  return f;
}

}  // namespace

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
    options.source_name = request.file_name;
    options.vault = &vault;
    options.after_batch = [&progress](int64_t rows) { progress.rows_done = rows; };
    // Every write stays inside the officer's region; an upload without a
    // scope is refused rather than imported unscoped.
    if (auth::RegionLevel(request.region_scope) == 0) {
      return Fail(ErrorCode::kPermissionDenied, "导入需要确定您的管辖范围");
    }
    auto lookup = std::make_shared<PersonLookup>();
    auto lookup_db = store::OpenDb(request.db_url);
    if (!lookup_db) return std::unexpected(lookup_db.error());
    lookup->db = std::move(*lookup_db);
    lookup->registry = std::make_unique<store::RegistryStore>(*lookup->db, vault);
    options.row_filter = ScopeFilter(request.region_scope, regions, registry, lookup, vault);
    if (*entity == importer::Entity::kJobs) {  // issue #17 §3: imported jobs are screened
      auto hold = MakeImportJobHold(db, vault, request.actor, request.wages);
      if (!hold) return std::unexpected(hold.error());
      options.job_hold = std::move(*hold);
    }
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
