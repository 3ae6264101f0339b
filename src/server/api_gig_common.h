// Shared by the gig-board route files (api_gig*.cc): who is calling, the
// lists' region, and the JSON forms of posts, availabilities, bookings and
// held posts. Not a public interface.
#ifndef QJY_SERVER_API_GIG_COMMON_H_
#define QJY_SERVER_API_GIG_COMMON_H_

#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "auth/account.h"
#include "core/date.h"
#include "core/error.h"
#include "core/vault.h"
#include "gig/gig_board.h"
#include "gig/gig_holds.h"
#include "server/http_message.h"
#include "store/db.h"

namespace qjy::server::gig_api {

// The caller's role on the board.
struct Caller {
  explicit Caller(const auth::Account& account)
      : a(account),
        officer(account.role == auth::Role::kOfficer),
        employer(account.role == auth::Role::kEmployer),
        seeker(account.role == auth::Role::kSeeker) {}
  const auth::Account& a;
  bool officer, employer, seeker;
};

// The person record of a seeker account (by the keyed hash of its ID
// number): its id, or 0 when the caller is no seeker or has none.
Result<int64_t> OwnPerson(store::Db& db, const Caller& who);

// Whether the caller may act for person `person_id`: a seeker for
// themselves, an officer for a person of their region.
Result<bool> PersonInScope(store::Db& db, const Vault& vault, const Caller& who, int64_t person_id);

// The region a list covers: an officer's own (or ?region below it); for
// others ?region, or the province.
std::string ListRegion(const Caller& who, const std::map<std::string, std::string>& query);

// Narrows a list filter to what the caller may list: a seeker their own
// person (false when they have none: the list is empty), an officer their
// region (ListRegion); an employer is left to the caller. Store errors as
// values.
Result<bool> ScopeListFilter(store::Db& db, const Caller& who, const std::map<std::string, std::string>& query,
                             gig::GigFilter& f);

// ?date=: an empty optional when absent; nullopt when malformed.
std::optional<std::optional<Date>> DateParam(const std::map<std::string, std::string>& query);

// "HH:MM" under `key`, or `fallback` when absent; nullopt when malformed.
std::optional<int> Minutes(const nlohmann::json& j, const char* key, int fallback);

// "王小明" -> "王**": the first character of a name, for employers.
std::string MaskName(const std::string& name);

// The post a path parameter names; empty with `out` a 404 (or 500) otherwise.
std::optional<gig::GigPost> PostOfPath(gig::GigBoard& board, const std::string& param, spdlog::logger& log,
                                       HttpResponse& out);

nlohmann::json PostJson(const gig::GigPost& p, const std::string& place_name);
nlohmann::json AvailJson(const gig::Availability& a);
nlohmann::json BookingJson(const gig::Booking& b);
nlohmann::json HoldJson(const gig::GigHold& h, const std::string& place_name);

}  // namespace qjy::server::gig_api

#endif  // QJY_SERVER_API_GIG_COMMON_H_
