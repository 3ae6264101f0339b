// A monotone priority queue for Dijkstra with non-negative integer keys
// (radix heap): items are kept in buckets by the highest bit in which their
// key differs from the last key popped, so a push is O(1) and a pop moves
// each item O(log C) times in total. Contract: every key pushed is >= the
// last key popped (true for Dijkstra with non-negative reduced costs).
#ifndef QJY_ASSIGN_RADIX_HEAP_H_
#define QJY_ASSIGN_RADIX_HEAP_H_

#include <array>
#include <bit>
#include <cstdint>
#include <utility>
#include <vector>

namespace qjy::assign {

class RadixHeap {
 public:
  using Item = std::pair<std::uint64_t, std::uint32_t>;  // key, value

  void Clear() {
    for (auto& b : buckets_) b.clear();
    size_ = 0;
    last_ = 0;
  }
  bool Empty() const { return size_ == 0; }
  void Push(std::uint64_t key, std::uint32_t value) {
    buckets_[Bucket(key)].emplace_back(key, value);
    ++size_;
  }
  // Removes and returns an item of the smallest key. Contract: !Empty().
  Item Pop() {
    if (buckets_[0].empty()) {
      std::size_t i = 1;
      while (buckets_[i].empty()) ++i;
      std::uint64_t lo = buckets_[i].front().first;
      for (const Item& it : buckets_[i]) lo = std::min(lo, it.first);
      last_ = lo;
      for (const Item& it : buckets_[i]) buckets_[Bucket(it.first)].push_back(it);
      buckets_[i].clear();
    }
    const Item it = buckets_[0].back();
    buckets_[0].pop_back();
    --size_;
    return it;
  }

 private:
  std::size_t Bucket(std::uint64_t key) const {
    return key == last_ ? 0 : 64 - static_cast<std::size_t>(std::countl_zero(key ^ last_));
  }

  std::array<std::vector<Item>, 65> buckets_;
  std::size_t size_ = 0;
  std::uint64_t last_ = 0;
};

}  // namespace qjy::assign

#endif  // QJY_ASSIGN_RADIX_HEAP_H_
