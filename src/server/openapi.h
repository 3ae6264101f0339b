// The OpenAPI 3 description of the JSON API, written by hand next to the
// route table (api.cc); openapi_test.cc checks that every route appears.
#ifndef QJY_SERVER_OPENAPI_H_
#define QJY_SERVER_OPENAPI_H_

#include <string_view>

namespace qjy::server {

std::string_view OpenApiJson();

}  // namespace qjy::server

#endif  // QJY_SERVER_OPENAPI_H_
