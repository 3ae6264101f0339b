// The services subsystem's tables (migration versions 100..199, see
// store/migrations.h).
#ifndef QJY_SERVICES_SERVICES_SCHEMA_H_
#define QJY_SERVICES_SERVICES_SCHEMA_H_

#include <span>

#include "store/migrations.h"

namespace qjy::services {

std::span<const store::Migration> ServicesMigrations();

}  // namespace qjy::services

#endif  // QJY_SERVICES_SERVICES_SCHEMA_H_
