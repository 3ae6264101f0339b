// Gig posts held for review (issue #17 §3): a post whose title or pay the
// ad screener flagged (the caller screens; this file does not know the
// screener, findings are opaque JSON text) waits in gig_post_holds, absent
// from gig_posts and hence from every list, match and booking, until an
// officer of its county approves it (GigBoard::Post in the same
// transaction) or rejects it. A review is conditional on the hold still
// pending: two officers at once cannot both publish (kConflict).
// Not thread-safe (it borrows one Db).
#ifndef QJY_GIG_GIG_HOLDS_H_
#define QJY_GIG_GIG_HOLDS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "gig/gig.h"
#include "gig/gig_board.h"
#include "store/db.h"

namespace qjy::gig {

struct GigHold {
  int64_t hold_id = 0;
  GigPost post;                // as posted; post.post_id set once approved
  std::string findings_json;   // the screener's findings (a JSON array)
  std::string warning;         // to the employer
  std::string status;          // pending | approved | rejected
  std::string posted_by, posted_at, reviewed_by, reviewed_at, review_note;
};

struct GigHoldFilter {
  std::string region_prefix;  // county_code prefix; empty = all
  std::string status;         // empty = all
  std::string employer;       // credit code; empty = all
  int64_t after_hold_id = 0;
  int limit = 50;
};

class GigHolds {
 public:
  // `board` writes the post on approval; both borrow the same Db.
  GigHolds(store::Db& db, GigBoard& board) : db_(db), board_(board) {}

  // Stores a validated post (county_code set) as pending. kNotFound when
  // the employer is not in the registry.
  Result<GigHold> Hold(const GigPost& p, std::string_view findings_json, std::string_view warning,
                       std::string_view actor, std::string_view now);
  // kNotFound: no such hold; kConflict: no longer pending.
  Result<GigHold> Review(int64_t hold_id, bool approve, std::string_view officer,
                         std::string_view note, std::string_view now);
  Result<std::optional<GigHold>> Get(int64_t hold_id);
  Result<std::vector<GigHold>> List(const GigHoldFilter& f);

 private:
  store::Db& db_;
  GigBoard& board_;
};

}  // namespace qjy::gig

#endif  // QJY_GIG_GIG_HOLDS_H_
