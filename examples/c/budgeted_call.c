/* budgeted_call.c - an agent loop under a hard budget, in plain C.
 *
 * Build against an installed agentguard:
 *   cc budgeted_call.c $(pkg-config --cflags --libs agentguard) -o budgeted_call
 *
 * Each model call is reserved at its worst case before it is made and committed at its real
 * cost afterwards; the run stops when the next reservation would pass the run's $0.01 cap.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "agentguard.h"

static const char kPolicy[] =
    "{\"version\": 1,"
    " \"budgets\": {\"run\": {\"usd\": 0.01}},"
    " \"pricing\": {\"models\": {\"acme-large\": {\"input_mtok\": 1, \"output_mtok\": 4}}}}";

#define MODEL "acme-large"

/* Stands in for the real model call: reports the tokens it used. */
static ag_usage call_model(void) {
  ag_usage u;
  memset(&u, 0, sizeof u);
  u.struct_size = sizeof u;
  u.input_tokens = 2000;
  u.output_tokens = 500;
  return u;
}

static double usd(int64_t nusd) { return (double)nusd / 1e9; }

int main(void) {
  ag_engine *engine = NULL;
  ag_ledger *ledger = NULL;
  ag_run *run = NULL;
  char msg[512];
  int call, result = 1;

  if (ag_engine_new(kPolicy, sizeof kPolicy - 1, &engine, msg, sizeof msg) != AG_OK) {
    fprintf(stderr, "policy: %s\n", msg);
    return 1;
  }
  if (ag_ledger_new(engine, NULL, &ledger) != AG_OK ||
      ag_run_begin(engine, ledger, NULL, 0, &run) != AG_OK) {
    fprintf(stderr, "could not start the run\n");
    goto done;
  }

  for (call = 1; call <= 100; call++) {
    uint64_t reservation = 0;
    int64_t cost = 0;
    ag_usage used;
    /* Worst case: 2000 tokens in, up to 1000 out. */
    ag_status s = ag_run_reserve(run, MODEL, strlen(MODEL), 2000, 1000, &reservation);
    if (s == AG_E_BUDGET_EXCEEDED) {
      ag_run_last_error(run, msg, sizeof msg);
      printf("call %d refused: %s\n", call, msg);
      result = 0;
      break;
    }
    if (s != AG_OK) {
      ag_run_last_error(run, msg, sizeof msg);
      fprintf(stderr, "reserve: %s: %s\n", ag_status_str(s), msg);
      break;
    }
    used = call_model();
    s = ag_run_commit(run, reservation, &used, &cost);
    if (s != AG_OK) {
      ag_run_last_error(run, msg, sizeof msg);
      fprintf(stderr, "commit: %s: %s\n", ag_status_str(s), msg);
      break;
    }
    printf("call %d cost $%.6f\n", call, usd(cost));
  }

  if (result == 0) {
    ag_run_stats stats;
    memset(&stats, 0, sizeof stats);
    stats.struct_size = sizeof stats;
    if (ag_run_stats_get(run, &stats) == AG_OK)
      printf("spent $%.6f of $%.6f (%" PRId64 " nano-USD)\n", usd(stats.spent_nusd),
             usd(stats.limit_nusd), stats.spent_nusd);
  }

done:
  ag_run_free(run);
  ag_ledger_free(ledger);
  ag_engine_free(engine);
  return result;
}
