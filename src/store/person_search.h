// Finding persons (#14): the person_search table (store/registry_schema.cc)
// and what an officer types into one search box.
//
// A search is always scoped to a region prefix (the officer's region; empty
// only for a province-wide reader) with the officer's rule
// (server/access.h MayReadPerson): the person's household registration,
// residence or owning county lies in it. It reads person_search in key order
// (county, person id) from the scope's counties, at most `limit` rows per
// call, with a keyset cursor "county:person_id"; a person belonging to
// several counties of the scope is returned once.
//
// Internal to store/ except for the text classification, which the server
// uses to say what it searched for.
#ifndef QJY_STORE_PERSON_SEARCH_H_
#define QJY_STORE_PERSON_SEARCH_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/vault.h"
#include "registry/model.h"
#include "store/db.h"

namespace qjy::store {

// What the text of the search box is, decided by its shape alone.
enum class PersonQueryKind {
  kNone,         // empty: no text condition
  kName,         // part of a name, matched anywhere in it ("张", "小明")
  kInitials,     // ASCII letters: 拼音首字母, matched at the start ("zw")
  kIdNumber,     // a full 18-character ID number: exact, by its keyed hash
  kIdMasked,     // an ID number as lists show it ("5201**********123X")
  kPhone,        // a full 11-digit mobile number: exact, by its keyed hash
  kPhoneMasked,  // a phone as lists show it ("138****5678")
  kTail,         // 4 digits (or 3 and X): the end of an ID number or a phone
};

struct PersonQuery {
  PersonQueryKind kind = PersonQueryKind::kNone;
  std::string text;  // normalised: trimmed, letters lower-cased (initials) or X upper-cased
};

// kInvalidArgument (Chinese message) for text of no recognisable shape:
// digits of another length, a mix of letters and digits, over 30 characters.
Result<PersonQuery> ClassifyPersonQuery(std::string_view text);

// "姓名", "拼音首字母", "身份证号", "手机号", "身份证号或手机号末四位"... for
// telling the officer what was searched.
const char* PersonQueryKindLabel(PersonQueryKind kind);

struct PersonSearch {
  std::string scope;  // region prefix (2/4/6/9/12 digits); empty = every person
  PersonQuery query;
  // Household or residence region within one of these prefixes (villages or
  // townships an officer picked by name); empty = no condition.
  std::vector<std::string> places;
  std::optional<registry::Group> group;
  std::string after;  // cursor from the previous page, "" for the first
  int limit = 20;
};

struct PersonSearchPage {
  std::vector<registry::Person> persons;  // in (county, person id) order
  std::string next_after;                 // "" when this is the last page
};

namespace person_search {

// The person_search rows of one person (person_id set), one per distinct
// county of {owning, household, residence}.
std::vector<std::vector<Value>> Rows(const registry::Person& p, const Vault& vault);
extern const std::vector<std::string> kColumns;

// Writes the rows of new `persons` (ids set); Replace swaps the rows of a
// stored person (`old` as stored, `now` as updated). Inside the caller's
// transaction.
Result<void> Write(Db& db, std::span<const registry::Person> persons, const Vault& vault);
Result<void> Replace(Db& db, const registry::Person& old, const registry::Person& now,
                     const Vault& vault);

// Fills person_search from persons when it is empty and persons is not
// (a database from before the table), in one transaction, 1000 persons a
// page. Outside a transaction. Another process that filled it first wins
// (its rows stand; this call then does nothing).
Result<void> FillIfEmpty(Db& db);

// The ids of one page of matches, in order, and the cursor of the next.
struct IdPage {
  std::vector<int64_t> person_ids;
  std::string next_after;
};
Result<IdPage> FindIds(Db& db, const Vault& vault, const PersonSearch& search);

}  // namespace person_search
}  // namespace qjy::store

#endif  // QJY_STORE_PERSON_SEARCH_H_
