// Db over SQLite 3 (the embedded default). The file is opened in WAL mode
// with synchronous=FULL (a committed transaction survives power loss),
// foreign keys enforced and a 30 s busy timeout, so a second process waits
// for the write lock instead of failing. Begin() takes the write lock at once
// (BEGIN IMMEDIATE): a transaction never fails half-way on lock upgrade.
//
// Errors: a UNIQUE / PRIMARY KEY violation is kAlreadyExists, a busy or
// locked database kConflict, anything else kStore.
#ifndef QJY_STORE_SQLITE_DB_H_
#define QJY_STORE_SQLITE_DB_H_

#include <memory>
#include <string_view>

#include "core/error.h"
#include "store/db.h"

namespace qjy::store {

// Opens (creating if missing) the SQLite database file at `path`.
Result<std::unique_ptr<Db>> OpenSqlite(std::string_view path);

}  // namespace qjy::store

#endif  // QJY_STORE_SQLITE_DB_H_
