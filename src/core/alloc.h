// The library's own allocator. mimalloc is loaded privately (dlopen with RTLD_LOCAL) and used
// only for the library's internal memory; the host's malloc is never replaced. Without
// mimalloc on the machine, the C allocator is used.
#pragma once

#include <cstddef>
#include <memory>
#include <new>
#include <string>
#include <vector>

namespace ag {

void *mem_alloc(size_t n);     // throws std::bad_alloc on failure
void mem_free(void *p);        // accepts nullptr
bool mem_uses_mimalloc();      // true when mimalloc was loaded

template <class T>
struct Allocator {
  using value_type = T;
  Allocator() noexcept = default;
  template <class U>
  Allocator(const Allocator<U> &) noexcept {}
  T *allocate(size_t n) {
    if (n > static_cast<size_t>(-1) / sizeof(T)) throw std::bad_alloc();
    return static_cast<T *>(mem_alloc(n * sizeof(T)));
  }
  void deallocate(T *p, size_t) noexcept { mem_free(p); }
  template <class U>
  bool operator==(const Allocator<U> &) const noexcept { return true; }
};

template <class T>
using vec = std::vector<T, Allocator<T>>;
using str = std::basic_string<char, std::char_traits<char>, Allocator<char>>;

}  // namespace ag
