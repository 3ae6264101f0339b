// Tables of the journeys subsystem (migrations 1300..1399, store/migrations.h).
#ifndef QJY_JOURNEYS_JOURNEYS_SCHEMA_H_
#define QJY_JOURNEYS_JOURNEYS_SCHEMA_H_

#include <span>

#include "store/migrations.h"

namespace qjy::journeys {

std::span<const store::Migration> JourneysMigrations();

}  // namespace qjy::journeys

#endif  // QJY_JOURNEYS_JOURNEYS_SCHEMA_H_
