#include "server/api_context.h"

#include <cstdlib>

#include "core/install_paths.h"
#include "policy/policy_dir.h"

namespace qjy::server {
namespace {

Error Prefixed(const char* what, const Error& e) { return Error{e.code, std::string(what) + e.message}; }

}  // namespace

Result<std::shared_ptr<const ApiContext>> LoadApiContext(const ApiContextPaths& paths) {
  auto ctx = std::make_shared<ApiContext>();

  auto params = policy::ParameterSet::LoadDir(paths.policy_params_dir.empty() ? policy::DefaultParamsDir()
                                                                              : paths.policy_params_dir);
  if (!params) return std::unexpected(Prefixed("政策参数无法加载：", params.error()));
  ctx->policy_params = std::make_unique<const policy::ParameterSet>(std::move(*params));

  auto services = services::ServicesContext::LoadDefault();
  if (!services) return std::unexpected(Prefixed("就业服务数据无法加载：", services.error()));
  ctx->services = std::move(*services);

  auto screener = ads::Screener::LoadDefault();
  if (!screener) return std::unexpected(Prefixed("招聘信息筛查规则无法加载：", screener.error()));
  ctx->screener = std::make_unique<const ads::Screener>(std::move(*screener));
  // The 2022 classification's major and medium groups (src/match ships
  // them); without the file only the code form of an ad's occupation is checked.
  if (auto occ = ads::OccupationList::Load(ShippedPath("src/match/data/occupation_groups.csv").string())) {
    ctx->ad_occupations = std::make_unique<const ads::OccupationList>(std::move(*occ));
  }

  auto tree = match::OccupationTree::LoadDefault();
  if (!tree) return std::unexpected(Prefixed("职业分类无法加载：", tree.error()));
  if (const char* f = std::getenv("QJY_OCCUPATIONS_FILE"); f && *f) {
    if (auto r = tree->LoadFile(f); !r) return std::unexpected(Prefixed("职业分类无法加载：", r.error()));
  }
  ctx->occupations = std::make_unique<const match::OccupationTree>(std::move(*tree));
  auto weights = match::LoadDefaultWeights();
  if (!weights) return std::unexpected(Prefixed("人岗匹配权重无法加载：", weights.error()));
  ctx->match_weights = *weights;
  return std::shared_ptr<const ApiContext>(std::move(ctx));
}

}  // namespace qjy::server
