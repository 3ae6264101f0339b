// A person's keys without reading the record: the person id behind an ID
// number's keyed hash (a seeker account carries the hash, never the number),
// and the owning county of a person id (the sharding key every scope check
// needs), and the few unencrypted columns a list shows. Cheap single-row
// lookups on the persons table's indexes.
#ifndef QJY_STORE_PERSON_KEYS_H_
#define QJY_STORE_PERSON_KEYS_H_

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/vault.h"
#include "store/db.h"

namespace qjy::store {

// The person whose ID number has keyed hash `id_hash`; 0 when none (or the
// hash is empty).
Result<int64_t> PersonIdByHash(Db& db, const Blob& id_hash);

// The owning county of person `person_id`; nullopt when there is no such
// person.
Result<std::optional<std::string>> PersonCounty(Db& db, int64_t person_id);

// What a list of persons shows without decrypting the record: the name, the
// masked ID number and phone kept beside the encrypted ones, and the
// education code (registry::Education's text form).
struct PersonCard {
  std::string name;
  std::string id_masked;
  std::string phone_masked;
  std::string education;
};

// The card of person `person_id`; nullopt when there is no such person.
Result<std::optional<PersonCard>> PersonCardById(Db& db, int64_t person_id);

// The cards of the given persons (a list of many: one read per 500 ids,
// not one per person): id -> card, unknown ids left out.
Result<std::map<int64_t, PersonCard>> PersonCardsById(Db& db, std::span<const int64_t> person_ids);

// The name of the person whose ID number has keyed hash `id_hash`; nullopt
// when none (or the hash is empty).
Result<std::optional<std::string>> PersonNameByHash(Db& db, const Blob& id_hash);

}  // namespace qjy::store

#endif  // QJY_STORE_PERSON_KEYS_H_
