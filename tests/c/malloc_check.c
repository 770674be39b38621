/* The library keeps its own allocator private: after loading it and making it allocate (a
 * run with a reservation), the process's malloc/free are still libc's, memory from malloc is
 * freed by libc's free, and mimalloc, when installed, was loaded by the library privately. */
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
  ag_ledger *ledger = NULL;
  ag_run *run = NULL;
  ag_usage usage = {0};
  uint64_t reservation = 0;
  int64_t cost = 0;
  int private_mimalloc;
  char err[256];
  void (*libc_free)(void *);
  void *libc, *sym, *before, *after;
  size_t i;

  before = malloc(100);
  CHECK(before != NULL);
  /* Make the library allocate through its own allocator: a run, a reservation, a commit. */
  CHECK(ag_engine_new(NULL, 0, &engine, err, sizeof err) == AG_OK);
  CHECK(ag_ledger_new(engine, NULL, &ledger) == AG_OK);
  CHECK(ag_run_begin(engine, ledger, NULL, 0, &run) == AG_OK);
  CHECK(ag_run_reserve(run, "gpt-4o", 6, 1000, 100, &reservation) == AG_OK);
  usage.struct_size = sizeof usage;
  usage.input_tokens = 900;
  usage.output_tokens = 50;
  CHECK(ag_run_commit(run, reservation, &usage, &cost) == AG_OK && cost > 0);
  ag_run_free(run);
  ag_ledger_free(ledger);
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

  private_mimalloc = dlopen("libmimalloc.so.2", RTLD_NOW | RTLD_NOLOAD) != NULL;
  /* Installed and allowed (not turned off, not a sanitizer build), it must be in use. */
  if (!private_mimalloc && getenv("AG_NO_MIMALLOC") == NULL &&
      dlopen("libasan.so.8", RTLD_NOW | RTLD_NOLOAD) == NULL &&
      dlopen("libtsan.so.2", RTLD_NOW | RTLD_NOLOAD) == NULL)
    CHECK(dlopen("libmimalloc.so.2", RTLD_NOW | RTLD_LOCAL) == NULL);
  printf("malloc: the host allocator is libc's (mimalloc %s)\n",
         private_mimalloc ? "loaded privately" : "not loaded");
  return 0;
}
