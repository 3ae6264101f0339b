// Errors as values. Every fallible operation returns Result<T>; "not
// eligible", "not found in a search" and similar outcomes are ordinary
// results, not errors. Error::message is for people and is written in
// Simplified Chinese where a user may see it.
#ifndef QJY_CORE_ERROR_H_
#define QJY_CORE_ERROR_H_

#include <expected>
#include <string>
#include <utility>

namespace qjy {

enum class ErrorCode {
  kInvalidArgument,   // bad input from a user or file
  kNotFound,
  kAlreadyExists,
  kConflict,          // concurrent change, uniqueness clash
  kOutOfRange,        // a value outside what the code can represent or compute
  kPermissionDenied,
  kIo,                // files, network
  kStore,             // database driver failure
  kInternal,
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
};

template <class T>
using Result = std::expected<T, Error>;

// Shorthand: `return Fail(ErrorCode::kNotFound, "没有该人员");`
inline std::unexpected<Error> Fail(ErrorCode code, std::string message) {
  return std::unexpected<Error>(Error{code, std::move(message)});
}

// Name of the code, for logs and JSON ("invalid_argument", ...).
const char* ErrorCodeName(ErrorCode code);

}  // namespace qjy

// The shared early return for Result-valued expressions, in a function that
// itself returns a Result (of any value type):
//   QJY_TRY(tx->Commit());                       // returns its error, if any
//   QJY_ASSIGN_OR_RETURN(p.birth_date, Date::Parse(text));  // or moves the value in
// (used as statements; QJY_TRY is an `if` without `else`, so not as the
// body of an unbraced if/else).
#define QJY_TRY(expr) \
  if (auto qjy_try_result = (expr); !qjy_try_result) return std::unexpected(qjy_try_result.error())

#define QJY_ASSIGN_OR_RETURN(lhs, expr)                                        \
  do {                                                                         \
    auto qjy_assign_result = (expr);                                           \
    if (!qjy_assign_result) return std::unexpected(qjy_assign_result.error()); \
    lhs = std::move(*qjy_assign_result);                                       \
  } while (0)

#endif  // QJY_CORE_ERROR_H_
