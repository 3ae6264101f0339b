// Conversions between registry records and the values the store compares
// and writes: the list of a record's fields (for change detection and the
// diff_json of a Change), enum codes and dates to and from column text.
// Internal to store/.
#ifndef QJY_STORE_REGISTRY_CODEC_H_
#define QJY_STORE_REGISTRY_CODEC_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "registry/model.h"
#include "store/db.h"

namespace qjy::store::codec {

enum class Sensitivity { kPlain, kIdNumber, kPhone };

struct Field {
  const char* name;
  nlohmann::ordered_json value;
  Sensitivity sensitivity = Sensitivity::kPlain;
};
using Fields = std::vector<Field>;

// Every field but the id, in a fixed order.
Fields PersonFields(const registry::Person& p);
Fields EmployerFields(const registry::Employer& e);
Fields JobFields(const registry::Job& j);
Fields ContractFields(const registry::Contract& c);
Fields SiteFields(const registry::ServiceSite& s);

// {"field":[old,new],...} for the fields that differ (identity fields
// masked); "" when none differ. `before` null means an insert: every
// non-empty field as [null,new].
std::string DiffJson(const Fields* before, const Fields& after);

Value DateValue(Date d);
Value DateValue(const std::optional<Date>& d);
Value TextOrNull(const std::string& s);
Result<Date> ParseDate(const Row& row, size_t i);
Result<std::optional<Date>> ParseOptDate(const Row& row, size_t i);

// Parses a stored enum code; a code the program does not know is kStore.
template <class E>
Result<E> ParseCode(const Row& row, size_t i);

std::string SkillsJson(const std::vector<std::string>& skills);
std::vector<std::string> ParseSkills(std::string_view json);

}  // namespace qjy::store::codec

#endif  // QJY_STORE_REGISTRY_CODEC_H_
