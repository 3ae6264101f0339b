// The registry's tables, as migrations 1..99 (store/migrations.h).
#ifndef QJY_STORE_REGISTRY_SCHEMA_H_
#define QJY_STORE_REGISTRY_SCHEMA_H_

#include <span>

#include "store/migrations.h"

namespace qjy::store {

std::span<const Migration> RegistryMigrations();

}  // namespace qjy::store

#endif  // QJY_STORE_REGISTRY_SCHEMA_H_
