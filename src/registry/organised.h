// Whether an employment spell away from home was organised (有组织劳务输出,
// 附件2（四）: "以县为单位将农村劳动力外出务工组织化程度稳定在70%左右").
// A fact recorded on the spell (Contract::organised_via), never derived:
// empty means not recorded (未记录), which is not "not organised".
//
// Reading (the document names the organisers in the same clause and in
// 正文（十四）/附件2（一）（三）): a spell is organised when the worker went out
// through one of
//   station     驻外劳务协作站（点）            (附件2（三）)
//   base        “一县一企”“一县多企”稳岗就业基地 (附件2（一）)
//   agency      人力资源服务机构、劳务公司、劳务合作社、劳务经纪人 (附件2（四）)
//   government  政府部门组织的招聘活动、点对点输送（专车、专列）等
// and not organised (自主外出) when recorded as `self`. Pure; thread-safe.
#ifndef QJY_REGISTRY_ORGANISED_H_
#define QJY_REGISTRY_ORGANISED_H_

#include <optional>
#include <string>
#include <string_view>

namespace qjy::registry {

// The codes, in order; "" (not recorded) is not among them.
inline constexpr std::string_view kOrganisedCodes[] = {"station", "base", "agency", "government", "self"};

// The code for a code or label ("劳务协作站", "自主外出", …; blanks around
// ignored); "" for an empty text; nullopt for anything else.
std::optional<std::string> ParseOrganisedVia(std::string_view text);
// The label of a code: 经劳务协作站 / 经稳岗就业基地 / 经人力资源服务机构 /
// 政府组织 / 自主外出; "未记录" for "".
std::string_view OrganisedViaLabel(std::string_view code);
// Organised (any code but "self" and "")?
bool IsOrganised(std::string_view code);

}  // namespace qjy::registry

#endif  // QJY_REGISTRY_ORGANISED_H_
