#include "server/import_screening.h"

#include <memory>

#include <fmt/format.h>

#include "ads/ad_desk.h"
#include "ads/screener.h"
#include "core/clause_display.h"
#include "registry/validate.h"

namespace qjy::server {

Result<importer::ImportOptions::JobHold> MakeImportJobHold(store::Db& db, const Vault& vault,
                                                           std::string actor,
                                                           std::shared_ptr<const ads::WageReference> wages) {
  auto screener = ads::Screener::LoadDefault();
  if (!screener) return std::unexpected(screener.error());
  if (auto m = ads::AdDesk::Migrate(db); !m) return std::unexpected(m.error());
  auto shared = std::make_shared<const ads::Screener>(std::move(*screener));
  return [&db, &vault, shared, wages = std::move(wages), actor = std::move(actor)](
             const registry::Job& job, int64_t /*row*/) -> Result<std::vector<importer::RowError>> {
    ads::AdDesk desk(db, vault, *shared);
    desk.set_wage_reference(wages);
    ads::JobAd ad;
    ad.job = job;
    auto held = desk.HoldIfFlagged(ad, actor);
    if (!held) return std::unexpected(held.error());
    std::vector<importer::RowError> out;
    if (!*held) return out;
    for (const ads::Finding& f : (*held)->findings) {
      const char* what = f.kind == "fraud" ? "可能构成虚假、欺诈招聘" : "可能构成就业歧视";
      // The pay check names the wage column of the import file.
      std::string column =
          f.field == "月薪上限" ? std::string(registry::field::kWageMax) : f.field;
      out.push_back({0, std::move(column), f.matched,
                     fmt::format("{}（{}，{}）：{}；本行未写入岗位库，已转人社部门审核（审核编号 {}）",
                                 what, f.label, DisplayClause(f.clause), f.suggestion,
                                 (*held)->ad_id)});
    }
    return out;
  };
}

}  // namespace qjy::server
