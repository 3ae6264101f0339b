// The employment facts' tables (issue #12): contribution months and
// separations, as migrations 20..29 of the registry range
// (store/migrations.h). Applied by RegistryStore::Migrate() after the
// registry's own, so every database that holds a registry holds them.
#ifndef QJY_STORE_EMPLOYMENT_SCHEMA_H_
#define QJY_STORE_EMPLOYMENT_SCHEMA_H_

#include <span>

#include "store/migrations.h"

namespace qjy::store {

std::span<const Migration> EmploymentMigrations();

}  // namespace qjy::store

#endif  // QJY_STORE_EMPLOYMENT_SCHEMA_H_
