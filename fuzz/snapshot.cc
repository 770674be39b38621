// ag_run_restore on arbitrary bytes: a status, never a crash; a restored run snapshots back.
#include <cstddef>
#include <cstdint>
#include <string>

#include "agentguard.h"

namespace {

struct Fixture {
  ag_engine *engine = nullptr;
  ag_ledger *ledger = nullptr;
  Fixture() {
    ag_engine_new(nullptr, 0, &engine, nullptr, 0);
    ag_ledger_new(engine, nullptr, &ledger);
    ag_ledger_set_time(ledger, 1773570600000);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static Fixture f;
  for (uint32_t flags : {AG_RESTORE_DEFAULT, AG_RESTORE_REAPPLY}) {
    ag_run *run = nullptr;
    if (ag_run_restore(f.engine, f.ledger, reinterpret_cast<const char *>(data), size, flags,
                       &run) != AG_OK)
      continue;
    size_t n = 0;
    ag_run_snapshot(run, nullptr, 0, &n);
    std::string again(n, '\0');
    if (ag_run_snapshot(run, again.data(), again.size(), &n) != AG_OK) __builtin_trap();
    ag_run_check(run);
    ag_run_turn(run);
    ag_run_free(run);
  }
  return 0;
}
