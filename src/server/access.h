// Region-scoped access: who may see which record.
//
// An officer sees a record when one of the record's regions lies at or
// below the officer's region (code-prefix on the 2/4/6/9/12-digit
// hierarchy, the same test RegionIndex::IsAncestorOrSelf makes for known
// codes). A person belongs to the regions of household registration
// (户籍地), residence (常住地) and the owning county (登记地). An employer
// account sees only its own employer, a seeker only its own person record
// (matched by the keyed hash of the ID number). Auditors list persons
// province-wide, masked, but open no person record.
//
// Pure functions, thread-safe.
#ifndef QJY_SERVER_ACCESS_H_
#define QJY_SERVER_ACCESS_H_

#include <optional>
#include <string>
#include <string_view>

#include "auth/account.h"
#include "core/vault.h"
#include "registry/model.h"

namespace qjy::server {

// Whether `code` is `scope` or below it. An empty or malformed scope
// covers nothing.
bool RegionCovers(std::string_view scope, std::string_view code);

// Whether the account is an officer (of any level).
inline bool IsOfficer(const auth::Account& a) { return a.role == auth::Role::kOfficer; }

// The region a list reads for an officer or auditor: `requested` (a
// ?region=), or when it is empty the officer's own region, the province for
// an auditor. nullopt (answer 403) for any other role, or a region outside
// the officer's.
std::optional<std::string> ReadableRegion(const auth::Account& a, std::string_view requested);

// Whether the account may open this person's record.
bool MayReadPerson(const auth::Account& a, const registry::Person& p, const Vault& vault);

// Whether the account may see this employer (by its credit code and the
// employer's registered region and owning county).
bool MayReadEmployer(const auth::Account& a, std::string_view credit_code,
                     std::string_view region, std::string_view county_code);

}  // namespace qjy::server

#endif  // QJY_SERVER_ACCESS_H_
