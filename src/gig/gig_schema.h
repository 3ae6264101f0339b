// Tables of the gig subsystem (migration versions 600–699).
#ifndef QJY_GIG_GIG_SCHEMA_H_
#define QJY_GIG_GIG_SCHEMA_H_

#include <vector>

#include "store/migrations.h"

namespace qjy::gig {

const std::vector<store::Migration>& GigMigrations();

}  // namespace qjy::gig

#endif  // QJY_GIG_GIG_SCHEMA_H_
