// Fuzzes the SSE framer: framing the input whole and one byte at a time must give the same
// events (chunk invariance), for any bytes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "providers/sse.h"

namespace {

std::vector<std::string> frame(std::string_view in, size_t chunk) {
  ag::providers::SseFramer f;
  std::vector<std::string> out;
  auto sink = [&](std::string_view name, std::string &data) {
    out.push_back(std::string(name) + '\x01' + data);
  };
  for (size_t i = 0; i < in.size(); i += chunk) f.write(in.substr(i, chunk), sink);
  f.finish(sink);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string_view in(reinterpret_cast<const char *>(data), size);
  if (frame(in, size + 1) != frame(in, 1)) std::abort();
  return 0;
}
