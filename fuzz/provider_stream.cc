// Fuzzes the stream parser: the input is split into chunks at sizes taken from its first
// bytes; whatever the bytes, write/finish/result must return statuses and never crash.
#include <cstddef>
#include <cstdint>

#include "agentguard.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 2) return 0;
  const int32_t provider = data[0] % 5;
  const size_t chunk = 1 + data[1] % 64;
  ag_stream_parser *p = nullptr;
  if (ag_stream_parser_new(provider, &p) != AG_OK) return 0;
  ag_status s = AG_OK;
  for (size_t i = 2; i < size && s == AG_OK; i += chunk) {
    const size_t n = size - i < chunk ? size - i : chunk;
    s = ag_stream_parser_write(p, reinterpret_cast<const char *>(data + i), n);
    char text[64];
    size_t len = 0;
    ag_stream_parser_take_text(p, text, sizeof text, &len);
  }
  ag_stream_parser_finish(p);
  ag_response *r = nullptr;
  if (ag_stream_parser_result(p, &r) == AG_OK) ag_response_free(r);
  ag_stream_parser_free(p);
  return 0;
}
