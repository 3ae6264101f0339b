// The region pickers' search (GET /api/regions/search): every region of
// Guizhou, found by part of its name, its pinyin initials ("byq" → 白云区)
// or a code prefix, within a scope (an officer's region).
//
// Built once from a RegionIndex (about 20k regions, a DFS from "52");
// immutable afterwards and safe for concurrent use.
#ifndef QJY_SERVER_REGION_SEARCH_H_
#define QJY_SERVER_REGION_SEARCH_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/regions.h"

namespace qjy::server {

class RegionSearch {
 public:
  // The regions at or below `root` (default the province).
  explicit RegionSearch(const RegionIndex& regions, const std::string& root = "52");

  // Codes of at most `limit` regions at or below `scope` (itself included)
  // matching `q` (trimmed; empty → nothing), no deeper than `deepest`:
  // names starting with q, then containing it, then initials starting with
  // q; a code prefix when q is digits. Higher levels first within a rank
  // (a county before a village of the same name), code order after that.
  std::vector<std::string> Search(std::string_view q, std::string_view scope, RegionLevel deepest,
                                  size_t limit) const;

 private:
  struct Entry {
    std::string code, name, initials;
    RegionLevel level;
  };
  std::vector<Entry> entries_;  // DFS order
};

}  // namespace qjy::server

#endif  // QJY_SERVER_REGION_SEARCH_H_
