// The JSON body schema of every route that reads a JSON body: one table,
// checked in one place (Api::Dispatch) before any handler runs, so that a
// field of the wrong JSON type ({"note":1}, a string person_id, a numeric
// region) is a 400 naming the field, never a type_error deep in a handler.
//
// A route listed here needs Content-Type application/json (415 otherwise:
// a form post or text/plain cannot reach it, which closes login CSRF) and a
// body that is a JSON object. Fields not listed are ignored; listed fields
// may be absent (handlers say which are required); null is accepted only
// where `nullable` says so.
//
// Pure data and functions; thread-safe.
#ifndef QJY_SERVER_BODY_SCHEMA_H_
#define QJY_SERVER_BODY_SCHEMA_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "server/http_message.h"

namespace qjy::server {

enum class FieldType {
  kString,
  kInteger,
  kIntegerOrDigits,  // an integer, or a string of digits ("12")
  kBoolean,
  kStringArray,
  kIntegerMap,       // an object of whole numbers ({"均等化": 18, …})
};

struct BodyField {
  std::string name;   // "person_id"
  FieldType type = FieldType::kString;
  std::string label;  // Chinese name shown to the user: "人员编号"
  bool nullable = false;
};

struct BodySchema {
  std::string method;   // "POST"
  std::string pattern;  // "/api/gig/posts/{post_id}/book", as in the route table
  std::vector<BodyField> fields;
};

// Every route with a JSON body.
const std::vector<BodySchema>& BodySchemas();

// The schema of a route, or nullptr when it reads no JSON body.
const BodySchema* FindBodySchema(std::string_view method, std::string_view pattern);

// True when `value` has the declared type (null only when nullable).
bool FieldTypeMatches(const BodyField& field, const nlohmann::json& value);

// Checks the Content-Type and the body of a request for `schema`: nullopt
// when it passes, else the response (415 for the media type, 400 with
// {"error":"invalid_argument","message","errors":[{field,value,reason}]}).
std::optional<HttpResponse> CheckJsonBody(const BodySchema& schema, const HttpRequest& req);

// True when the Content-Type is application/json (parameters allowed).
bool IsJsonContentType(std::string_view content_type);

}  // namespace qjy::server

#endif  // QJY_SERVER_BODY_SCHEMA_H_
