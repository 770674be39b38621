/* Loads libagentguard.so.0 by its SONAME at run time, as language bindings do, and calls a
 * few functions through dlsym. Linked with -ldl only; nothing of agentguard at link time. */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include "agentguard.h"

#define CHECK(cond)                                                           \
  do {                                                                        \
    if (!(cond)) {                                                            \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      return 1;                                                               \
    }                                                                         \
  } while (0)

/* dlsym returns void *; converting it to a function pointer goes through memcpy to stay
 * within ISO C under -Wpedantic. */
#define LOAD(lib, var, name)                 \
  do {                                       \
    void *sym_ = dlsym(lib, name);           \
    CHECK(sym_ != NULL);                     \
    memcpy(&(var), &sym_, sizeof(var));      \
  } while (0)

int main(void) {
  uint32_t (*version_number)(void);
  const char *(*status_str)(ag_status);
  ag_status (*engine_new)(const char *, size_t, ag_engine **, char *, size_t);
  void (*engine_free)(ag_engine *);
  ag_engine *engine = NULL;
  char err[256];
  void *lib = dlopen("libagentguard.so.0", RTLD_NOW | RTLD_LOCAL);

  if (lib == NULL) {
    fprintf(stderr, "dlopen: %s\n", dlerror());
    return 1;
  }
  LOAD(lib, version_number, "ag_version_number");
  LOAD(lib, status_str, "ag_status_str");
  LOAD(lib, engine_new, "ag_engine_new");
  LOAD(lib, engine_free, "ag_engine_free");

  CHECK(version_number() == AG_VERSION_NUMBER);
  CHECK(strlen(status_str(AG_E_INVALID_ARGUMENT)) > 0);
  CHECK(engine_new(NULL, 0, &engine, err, sizeof err) == AG_OK && engine != NULL);
  engine_free(engine);
  /* Internal symbols stay hidden. */
  CHECK(dlsym(lib, "_ZN2ag9mem_allocEm") == NULL);
  CHECK(dlclose(lib) == 0);

  printf("dlopen: libagentguard.so.0 version %u ok\n", (unsigned)AG_VERSION_NUMBER);
  return 0;
}
