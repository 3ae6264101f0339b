// The registry's tables, as migrations 1..99 (store/migrations.h).
#ifndef QJY_STORE_REGISTRY_SCHEMA_H_
#define QJY_STORE_REGISTRY_SCHEMA_H_

#include <span>

#include "store/migrations.h"

namespace qjy::store {

std::span<const Migration> RegistryMigrations();

// An index of the registry's current schema (after all migrations) that a
// bulk load may drop and rebuild (RegistryStore::DropIndexesForBulkLoad).
// Unique indexes that a foreign key or an upsert relies on during a load
// (employers.credit_code, jobs and sites natural keys) are not listed.
struct BulkIndex {
  const char* name;
  const char* table;
  const char* create;  // CREATE [UNIQUE] INDEX IF NOT EXISTS ..., both dialects
  bool unique;         // a natural key: dropped only when the loader guarantees it
};
std::span<const BulkIndex> RegistryBulkIndexes();

}  // namespace qjy::store

#endif  // QJY_STORE_REGISTRY_SCHEMA_H_
