// Shared helpers of the api_*.cc files. Not a public interface.
#ifndef QJY_SERVER_API_INTERNAL_H_
#define QJY_SERVER_API_INTERNAL_H_

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ads/screener.h"
#include "auth/session_manager.h"
#include "registry/model.h"
#include "registry/validate.h"
#include "server/api.h"
#include "server/db_pool.h"
#include "services/calendar_store.h"

namespace qjy::loans {
struct Loan;
}  // namespace qjy::loans
namespace qjy::policy {
class ParameterSet;
}  // namespace qjy::policy

namespace qjy::server {

struct Api::Call {
  const HttpRequest& req;
  std::vector<std::string> params;  // path parameters in pattern order
  std::map<std::string, std::string> query;
  std::shared_ptr<const auth::Session> session;  // null for anonymous routes
  DbPool::Lease& db;
  const auth::Account& account() const { return session->account; }
};

// Creates the benefit tables (the callback of Api::EnsureMigrated for the
// benefit routes; api_benefits.cc).
Result<void> MigrateBenefits(store::Db& db);

// JSON text that never throws on invalid UTF-8.
std::string Dump(const nlohmann::json& j);
HttpResponse JsonOk(const nlohmann::json& j, int status = 200);
HttpResponse Forbidden();
HttpResponse NotFound(std::string_view what = "没有该记录");
HttpResponse BadRequest(std::string_view message);
HttpResponse StoreError(const Error& e, spdlog::logger& log);

// A generated file (XLSX, PDF) as bytes: `write` fills a path named `name`
// in a fresh private temporary directory, which is removed afterwards
// whatever happens. Errors: `write`'s, or kIo for the directory.
Result<std::string> RenderToBytes(const std::string& name,
                                  const std::function<Result<void>(const std::filesystem::path&)>& write);

// Parses the JSON object body; on failure fills `error` (400).
std::optional<nlohmann::json> ParseJsonObject(const HttpRequest& req, HttpResponse& error);

// Query integer parameter; nullopt (and `error` = 400) when malformed.
std::optional<int64_t> QueryInt(const std::map<std::string, std::string>& q, const std::string& key,
                                int64_t fallback, int64_t lo, int64_t hi, HttpResponse& error);
// A whole number in a JSON body: an integer, or a string of one (e.g.
// "12"); nullopt when absent, fractional, or anything else.
std::optional<int64_t> BodyInt(const nlohmann::json& body, const char* key);
// A date key of a JSON body (`field` its Chinese name for the error): absent
// keeps `out`, "" or null clears it; false, with a 400 in `error`, when it is
// not a YYYY-MM-DD date.
bool BodyOptDate(const nlohmann::json& body, const char* key, const char* field, std::optional<Date>& out,
                 HttpResponse& error);
// A text key of a JSON body: sets `out` when the key holds a string, else
// leaves it (a partial edit keeps the stored value).
void BodyText(const nlohmann::json& body, const char* key, std::string& out);
// "YYYY-MM-DD", or "" for no date.
inline std::string DateText(const std::optional<Date>& d) { return d ? d->ToString() : ""; }
std::string QueryText(const std::map<std::string, std::string>& q, const std::string& key);

// The person record of a seeker account, found by the keyed hash of its ID
// number (accounts keep no ID number): its id, or 0 when the account has no
// hash or no person is registered under it.
Result<int64_t> SeekerPersonId(store::Db& db, const auth::Account& a);

// Replaces runs of 11 or more digits (optionally ending in X) with their
// masked form, so typed text (a reveal reason) cannot carry an ID number
// into the audit trail.
std::string ScrubIdentity(std::string_view text);

// StoreError, but kConflict/kAlreadyExists answer 409 with the message.
HttpResponse ConflictAwareError(const Error& e, spdlog::logger& log);
// 400 {"error":"invalid_argument","message":…,"errors":[{field,value,reason}]}.
HttpResponse FieldErrorsResponse(const registry::FieldErrors& errors);

nlohmann::json PersonSummaryJson(const registry::Person& p);
// One loan as GET /api/loans lists it (api_loans.cc), with the subsidy paid.
nlohmann::json LoanJson(const loans::Loan& l, int64_t subsidy_fen, int64_t subsidy_months);
// A deadline moved by a loaded holiday notice (api_services.cc).
nlohmann::json DeadlineChangeJson(const services::DeadlineChange& m);
nlohmann::json PersonDetailJson(const registry::Person& p);

}  // namespace qjy::server

#endif  // QJY_SERVER_API_INTERNAL_H_
