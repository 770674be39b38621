// The library's own allocator. mimalloc is loaded privately (dlopen with RTLD_LOCAL) and used
// only for the library's internal memory; the host's malloc is never replaced. Without
// mimalloc on the machine (or with AG_NO_MIMALLOC=1 in the environment), the C allocator is
// used. The choice is made once, at the first allocation, and holds for the process.
//
// Adopting it in a module: use the containers below (mi_vector, mi_string,
// mi_unordered_map, ...) or pass MiAllocator<T> to any std container; std::allocate_shared
// with MiAllocator<T>() and make_mi_unique<T>() cover single objects. Memory from one of
// these must be freed by the same means (never by free() or delete).
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <new>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace ag {

void *mem_alloc(size_t n);                  // throws std::bad_alloc on failure
void *mem_alloc_aligned(size_t n, size_t align);  // align: a power of two; throws bad_alloc
void mem_free(void *p);                     // accepts nullptr; frees either of the above
bool mem_uses_mimalloc();                   // true when mimalloc was loaded

// A std-compatible allocator over mem_alloc / mem_free. Stateless: all instances compare
// equal, so containers may swap and move memory between them freely.
template <class T>
struct MiAllocator {
  using value_type = T;
  using is_always_equal = std::true_type;
  using propagate_on_container_move_assignment = std::true_type;

  MiAllocator() noexcept = default;
  template <class U>
  MiAllocator(const MiAllocator<U> &) noexcept {}

  T *allocate(size_t n) {
    if (n > static_cast<size_t>(-1) / sizeof(T)) throw std::bad_alloc();
    if constexpr (alignof(T) > alignof(std::max_align_t))
      return static_cast<T *>(mem_alloc_aligned(n * sizeof(T), alignof(T)));
    else
      return static_cast<T *>(mem_alloc(n * sizeof(T)));
  }
  void deallocate(T *p, size_t) noexcept { mem_free(p); }

  template <class U>
  bool operator==(const MiAllocator<U> &) const noexcept { return true; }
};

template <class T>
using mi_vector = std::vector<T, MiAllocator<T>>;
using mi_string = std::basic_string<char, std::char_traits<char>, MiAllocator<char>>;
template <class K, class V, class Hash = std::hash<K>, class Eq = std::equal_to<K>>
using mi_unordered_map = std::unordered_map<K, V, Hash, Eq, MiAllocator<std::pair<const K, V>>>;
template <class K, class Hash = std::hash<K>, class Eq = std::equal_to<K>>
using mi_unordered_set = std::unordered_set<K, Hash, Eq, MiAllocator<K>>;

// Single objects: unique_ptr with a deleter that destroys and frees through MiAllocator.
template <class T>
struct MiDelete {
  void operator()(T *p) const noexcept {
    if (p == nullptr) return;
    p->~T();
    MiAllocator<T>().deallocate(p, 1);
  }
};
template <class T>
using mi_unique_ptr = std::unique_ptr<T, MiDelete<T>>;

template <class T, class... Args>
mi_unique_ptr<T> make_mi_unique(Args &&...args) {
  MiAllocator<T> a;
  T *p = a.allocate(1);
  try {
    ::new (static_cast<void *>(p)) T(std::forward<Args>(args)...);
  } catch (...) {
    a.deallocate(p, 1);
    throw;
  }
  return mi_unique_ptr<T>(p);
}

// Earlier names, kept for code that adopted them.
template <class T>
using Allocator = MiAllocator<T>;
template <class T>
using vec = mi_vector<T>;
using str = mi_string;

namespace detail {
// The allocator functions chosen by the rules above, for tests: load_mem_backend with a
// library name that does not exist (or no_mimalloc set) gives the C allocator's functions.
struct MemBackend {
  void *(*alloc)(size_t) = nullptr;
  void *(*alloc_aligned)(size_t size, size_t align) = nullptr;
  void (*release)(void *) = nullptr;
  bool mimalloc = false;
};
// no_mimalloc: the value of AG_NO_MIMALLOC (nullptr when unset).
MemBackend load_mem_backend(const char *soname, const char *no_mimalloc);
}  // namespace detail

}  // namespace ag
