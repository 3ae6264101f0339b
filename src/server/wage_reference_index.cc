#include "server/wage_reference_index.h"

#include <vector>

namespace qjy::server {

std::shared_ptr<const ads::WageReference> WageReferenceFromIndex(const match::MatchIndex& index) {
  std::vector<ads::WageSample> samples;
  const size_t n = index.job_count();
  samples.reserve(n);
  for (match::JobIndex j = 0; j < n; ++j) {
    if (!index.Open(j)) continue;
    match::JobInfo info = index.Job(j);
    if (info.type != registry::JobType::kFullTime) continue;
    samples.push_back({std::move(info.occupation_code), info.wage_max_fen, std::move(info.employer_credit_code)});
  }
  const match::OccupationTree& tree = index.tree();
  return std::make_shared<const ads::WageReference>(ads::WageReference::Build(
      samples, [&tree](std::string_view code) { return tree.Name(code); }, index.today().ToString()));
}

}  // namespace qjy::server
