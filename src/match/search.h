// Keyword search over job texts (title, occupation name, place name,
// requirements) with Chinese handling: a run of Han characters is indexed as
// its single characters and its overlapping character pairs (the CJK n-gram
// scheme Xapian's FLAG_CJK_NGRAM uses); Latin letters and digits as
// lower-cased words. A query's terms are ANDed; matches are ranked by BM25
// (k1 = 1, b = 0.5, as Xapian's default BM25Weight), ties by job id.
//
// Thread-safe: Upsert/Remove take a write lock, Search a read lock; a
// change is seen by the next Search.
#ifndef QJY_MATCH_SEARCH_H_
#define QJY_MATCH_SEARCH_H_

#include <cstdint>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.h"

namespace qjy::match {

// The terms of `text` in order (documents: every unigram and bigram of a Han
// run). With `query` = true a Han run of 2+ characters gives only its bigrams.
std::vector<std::string> Terms(std::string_view text, bool query);

// Checks a query: kInvalidArgument (Chinese) when longer than
// kMaxQueryChars characters or without any searchable character
// (e.g. only punctuation).
inline constexpr size_t kMaxQueryChars = 100;
Result<std::vector<std::string>> QueryTerms(std::string_view query);

struct SearchHit {
  int64_t job_id = 0;
  double score = 0;
};

class JobSearch {
 public:
  // Adds or replaces the text of a job.
  void Upsert(int64_t job_id, std::string_view title, std::string_view body);
  void Remove(int64_t job_id);
  // Top-k jobs containing every query term.
  Result<std::vector<SearchHit>> Search(std::string_view query, size_t k) const;
  size_t size() const;

 private:
  struct Posting {
    uint32_t doc;
    uint32_t tf;
  };
  struct Doc {
    int64_t job_id;
    uint32_t length;
    bool alive;
  };
  void RemoveLocked(int64_t job_id);
  mutable std::shared_mutex mu_;
  std::vector<Doc> docs_;
  std::unordered_map<int64_t, uint32_t> doc_of_job_;
  std::unordered_map<std::string, std::vector<Posting>> postings_;
  size_t alive_ = 0;
  uint64_t total_length_ = 0;
};

}  // namespace qjy::match

#endif  // QJY_MATCH_SEARCH_H_
