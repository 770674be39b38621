/* The C baseline for the bindings' overhead figures: the same calls, straight from C.
 * `scripts/test-bindings --bench BUILD` builds and runs it before each language's benchmark. */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "agentguard.h"

static double now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e9 + ts.tv_nsec;
}

int main(void) {
  const int n = 10000000;
  volatile uint32_t sink = 0;
  double t0 = now_ns();
  for (int i = 0; i < n; i++) sink += ag_version_number();
  printf("c ag_version_number: %.1f ns/call\n", (now_ns() - t0) / n);

  ag_engine *engine = NULL;
  if (ag_engine_new(NULL, 0, &engine, NULL, 0) != AG_OK) return 1;
  const char *line =
      "user asked about the deploy; token ghp_a1B2c3D4e5a1B2c3D4e5a1B2c3D4e5a1B2c3 and mail "
      "bob@example.com ";
  char text[1024];
  for (size_t i = 0; i < sizeof text; i++) text[i] = line[i % strlen(line)];
  size_t bound = 0, out_len = 0, found = 0;
  ag_status s = ag_scrub_bound(engine, NULL, sizeof text, &bound);
  char *out = malloc(bound ? bound : 1);
  if (s == AG_OK) s = ag_scrub(engine, NULL, text, sizeof text, out, bound, &out_len, &found);
  if (s != AG_OK) {
    char msg[256];
    ag_engine_last_error(engine, msg, sizeof msg);
    printf("c scrub 1 KB: unavailable (%s)\n", msg);
  } else {
    const int m = 20000;
    t0 = now_ns();
    for (int i = 0; i < m; i++) ag_scrub(engine, NULL, text, sizeof text, out, bound, &out_len, &found);
    printf("c scrub 1 KB: %.2f us/call\n", (now_ns() - t0) / m / 1000);
  }
  free(out);
  ag_engine_free(engine);
  return (int)(sink & 0);
}
