#include "services/context.h"

#include "core/refdata.h"

namespace qjy::services {

Result<std::unique_ptr<ServicesContext>> ServicesContext::Load(const std::string& refdata_dir,
                                                               const std::string& data_dir) {
  auto cal = WorkCalendar::Load(refdata_dir);
  if (!cal) return std::unexpected(cal.error());
  return WithCalendar(std::move(*cal), data_dir);
}

Result<std::unique_ptr<ServicesContext>> ServicesContext::WithCalendar(WorkCalendar calendar,
                                                                       const std::string& data_dir) {
  auto idx = WorkdayIndex::Build(calendar);
  if (!idx) return std::unexpected(idx.error());
  auto cat = PackageCatalog::Load(data_dir + "/service_packages.yaml");
  if (!cat) return std::unexpected(cat.error());
  auto params = ServiceParams::Load(data_dir + "/service_params.yaml");
  if (!params) return std::unexpected(params.error());
  return std::unique_ptr<ServicesContext>(new ServicesContext(
      std::move(calendar), std::move(*idx), std::move(*cat), std::move(*params)));
}

Result<std::unique_ptr<ServicesContext>> ServicesContext::WithCalendar(WorkCalendar calendar,
                                                                       const ServicesContext& data) {
  auto idx = WorkdayIndex::Build(calendar);
  if (!idx) return std::unexpected(idx.error());
  return std::unique_ptr<ServicesContext>(
      new ServicesContext(std::move(calendar), std::move(*idx), data.catalog_, data.params_));
}

Result<std::unique_ptr<ServicesContext>> ServicesContext::LoadDefault() {
  return Load(RefdataDir(), ServicesDataDir());
}

}  // namespace qjy::services
