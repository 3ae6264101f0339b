// Db over PostgreSQL 15 through libpq. `?` placeholders are rewritten to
// $1..$n (store/pg_placeholders.h) and each statement is prepared once per
// connection (PQprepare), cached by its text. Blob parameters travel in
// binary format; results come back as text and are converted by column type
// (integers to int64_t, bytea to Blob, booleans to 0/1, the rest as text).
// CopyIn uses COPY ... FROM STDIN in text format.
//
// Errors: SQLSTATE 23505 (unique violation) is kAlreadyExists, 40001/40P01
// (serialization failure, deadlock) kConflict, anything else kStore. As in
// PostgreSQL itself, an error inside a transaction aborts it: Commit() of an
// aborted transaction fails (and rolls back) instead of reporting success.
#ifndef QJY_STORE_PG_DB_H_
#define QJY_STORE_PG_DB_H_

#include <memory>
#include <string_view>

#include "core/error.h"
#include "store/db.h"

namespace qjy::store {

// `url`: a libpq connection URI, "postgresql://user@host:port/db?...".
Result<std::unique_ptr<Db>> OpenPostgres(std::string_view url);

}  // namespace qjy::store

#endif  // QJY_STORE_PG_DB_H_
