#include "core/alloc.h"

#include <dlfcn.h>

#include <cstdlib>

#ifndef AG_MIMALLOC_SONAME
#define AG_MIMALLOC_SONAME "libmimalloc.so.2"
#endif

namespace ag {
namespace {

struct Backend {
  void *(*alloc)(size_t) = nullptr;
  void (*release)(void *) = nullptr;
  bool mimalloc = false;

  Backend() {
    // AG_NO_MIMALLOC=1 forces the C allocator (useful under sanitizers and valgrind).
    // Sanitizer builds default to it so every allocation is checked.
    const char *off = std::getenv("AG_NO_MIMALLOC");
#ifdef AG_DEFAULT_NO_MIMALLOC
    bool use_mimalloc = off != nullptr && off[0] == '0';
#else
    bool use_mimalloc = off == nullptr || off[0] == '\0' || off[0] == '0';
#endif
    if (use_mimalloc) {
      void *h = dlopen(AG_MIMALLOC_SONAME, RTLD_NOW | RTLD_LOCAL);
      if (h != nullptr) {
        auto a = reinterpret_cast<void *(*)(size_t)>(dlsym(h, "mi_malloc"));
        auto f = reinterpret_cast<void (*)(void *)>(dlsym(h, "mi_free"));
        if (a != nullptr && f != nullptr) {
          alloc = a;
          release = f;
          mimalloc = true;
          return;  // the handle stays open for the life of the process
        }
        dlclose(h);
      }
    }
    alloc = &std::malloc;
    release = &std::free;
  }
};

const Backend &backend() {
  static const Backend b;
  return b;
}

}  // namespace

void *mem_alloc(size_t n) {
  void *p = backend().alloc(n == 0 ? 1 : n);
  if (p == nullptr) throw std::bad_alloc();
  return p;
}

void mem_free(void *p) {
  if (p != nullptr) backend().release(p);
}

bool mem_uses_mimalloc() { return backend().mimalloc; }

}  // namespace ag
