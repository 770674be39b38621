#include "budget/money.h"

#include <cinttypes>
#include <cstdio>

namespace ag {

std::string format_usd(int64_t nusd) {
  // Work in unsigned so INT64_MIN has a magnitude.
  uint64_t mag = nusd < 0 ? 0 - static_cast<uint64_t>(nusd) : static_cast<uint64_t>(nusd);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s$%" PRIu64 ".%09" PRIu64, nusd < 0 ? "-" : "",
                mag / 1000000000u, mag % 1000000000u);
  return buf;
}

}  // namespace ag
