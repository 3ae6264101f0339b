// The Chinese name of a service site's tier code (province → 省级, …,
// village → 村级), as officers read it in lists and the coverage report.
// An unknown code is returned as given. Pure.
#ifndef QJY_NETWORK_TIERS_H_
#define QJY_NETWORK_TIERS_H_

#include <string>
#include <string_view>

namespace qjy::network {

std::string TierLabel(std::string_view tier);
// A labour-cooperation station's tier: 省级总站, 市州分站, 县级工作站
// (正文（十四）“省级总站+市州分站+县级工作站”); other codes as TierLabel.
std::string StationTierLabel(std::string_view tier);

}  // namespace qjy::network

#endif  // QJY_NETWORK_TIERS_H_
