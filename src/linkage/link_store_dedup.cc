// LinkStore::DedupBatch (link_store.h): a stored batch deduplicated within itself.
#include <cmath>

#include "core/now_iso.h"
#include "linkage/dedup.h"
#include "linkage/link_store.h"

namespace qjy::linkage {

Result<DedupBatchStats> LinkStore::DedupBatch(int64_t batch_id, const LinkOptions& options,
                                              const std::string& actor) {
  using store::Value;
  const std::vector<Value> bid = {batch_id};
  auto batch = db_.Query("SELECT status FROM linkage_batches WHERE batch_id = ?", bid);
  if (!batch) return std::unexpected(batch.error());
  if (batch->empty()) return Fail(ErrorCode::kNotFound, "没有该批次");
  if (batch->at(0).Text(0) != "imported") return Fail(ErrorCode::kConflict, "该批次已经比对或查重过");
  auto records = LoadRecords("batch_id = ?", bid, true);  // in record id order
  if (!records) return std::unexpected(records.error());
  PersonTable table;
  table.Reserve(records->size());
  for (const auto& r : *records) table.Add(r.person);
  DedupResult dedup;
  if (table.size() >= 2) {
    auto d = DeduplicatePersons(table, options);
    if (!d) return std::unexpected(d.error());
    dedup = std::move(*d);
  } else {
    dedup.cluster = ClusterRows(table.size(), {});
  }
  DedupBatchStats stats;
  stats.records = static_cast<int64_t>(records->size());
  stats.linked = static_cast<int64_t>(dedup.link.links.size());
  stats.review = static_cast<int64_t>(dedup.link.review.size());
  stats.candidate_pairs = dedup.link.stats.candidate_pairs;
  stats.clusters_with_duplicates = static_cast<int64_t>(dedup.clusters_with_duplicates);

  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  const std::string now = NowIsoUtc();
  // The later record links to the earlier one, as a new record to an existing one.
  for (const ScoredPair& p : dedup.link.links) {
    const StoredRecord& later = (*records)[p.right];
    const std::vector<Value> v = {later.county_code, later.record_id, (*records)[p.left].record_id,
                                  static_cast<int64_t>(std::lround(p.weight * 1000)), std::string("model"), now};
    if (auto r = db_.Exec("INSERT INTO linkage_links (county_code, record_id, other_record_id, weight_milli,"
                          " decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?)",
                          v);
        !r) {
      return std::unexpected(r.error());
    }
  }
  for (const ScoredPair& p : dedup.link.review) {
    const StoredRecord& later = (*records)[p.right];
    const std::vector<Value> v = {later.county_code, later.record_id, (*records)[p.left].record_id,
                                  static_cast<int64_t>(std::lround(p.weight * 1000)),
                                  static_cast<int64_t>(std::lround(p.probability * 1e6)), std::string("open"), now};
    if (auto r = db_.Exec("INSERT INTO linkage_review (county_code, record_id, other_record_id, weight_milli,"
                          " probability_ppm, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                          v);
        !r) {
      return std::unexpected(r.error());
    }
  }
  for (size_t i = 0; i < records->size(); ++i) {
    const int64_t cluster = (*records)[dedup.cluster[i]].record_id;
    if (dedup.cluster[i] == i) ++stats.clusters;
    const std::vector<Value> v = {cluster, (*records)[i].record_id};
    if (auto r = db_.Exec("UPDATE linkage_records SET cluster_id = ? WHERE record_id = ?", v); !r) {
      return std::unexpected(r.error());
    }
  }
  const std::vector<Value> done = {std::string("deduplicated"), batch_id};
  if (auto r = db_.Exec("UPDATE linkage_batches SET status = ? WHERE batch_id = ?", done); !r) {
    return std::unexpected(r.error());
  }
  (void)actor;
  if (auto c = tx->Commit(); !c) return std::unexpected(c.error());
  return stats;
}

}  // namespace qjy::linkage
