#include "network/tiers.h"

namespace qjy::network {

std::string TierLabel(std::string_view tier) {
  if (tier == "province") return "省级";
  if (tier == "prefecture") return "市州级";
  if (tier == "county") return "县级";
  if (tier == "township") return "乡镇级";
  if (tier == "village") return "村级";
  return std::string(tier);
}

std::string StationTierLabel(std::string_view tier) {
  if (tier == "province") return "省级总站";
  if (tier == "prefecture") return "市州分站";
  if (tier == "county") return "县级工作站";
  return TierLabel(tier);
}

}  // namespace qjy::network
