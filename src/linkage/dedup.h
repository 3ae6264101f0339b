// Deduplication within one file: a table linked against itself with the
// engine's dedup mode (engine.h: pairs left < right only, no self-pairs,
// each pair once; m and u by EM as for two files), then the links closed
// into clusters.
//
// Clusters: connected components of the links (a duplicate of a duplicate
// is the same person); a cluster's id is its smallest row, so it does not
// depend on the order the links were found in, and a row without links is
// its own cluster. Review-band pairs do not join clusters (an officer
// decides them).
#ifndef QJY_LINKAGE_DEDUP_H_
#define QJY_LINKAGE_DEDUP_H_

#include <cstdint>
#include <span>
#include <vector>

#include "core/error.h"
#include "linkage/engine.h"
#include "linkage/person_table.h"

namespace qjy::linkage {

// Cluster of each of `rows` rows: the smallest row of its component.
std::vector<uint32_t> ClusterRows(size_t rows, std::span<const ScoredPair> links);

struct DedupResult {
  LinkResult link;                 // links and review pairs with left < right
  std::vector<uint32_t> cluster;   // per row
  size_t duplicate_rows = 0;       // rows in a cluster of two or more
  size_t clusters_with_duplicates = 0;
};

// Deduplicates Chinese person records with the standard comparisons and
// blocking rules (person_compare.h). `options.dedup` is set here.
Result<DedupResult> DeduplicatePersons(const PersonTable& table, LinkOptions options);

}  // namespace qjy::linkage

#endif  // QJY_LINKAGE_DEDUP_H_
