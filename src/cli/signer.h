// A named, authenticated account signing a step on the command line
// (issue #14): payment batches (qjy policy submit|approve) and parameter
// changes (qjy policy params propose|approve|reject|list) are made by an
// account whose password is checked like a web login, never by "cli:<user>".
#ifndef QJY_CLI_SIGNER_H_
#define QJY_CLI_SIGNER_H_

#include <string>

#include <CLI/CLI.hpp>

#include "auth/account.h"
#include "auth/clock.h"
#include "core/error.h"
#include "store/db.h"

namespace qjy::cli {

struct Signer {
  std::string user, password_file;
};

// --user (required) and --password-file.
void AddSigner(CLI::App* cmd, Signer& s);

// Checks the account's password (from --password-file, else QJY_PASSWORD,
// else the terminal) with the same lockout as a web login; only an enabled
// officer account may sign. kPermissionDenied (Chinese) otherwise.
Result<auth::Account> SignIn(store::Db& db, const std::string& db_url, const Signer& s, const auth::Clock& clock);

}  // namespace qjy::cli

#endif  // QJY_CLI_SIGNER_H_
