// Fuzzes ag_response_parse for every provider id: any bytes must give a status, never a crash,
// and a parsed response must serialise.
#include <cstddef>
#include <cstdint>
#include <string>

#include "agentguard.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0) return 0;
  const int32_t provider = data[0] % 5;
  ag_response *r = nullptr;
  char err[256];
  if (ag_response_parse(provider, reinterpret_cast<const char *>(data + 1), size - 1, &r, err,
                        sizeof err) == AG_OK) {
    size_t n = 0;
    ag_response_to_json(r, nullptr, 0, &n);
    std::string json(n, '\0');
    ag_response_to_json(r, json.data(), n, &n);
    ag_response_free(r);
  }
  return 0;
}
