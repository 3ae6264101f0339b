// A full disk, told apart from other errors. A write that fails because the
// disk (or the quota) is full is ErrorCode::kIo with a Chinese message that
// begins with kNoSpaceText and says that nothing of the write was kept and
// that it can be retried once space is freed:
//   SQLite  SQLITE_FULL, or an I/O error whose write failed with
//           ENOSPC/EDQUOT (store/sqlite_db.cc; the message names the
//           database file; a transaction it dooms commits with it too);
//   PostgreSQL  SQLSTATE 53100 disk_full (store/pg_db.cc;
//           policy_services/pg_disk_full_test.cc);
//   files   the importer's rejects file (importer/rejects_writer.h).
// Callers that would otherwise retry row by row or reject every row stop
// instead (importer/import.h); the HTTP layer answers 507 with the message
// (server paths stripped, server/client_message.h; server/disk_full_test.cc).
// The message is Chinese only: no driver or server text in English.
#ifndef QJY_STORE_NO_SPACE_H_
#define QJY_STORE_NO_SPACE_H_

#include <string_view>

#include "core/error.h"

namespace qjy::store {

inline constexpr std::string_view kNoSpaceText = "磁盘空间不足";

inline bool IsNoSpace(const Error& e) {
  return e.code == ErrorCode::kIo && std::string_view(e.message).starts_with(kNoSpaceText);
}

}  // namespace qjy::store

#endif  // QJY_STORE_NO_SPACE_H_
