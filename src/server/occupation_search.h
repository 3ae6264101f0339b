// The occupation pickers' search (GET /api/occupations): the 2022
// classification's groups (and its detailed list when one is loaded),
// found by part of a name, pinyin initials ("dzsw" → 电子商务师), a code or
// code prefix ("4-01"), or an everyday job title shipped in
// match/data/occupation_titles.csv ("电商主播" → 4-01 批发与零售服务人员);
// a short form in match/data/occupation_synonyms.csv is searched for what
// it stands for too ("客服" → 客户服务 → the title 客户服务专员).
//
// Immutable after Load(); safe for concurrent use.
#ifndef QJY_SERVER_OCCUPATION_SEARCH_H_
#define QJY_SERVER_OCCUPATION_SEARCH_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"
#include "match/occupation.h"

namespace qjy::server {

struct OccupationHit {
  std::string code;
  std::string name;
  int level = 0;            // 1 大类 .. 4 细类
  std::string parent_name;  // "" for a major group
  std::string via;          // the job title that matched, "" when the name or code did
};

class OccupationSearch {
 public:
  // `tree` (usually OccupationTree::LoadDefault(), plus a detailed list)
  // and the job titles file (code,title[,detailed] rows; '#' comments;
  // header): a title finds its detailed occupation when the tree has it,
  // else its group `code`. Errors name the file, row and field; a title
  // under a code the tree does not know is an error.
  // `synonyms_path` (typed,means rows; '#' comments; header), when not
  // empty: what is typed holding `typed` is also searched as `means`.
  static Result<OccupationSearch> Load(match::OccupationTree tree, const std::string& titles_path,
                                       const std::string& synonyms_path = "");
  // The shipped groups, $QJY_OCCUPATIONS_FILE when set, the shipped titles
  // and synonyms.
  static Result<OccupationSearch> LoadDefault();

  // At most `limit` hits for `q` (trimmed; empty → the major groups):
  // an exact code first, then a code prefix, names starting with q, names
  // containing q, job titles containing q (or whose initials are q), names
  // whose initials start with q, titles whose initials do; detailed before
  // broader groups within each rank, code order after that.
  std::vector<OccupationHit> Search(std::string_view q, size_t limit) const;
  // The hit for one known code (name, level, parent), nullopt otherwise.
  std::optional<OccupationHit> Find(std::string_view code) const;

  static const char* LevelLabel(int level);  // "大类", "中类", "小类", "细类"

 private:
  struct Entry {
    std::string code, name, initials;
    int level = 0;
    std::string parent_name;
  };
  struct Title {
    std::string title, initials;
    size_t entry = 0;
  };
  std::vector<Entry> entries_;
  std::vector<Title> titles_;
  std::vector<std::pair<std::string, std::string>> synonyms_;  // typed → means
};

}  // namespace qjy::server

#endif  // QJY_SERVER_OCCUPATION_SEARCH_H_
