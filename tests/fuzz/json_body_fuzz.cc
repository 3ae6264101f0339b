// JSON request bodies (server/body_schema.h): the schema check every JSON
// route runs before its handler, and the object parse handlers use.
//
// Input: one byte choosing the route (index into BodySchemas(), modulo
// their number) and the Content-Type (its top bit: application/json or a
// variant with parameters), then the body. Properties: a body that passes
// has every listed field of the declared type; a rejection is 400 or 415
// with a JSON body in valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "core/utf8.h"
#include "server/api_internal.h"
#include "server/body_schema.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace qjy::server;
  if (size == 0) return 0;
  const auto& schemas = BodySchemas();
  const BodySchema& schema = schemas[data[0] % schemas.size()];
  QJY_FUZZ_CHECK(FindBodySchema(schema.method, schema.pattern) == &schema);

  HttpRequest req;
  req.method = schema.method;
  req.target = schema.pattern;
  req.body.assign(reinterpret_cast<const char*>(data) + 1, size - 1);
  req.headers.emplace_back("content-type",
                           data[0] & 0x80 ? "Application/JSON; charset=utf-8" : "application/json");

  std::optional<HttpResponse> rejected = CheckJsonBody(schema, req);
  HttpResponse error;
  std::optional<nlohmann::json> object = ParseJsonObject(req, error);
  if (!rejected) {
    QJY_FUZZ_CHECK(object.has_value());
    for (const BodyField& f : schema.fields) {
      auto it = object->find(f.name);
      QJY_FUZZ_CHECK(it == object->end() || FieldTypeMatches(f, *it));
    }
  } else {
    QJY_FUZZ_CHECK(rejected->status == 400);
    QJY_FUZZ_CHECK(qjy::IsValidUtf8(rejected->body));
    auto body = nlohmann::json::parse(rejected->body, nullptr, /*allow_exceptions=*/false);
    QJY_FUZZ_CHECK(body.is_object() && body.contains("error"));
  }
  return 0;
}
