/* The library keeps its own allocator private: after loading it and calling into it, the
 * process's malloc/free are still libc's, and memory from malloc is freed by libc's free. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agentguard.h"

#define CHECK(cond)                                                           \
  do {                                                                        \
    if (!(cond)) {                                                            \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      return 1;                                                               \
    }                                                                         \
  } while (0)

/* 1 when the global definition of `name` lives in libc. */
static int from_libc(const char *name) {
  Dl_info info;
  void *sym = dlsym(RTLD_DEFAULT, name);
  if (sym == NULL || dladdr(sym, &info) == 0 || info.dli_fname == NULL) return 0;
  if (strstr(info.dli_fname, "libc.so") == NULL) {
    fprintf(stderr, "%s comes from %s\n", name, info.dli_fname);
    return 0;
  }
  return 1;
}

int main(void) {
  const char *names[] = {"malloc", "free", "calloc", "realloc", "posix_memalign"};
  ag_engine *engine = NULL;
  char err[256];
  void (*libc_free)(void *);
  void *libc, *sym, *before, *after;
  size_t i;

  before = malloc(100);
  CHECK(before != NULL);
  /* Make the library set up its allocator. */
  CHECK(ag_engine_new(NULL, 0, &engine, err, sizeof err) == AG_OK);
  ag_engine_free(engine);
  after = malloc(100);
  CHECK(after != NULL);

  for (i = 0; i < sizeof names / sizeof names[0]; i++) CHECK(from_libc(names[i]));

  libc = dlopen("libc.so.6", RTLD_NOW | RTLD_NOLOAD);
  CHECK(libc != NULL);
  sym = dlsym(libc, "free");
  CHECK(sym != NULL);
  memcpy(&libc_free, &sym, sizeof libc_free);
  libc_free(before);
  libc_free(after);
  dlclose(libc);

  printf("malloc: the host allocator is libc's (mimalloc %s)\n",
         dlopen("libmimalloc.so.2", RTLD_NOW | RTLD_NOLOAD) ? "loaded privately" : "not loaded");
  return 0;
}
