#include "linkage/dedup.h"

#include <numeric>

#include "linkage/person_compare.h"

namespace qjy::linkage {

std::vector<uint32_t> ClusterRows(size_t rows, std::span<const ScoredPair> links) {
  std::vector<uint32_t> parent(rows);
  std::iota(parent.begin(), parent.end(), 0u);
  auto find = [&](uint32_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (const ScoredPair& p : links) {
    if (p.left >= rows || p.right >= rows) continue;
    const uint32_t a = find(p.left), b = find(p.right);
    if (a == b) continue;
    // The smaller root wins: a root is always its component's smallest row.
    if (a < b) parent[b] = a; else parent[a] = b;
  }
  std::vector<uint32_t> out(rows);
  for (size_t i = 0; i < rows; ++i) out[i] = find(static_cast<uint32_t>(i));
  return out;
}

Result<DedupResult> DeduplicatePersons(const PersonTable& table, LinkOptions options) {
  options.dedup = true;
  PersonLinkSpec spec(table, table);
  const auto comparisons = spec.comparisons();
  const auto rules = spec.Rules();
  auto link = Link(table.size(), table.size(), comparisons, rules, options);
  if (!link) return std::unexpected(link.error());
  DedupResult out;
  out.cluster = ClusterRows(table.size(), link->links);
  std::vector<uint32_t> size(table.size(), 0);
  for (uint32_t c : out.cluster) ++size[c];
  for (size_t i = 0; i < table.size(); ++i) {
    if (size[out.cluster[i]] >= 2) ++out.duplicate_rows;
    if (out.cluster[i] == i && size[i] >= 2) ++out.clusters_with_duplicates;
  }
  out.link = std::move(*link);
  return out;
}

}  // namespace qjy::linkage
