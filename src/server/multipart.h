// multipart/form-data (RFC 7578) parsing for uploads.
#ifndef QJY_SERVER_MULTIPART_H_
#define QJY_SERVER_MULTIPART_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace qjy::server {

struct FormPart {
  std::string name;          // form field name
  std::string filename;      // "" when not a file
  std::string content_type;  // "" when not given
  std::string_view data;     // a view into the request body: no copy of the upload
};

// `content_type` is the request's Content-Type header. kInvalidArgument
// (Chinese message) for a missing boundary, a missing closing delimiter, a
// part without headers or without a Content-Disposition name. The parts'
// data views `body`, which must outlive them.
Result<std::vector<FormPart>> ParseMultipart(std::string_view content_type, std::string_view body);

}  // namespace qjy::server

#endif  // QJY_SERVER_MULTIPART_H_
