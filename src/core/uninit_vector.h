#pragma once

#include <memory>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

namespace qjy {

// std::allocator, except that a value-less construct leaves a trivial
// element uninitialised: vector::resize(n) then writes nothing, so a large
// buffer that threads fill in place costs no zeroing pass of its own, and
// its pages are first touched (and faulted) by the thread that writes them.
// Contract: read an element only after writing it.
template <class T>
struct UninitAllocator : std::allocator<T> {
  using value_type = T;
  template <class U>
  struct rebind {
    using other = UninitAllocator<U>;
  };
  UninitAllocator() = default;
  template <class U>
  UninitAllocator(const UninitAllocator<U>&) noexcept {}
  template <class U>
  void construct(U* p) noexcept(std::is_nothrow_default_constructible_v<U>) {
    ::new (static_cast<void*>(p)) U;  // default-, not value-initialised
  }
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    std::construct_at(p, std::forward<Args>(args)...);
  }
};
template <class T, class U>
bool operator==(const UninitAllocator<T>&, const UninitAllocator<U>&) noexcept {
  return true;
}

template <class T>
using UninitVector = std::vector<T, UninitAllocator<T>>;

}  // namespace qjy
