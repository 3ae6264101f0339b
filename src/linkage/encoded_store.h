// The privacy-preserving mode in the store (bloom.h, encoded_file.h): our
// persons of a region encoded for a partner, and a partner's encoded file
// imported as a batch and linked against our persons of a region, with EM
// and the clerical-review band as in plain mode (engine.h). Migration 1204.
//
// What is kept: the batch (linkage_batches, encoding "bloom-v1"), each
// partner row's opaque id and encodings (linkage_encoded_records; no
// personal data arrives, so none is stored), and each pair at or above the
// review threshold (linkage_encoded_pairs): our person id, the partner's
// record, weight, probability, the field levels (Dice bands) and a status —
// "match" (linked by the model or decided by an officer), "open" (review
// band), "non_match" (decided). A pair's county is our person's county, so
// every read and decision is scoped to the officer's region.
//
// Revealing: only pairs whose status is "match" (or "open" for the
// reviewer) are listed, and only our side's identity, masked (name, ID
// number, phone); the partner's side stays its opaque id. The caller audits
// every listing (server/api_linkage.cc; the CLI prints masked).
#ifndef QJY_LINKAGE_ENCODED_STORE_H_
#define QJY_LINKAGE_ENCODED_STORE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/vault.h"
#include "linkage/encoded_file.h"
#include "linkage/engine.h"
#include "store/db.h"
#include "store/migrations.h"
#include "store/registry_store.h"

namespace qjy::linkage {

// The migration (1204) LinkageMigrations() includes.
store::Migration EncodedMigration();

struct EncodedLinkStats {
  int64_t batch_id = 0;
  int64_t partner_rows = 0, our_persons = 0, linked = 0, review = 0;
  uint64_t candidate_pairs = 0;
  Model model;
};

struct EncodedPair {
  int64_t pair_id = 0;
  std::string county_code;
  int64_t batch_id = 0;
  std::string partner;
  std::string partner_record;  // the partner's opaque id
  int64_t person_id = 0;
  std::string name, id_number, phone;  // ours, masked
  double weight = 0, probability = 0;
  std::vector<int> levels;  // per BloomLinkSpec comparison
  std::string status;       // match | open | non_match
  std::string decided_by;
};

class EncodedLinkStore {
 public:
  EncodedLinkStore(store::Db& db, const Vault& vault, store::RegistryStore& registry)
      : db_(db), vault_(vault), registry_(registry) {}

  // Our persons of `region` (hukou, residence or owning county under the
  // prefix) encoded under `secret`; ids sealed with our database key.
  Result<EncodedFile> EncodeRegion(const std::string& region, const BloomSecret& secret,
                                   const std::string& party);

  // Stores the partner's file as a batch of `county_code` (the importing
  // county) and links it against our persons of `region`, all in one
  // transaction (nothing stored when anything fails).
  Result<EncodedLinkStats> ImportAndLink(const EncodedFile& partner, const std::string& file_name,
                                         const std::string& region, const BloomSecret& secret,
                                         const LinkOptions& options, const std::string& county_code,
                                         const std::string& actor);

  // Pairs of counties under `scope` with `status` ("match" or "open"),
  // of one batch when batch_id != 0, highest weight first.
  Result<std::vector<EncodedPair>> Pairs(const std::string& scope, const std::string& status,
                                         int64_t batch_id = 0, int limit = 200);

  // An officer's decision on an open pair. kNotFound, kPermissionDenied
  // outside `scope`, kConflict when decided already.
  Result<void> Resolve(int64_t pair_id, bool match, const std::string& scope, const std::string& actor);

 private:
  store::Db& db_;
  const Vault& vault_;
  store::RegistryStore& registry_;
};

}  // namespace qjy::linkage

#endif  // QJY_LINKAGE_ENCODED_STORE_H_
