// A hold's stored summary (checks.h) as users read it. The summaries and
// evidence are stored with registry numbers only — person ids, county
// codes, rule codes (older summaries) — never names; they are named when
// shown, within the reader's scope: "人员 25100" by the person's name with
// the ID number masked, a county code by its name, a rule code by its title.
// Pure; the names come from the caller. Thread-safe.
#ifndef QJY_SUPERVISION_SUMMARY_TEXT_H_
#define QJY_SUPERVISION_SUMMARY_TEXT_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace qjy::supervision {

struct SummaryNamers {
  // "张三（5201**********123X）"; "" when unknown (then "（登记信息已不存在）").
  std::function<std::string(int64_t person_id)> person;
  // A region's name by code; "" when unknown (the code is then left).
  std::function<std::string(const std::string& code)> region;
};

// A person as a reader whose region is `scope` (a region code prefix; ""
// the province) may see them in a summary: "张三（5201**********123X）"
// (ID number masked) within the region; "辖区外人员（观山湖区）" elsewhere —
// a counterpart claimed in another county is named by its county alone,
// since the reader may not look up persons outside their region; region:
// a county's name by code ("" unknown: "其他县（区）").
std::string PersonForReader(const std::string& name, const std::string& id_number, const std::string& county_code,
                            std::string_view scope, const std::function<std::string(const std::string&)>& region);

// "人员 25100 的一次性吸纳就业补贴已由R5（520102，…）享受" →
// "人员 张三（5201**********123X）的一次性吸纳就业补贴已由“…”（南明区，…）享受".
std::string SummaryText(std::string_view stored, const SummaryNamers& names);

// The evidence with names beside the numbers, for display: every claim
// (claim, others[], claims[]) gains rule_title, county_name and
// person_name; a "persons" list of ids gains "person_names".
nlohmann::json NamedEvidence(const nlohmann::json& evidence, const SummaryNamers& names);

}  // namespace qjy::supervision

#endif  // QJY_SUPERVISION_SUMMARY_TEXT_H_
