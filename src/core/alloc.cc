#include "core/alloc.h"

#include <dlfcn.h>

#include <cstdlib>

#ifndef AG_MIMALLOC_SONAME
#define AG_MIMALLOC_SONAME "libmimalloc.so.2"
#endif

namespace ag {
namespace detail {
namespace {

void *c_aligned(size_t size, size_t align) {
  void *p = nullptr;
  if (align < sizeof(void *)) align = sizeof(void *);
  return posix_memalign(&p, align, size) == 0 ? p : nullptr;
}

}  // namespace

MemBackend load_mem_backend(const char *soname, const char *no_mimalloc) {
  // AG_NO_MIMALLOC=1 forces the C allocator (useful under sanitizers and valgrind).
  // Sanitizer builds default to it so every allocation is checked.
#ifdef AG_DEFAULT_NO_MIMALLOC
  bool use_mimalloc = no_mimalloc != nullptr && no_mimalloc[0] == '0';
#else
  bool use_mimalloc = no_mimalloc == nullptr || no_mimalloc[0] == '\0' || no_mimalloc[0] == '0';
#endif
  MemBackend b;
  if (use_mimalloc && soname != nullptr) {
    // RTLD_LOCAL: mimalloc's own malloc/free exports never enter the global namespace.
    void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (h != nullptr) {
      auto a = reinterpret_cast<void *(*)(size_t)>(dlsym(h, "mi_malloc"));
      auto al = reinterpret_cast<void *(*)(size_t, size_t)>(dlsym(h, "mi_malloc_aligned"));
      auto f = reinterpret_cast<void (*)(void *)>(dlsym(h, "mi_free"));
      if (a != nullptr && al != nullptr && f != nullptr) {
        b.alloc = a;
        b.alloc_aligned = al;
        b.release = f;
        b.mimalloc = true;
        return b;  // the handle stays open for the life of the process
      }
      dlclose(h);
    }
  }
  b.alloc = &std::malloc;
  b.alloc_aligned = &c_aligned;
  b.release = &std::free;
  return b;
}

}  // namespace detail

namespace {

const detail::MemBackend &backend() {
  static const detail::MemBackend b =
      detail::load_mem_backend(AG_MIMALLOC_SONAME, std::getenv("AG_NO_MIMALLOC"));
  return b;
}

}  // namespace

void *mem_alloc(size_t n) {
  void *p = backend().alloc(n == 0 ? 1 : n);
  if (p == nullptr) throw std::bad_alloc();
  return p;
}

void *mem_alloc_aligned(size_t n, size_t align) {
  if (align == 0 || (align & (align - 1)) != 0) throw std::bad_alloc();
  void *p = backend().alloc_aligned(n == 0 ? align : n, align);
  if (p == nullptr) throw std::bad_alloc();
  return p;
}

void mem_free(void *p) {
  if (p != nullptr) backend().release(p);
}

bool mem_uses_mimalloc() { return backend().mimalloc; }

}  // namespace ag
