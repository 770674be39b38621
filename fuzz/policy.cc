// Arbitrary bytes as a policy document and as run options: never a crash, never a leak;
// every failure is a status with a message.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "agentguard.h"
#include "core/status.h"
#include "policy/policy.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *text = reinterpret_cast<const char *>(data);
  ag_engine *engine = nullptr;
  char err[512];
  ag_status s = ag_engine_new(text, size, &engine, err, sizeof err);
  if ((s == AG_OK) != (engine != nullptr)) __builtin_trap();
  if (s != AG_OK && err[0] == '\0') __builtin_trap();  // every refusal says why
  ag_engine_free(engine);
  try {
    ag::parse_run_options(std::string_view(text, size), ag::RunLimits{});
  } catch (const ag::Error &) {
  }
  return 0;
}
