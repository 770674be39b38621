// Fuzzes ag_error_classify: the input is split into headers and body at its first NUL.
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "agentguard.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *text = reinterpret_cast<const char *>(data);
  const void *nul = std::memchr(text, 0, size);
  const size_t headers_len = nul ? static_cast<size_t>(static_cast<const char *>(nul) - text) : 0;
  const size_t body_off = nul ? headers_len + 1 : 0;
  ag_error_info info{};
  info.struct_size = sizeof info;
  char msg[128];
  size_t msg_len = 0;
  ag_error_classify(AG_PROVIDER_AUTO, size > 0 ? 400 + data[0] % 200 : 0, text, headers_len,
                    text + body_off, size - body_off, &info, msg, sizeof msg, &msg_len);
  return 0;
}
