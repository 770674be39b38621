/* A C program using agentguard the way an outside user does: header plus library, nothing
 * else. Built against the installed package (pkg-config, static and shared; CMake's
 * find_package) to prove the package is complete. Exits 0 when every check holds. */
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

/* An ag_write_fn gathering the output into a fixed buffer; stops (non-zero) when full. */
struct gather {
  char buf[256];
  size_t len;
  int calls;
};

static int gather_write(void *ctx, const char *data, size_t len) {
  struct gather *g = (struct gather *)ctx;
  g->calls++;
  if (len == 0 || len > sizeof g->buf - g->len) return 7;
  memcpy(g->buf + g->len, data, len);
  g->len += len;
  return 0;
}

int main(void) {
  ag_engine *engine = NULL;
  const char text[] = "key AKIAIOSFODNN7EXAMPLE end";
  char scrubbed[256];
  size_t scrubbed_len = 0, found = 0;
  struct gather g;
  ag_scrub_opts opts;
  ag_finding finding[2];
  char err[256] = "";
  ag_usage usage;
  int64_t cost = 0;

  CHECK(ag_version_number() == AG_VERSION_NUMBER);
  CHECK(strcmp(ag_version_string(), AG_VERSION_STRING) == 0);
  CHECK(strcmp(ag_status_str(AG_E_PARSE), ag_status_str(-100000)) != 0);
  CHECK(ag_status_is_retryable(AG_E_BUDGET_EXCEEDED) == 0);

  /* A malformed policy is refused with a message and no engine. */
  CHECK(ag_engine_new("{", 1, &engine, err, sizeof err) != AG_OK);
  CHECK(engine == NULL);
  CHECK(err[0] != '\0');

  /* The default engine; a bad call on it keeps its message on the handle. */
  CHECK(ag_engine_new(NULL, 0, &engine, err, sizeof err) == AG_OK);
  CHECK(engine != NULL);
  memset(&usage, 0, sizeof usage);
  usage.struct_size = 4; /* no ag_usage is this small */
  CHECK(ag_engine_price(engine, "m", 1, &usage, &cost) == AG_E_STRUCT_SIZE);
  CHECK(ag_engine_last_error(engine, err, sizeof err) > 0);
  CHECK(ag_engine_price(engine, "m", 1, NULL, &cost) == AG_E_INVALID_ARGUMENT);

  /* Scrubbing to a write function gives ag_scrub's output; a refusal stops it. */
  memset(&opts, 0, sizeof opts);
  opts.struct_size = sizeof opts;
  opts.style = AG_SCRUB_STYLE_LABEL;
  opts.threads = 2;
  CHECK(ag_scrub(engine, &opts, text, sizeof text - 1, scrubbed, sizeof scrubbed, &scrubbed_len, &found) == AG_OK);
  CHECK(found == 1 && strstr(scrubbed, "AKIA") == NULL);
  memset(&g, 0, sizeof g);
  CHECK(ag_scrub_to(engine, &opts, text, sizeof text - 1, gather_write, &g, &found) == AG_OK);
  CHECK(found == 1 && g.len == scrubbed_len && memcmp(g.buf, scrubbed, scrubbed_len) == 0 && g.calls >= 2);
  memset(&g, 0, sizeof g);
  g.len = sizeof g.buf - 3; /* room for 3 bytes: the first piece, "key ", is refused */
  CHECK(ag_scrub_to(engine, &opts, text, sizeof text - 1, gather_write, &g, NULL) == AG_E_IO);
  CHECK(g.calls == 1);
  CHECK(ag_scrub_to(engine, &opts, text, sizeof text - 1, NULL, NULL, NULL) == AG_E_INVALID_ARGUMENT);

  /* Scanning with options gives ag_scan's findings. */
  memset(finding, 0, sizeof finding);
  finding[0].struct_size = sizeof finding[0];
  CHECK(ag_scan_with(engine, &opts, text, sizeof text - 1, finding, 2, &found) == AG_OK);
  CHECK(found == 1 && strcmp(finding[0].rule, "aws-access-key-id") == 0 &&
        memcmp(text + finding[0].start, "AKIA", 4) == 0);
  opts.threads = AG_SCRUB_THREADS_MAX + 1;
  CHECK(ag_scan_with(engine, &opts, text, sizeof text - 1, finding, 2, &found) == AG_E_INVALID_ARGUMENT);
  ag_engine_free(engine);
  ag_engine_free(NULL);

  printf("agentguard %s: C ABI smoke test passed\n", ag_version_string());
  return 0;
}
