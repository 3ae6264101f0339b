// Partner records, their links and the clerical-review queue, in the
// platform's database (SQLite or PostgreSQL; migrations 1200..1299).
//
// A batch is one partner file, stored whole or not at all (a file with row
// errors is refused before anything is written). Records carry the county
// that answers for them (their home division when it is in Guizhou, else
// the importing county), first in the keys; ID numbers and phones are
// encrypted (core/vault.h) and leave the store masked.
//
// Clusters: every record belongs to one cluster, whose id is the record id
// of its first member and never changes; when an officer decides that two
// clusters are one person, the later cluster's records move to the earlier
// one and the move is kept (linkage_cluster_merges) so an old id still
// resolves (ResolveCluster).
//
// Incremental linking (LinkBatch): only the batch's new records are
// compared, against the records already linked; a link puts the new
// record into the existing record's cluster, a pair in the review band
// goes to the queue (the new record stays in its own cluster until an
// officer decides), anything else starts a cluster of its own.
#ifndef QJY_LINKAGE_LINK_STORE_H_
#define QJY_LINKAGE_LINK_STORE_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/vault.h"
#include "linkage/engine.h"
#include "linkage/partner_file.h"
#include "store/db.h"
#include "store/migrations.h"

namespace qjy::linkage {

std::span<const store::Migration> LinkageMigrations();

// JSON text of a fitted model and back (kept per partner for incremental
// linking).
std::string ModelToJson(const Model& model);
Result<Model> ModelFromJson(const std::string& json);

struct StoredRecord {
  int64_t record_id = 0;
  std::string county_code;
  int64_t batch_id = 0;
  std::string source;  // the partner
  int64_t row = 0;
  PersonFields person;  // id_number and phone masked unless read with reveal
  std::string employer, status;
  int insured_months = -1;
  int64_t cluster_id = 0;
};

struct LinkBatchStats {
  int64_t records = 0, linked = 0, review = 0, new_clusters = 0;
  uint64_t candidate_pairs = 0;
  Model model;  // the model used
};

struct DedupBatchStats {
  int64_t records = 0, linked = 0, review = 0, clusters = 0, clusters_with_duplicates = 0;
  uint64_t candidate_pairs = 0;
};

struct ReviewItem {
  int64_t review_id = 0;
  std::string county_code;
  StoredRecord record, candidate;  // masked
  double weight = 0, probability = 0;
  std::string status;  // "open", "match", "non_match"
};

struct BatchInfo {
  int64_t batch_id = 0;
  std::string county_code, partner, file_name, encoding, status, created_by, created_at;
  int64_t rows = 0, linked = 0, review_open = 0;
};

// One field of a review pair: how the two records compare, in words, and
// the match weight of that level (bits) when the partner's model is kept.
struct FieldAgreement {
  std::string field;  // 姓名, 身份证号, ...
  int level = 0;
  std::string level_label;  // 完全相同, 同音（拼音相同）, 缺失, ...
  std::optional<double> weight;
};

class LinkStore {
 public:
  LinkStore(store::Db& db, const Vault& vault) : db_(db), vault_(vault) {}
  Result<void> Migrate();

  // Stores a read file (no row errors) as a batch; `county_code` is the
  // importing officer's county. kInvalidArgument for a file with errors.
  Result<int64_t> ImportBatch(const PartnerFile& file, const std::string& partner,
                              const std::string& file_name, const std::string& county_code,
                              const std::string& actor);

  // Links a stored batch against everything linked before. Uses `model`
  // when given (and the partner's stored model when not and one exists),
  // else fits one on this batch × existing records and stores it for the
  // partner (when fitted on at least 1,000 candidate pairs). kConflict when the batch was linked already.
  Result<LinkBatchStats> LinkBatch(int64_t batch_id, const LinkOptions& options,
                                   const std::string& actor, const Model* model = nullptr);

  // Deduplicates a stored, not yet linked batch within itself (dedup.h):
  // links between its records (linkage_links), review-band pairs into the
  // review queue (the same page and Resolve as for two files), and each
  // record's cluster: the record id of its cluster's first member. The batch
  // becomes "deduplicated" and counts as linked from then on (later batches
  // link against it). kConflict when it was linked or deduplicated already.
  Result<DedupBatchStats> DedupBatch(int64_t batch_id, const LinkOptions& options, const std::string& actor);

  // Open review items of counties under `scope` (a division code prefix,
  // "52" for the province), highest weight first.
  Result<std::vector<ReviewItem>> OpenReviews(const std::string& scope, int limit = 100);
  // An officer's decision. kNotFound for an unknown item, kPermissionDenied
  // outside `scope`, kConflict when already decided. A match merges the two
  // clusters (into the older one).
  Result<void> Resolve(int64_t review_id, bool match, const std::string& scope,
                       const std::string& actor);

  // Batches of counties under `scope`, newest first.
  Result<std::vector<BatchInfo>> Batches(const std::string& scope, int limit = 100);
  // The comparison levels of a review item's two records (compared on the
  // unmasked fields; only the levels leave).
  Result<std::vector<FieldAgreement>> Explain(const ReviewItem& item);

  Result<std::optional<StoredRecord>> FindRecord(int64_t record_id);
  Result<std::vector<StoredRecord>> ClusterMembers(int64_t cluster_id);
  // The cluster an id now stands for (following merges).
  Result<int64_t> ResolveCluster(int64_t cluster_id);

 private:
  Result<std::vector<StoredRecord>> LoadRecords(const std::string& where,
                                                std::span<const store::Value> params, bool reveal);
  store::Db& db_;
  const Vault& vault_;
};

}  // namespace qjy::linkage

#endif  // QJY_LINKAGE_LINK_STORE_H_
