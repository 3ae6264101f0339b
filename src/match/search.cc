#include "match/search.h"

#include <algorithm>
#include <cmath>
#include <mutex>

#include <fmt/format.h>

namespace qjy::match {
namespace {

// Decodes one UTF-8 code point at s[i]; advances i. Invalid bytes -> U+FFFD.
char32_t Next(std::string_view s, size_t& i) {
  const auto c = static_cast<unsigned char>(s[i]);
  int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
  if (n == 0 || i + n > s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = n == 1 ? c : c & (0x7F >> n);
  for (int k = 1; k < n; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  i += n;
  return cp;
}

bool IsHan(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x20000 && c <= 0x2FFFF);
}
bool IsWordChar(char32_t c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

void Append(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

constexpr double kK1 = 1.0, kB = 0.5;

}  // namespace

std::vector<std::string> Terms(std::string_view text, bool query) {
  std::vector<std::string> out;
  std::vector<char32_t> han;
  std::string word;
  auto flush_han = [&] {
    if (han.empty()) return;
    if (!query || han.size() == 1) {
      for (char32_t c : han) {
        std::string t;
        Append(t, c);
        out.push_back(std::move(t));
      }
    }
    for (size_t i = 0; i + 1 < han.size(); ++i) {
      std::string t;
      Append(t, han[i]);
      Append(t, han[i + 1]);
      out.push_back(std::move(t));
    }
    han.clear();
  };
  auto flush_word = [&] {
    if (!word.empty()) out.push_back(std::move(word));
    word.clear();
  };
  size_t i = 0;
  while (i < text.size()) {
    char32_t c = Next(text, i);
    if (IsHan(c)) {
      flush_word();
      han.push_back(c);
    } else if (IsWordChar(c)) {
      flush_han();
      word += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    } else {
      flush_han();
      flush_word();
    }
  }
  flush_han();
  flush_word();
  return out;
}

Result<std::vector<std::string>> QueryTerms(std::string_view query) {
  size_t chars = 0;
  for (size_t i = 0; i < query.size(); ++chars) Next(query, i);
  if (chars > kMaxQueryChars) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("搜索词过长：{} 个字，最多 {} 个字", chars, kMaxQueryChars));
  }
  auto terms = Terms(query, true);
  if (terms.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "搜索词中没有可检索的文字（请输入职业、岗位名称或地名，如“遵义 焊工”）");
  }
  std::sort(terms.begin(), terms.end());
  terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
  return terms;
}

void JobSearch::Upsert(int64_t job_id, std::string_view title, std::string_view body) {
  std::string text(title);
  text += ' ';
  text += body;
  auto terms = Terms(text, false);
  std::sort(terms.begin(), terms.end());
  std::unique_lock lock(mu_);
  RemoveLocked(job_id);
  const auto doc = static_cast<uint32_t>(docs_.size());
  docs_.push_back({job_id, static_cast<uint32_t>(terms.size()), true});
  doc_of_job_[job_id] = doc;
  ++alive_;
  total_length_ += terms.size();
  for (size_t i = 0; i < terms.size();) {
    size_t j = i;
    while (j < terms.size() && terms[j] == terms[i]) ++j;
    postings_[terms[i]].push_back({doc, static_cast<uint32_t>(j - i)});
    i = j;
  }
}

void JobSearch::RemoveLocked(int64_t job_id) {
  auto it = doc_of_job_.find(job_id);
  if (it == doc_of_job_.end()) return;
  Doc& d = docs_[it->second];
  if (d.alive) {
    d.alive = false;
    --alive_;
    total_length_ -= d.length;
  }
  doc_of_job_.erase(it);
}

void JobSearch::Remove(int64_t job_id) {
  std::unique_lock lock(mu_);
  RemoveLocked(job_id);
}

size_t JobSearch::size() const {
  std::shared_lock lock(mu_);
  return alive_;
}

Result<std::vector<SearchHit>> JobSearch::Search(std::string_view query, size_t k) const {
  auto terms = QueryTerms(query);
  if (!terms) return std::unexpected(terms.error());
  std::shared_lock lock(mu_);
  std::vector<const std::vector<Posting>*> lists;
  for (const auto& t : *terms) {
    auto it = postings_.find(t);
    if (it == postings_.end()) return std::vector<SearchHit>{};
    lists.push_back(&it->second);
  }
  std::sort(lists.begin(), lists.end(), [](auto* a, auto* b) { return a->size() < b->size(); });
  const double n_docs = std::max<double>(1, static_cast<double>(alive_));
  const double avg_len = alive_ ? static_cast<double>(total_length_) / alive_ : 1.0;
  std::vector<double> idf;
  for (auto* l : lists) {
    // Dead postings are counted in df (they are few); idf stays positive.
    const double df = static_cast<double>(l->size());
    idf.push_back(std::log(1.0 + (n_docs - df + 0.5) / (df + 0.5)));
  }
  std::vector<size_t> cursor(lists.size(), 0);
  std::vector<SearchHit> hits;
  for (const Posting& p : *lists[0]) {
    const Doc& d = docs_[p.doc];
    if (!d.alive) continue;
    const double norm = kK1 * ((1 - kB) + kB * d.length / avg_len);
    double score = idf[0] * p.tf * (kK1 + 1) / (p.tf + norm);
    bool all = true;
    for (size_t t = 1; t < lists.size() && all; ++t) {
      const auto& l = *lists[t];
      auto it = std::lower_bound(l.begin() + static_cast<std::ptrdiff_t>(cursor[t]), l.end(), p.doc,
                                 [](const Posting& a, uint32_t doc) { return a.doc < doc; });
      cursor[t] = static_cast<size_t>(it - l.begin());
      if (it == l.end() || it->doc != p.doc) {
        all = false;
        break;
      }
      score += idf[t] * it->tf * (kK1 + 1) / (it->tf + norm);
    }
    if (all) hits.push_back({d.job_id, score});
  }
  auto better = [](const SearchHit& a, const SearchHit& b) {
    return a.score != b.score ? a.score > b.score : a.job_id < b.job_id;
  };
  if (hits.size() > k) {
    std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(k), hits.end(), better);
    hits.resize(k);
  } else {
    std::sort(hits.begin(), hits.end(), better);
  }
  return hits;
}

}  // namespace qjy::match
