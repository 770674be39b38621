// Small helpers shared by the subcommands: reading inputs, JSON string literals, money and
// run error text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "agentguard.h"

// Appends everything readable from f to *out, stopping once *out holds more than `limit`
// bytes (so a caller can still tell that the input was too large). False on a read error.
bool read_stream(std::FILE *f, std::string *out, size_t limit = SIZE_MAX);

// Reads the file at path ("-" is stdin) into *out; false (errno set) when it cannot be
// opened or read.
bool read_path(const char *path, std::string *out, size_t limit = SIZE_MAX);

// The whole of an input from its current offset: a regular file is mapped (no copy, and no
// fresh pages to fault in, which cost more than the scan on some machines), anything else is
// read into memory.
class Input {
 public:
  Input() = default;
  Input(const Input &) = delete;
  Input &operator=(const Input &) = delete;
  ~Input();
  // False (errno set) when it cannot be read.
  bool load(std::FILE *f);
  // path "-" is stdin. False (errno set) when it cannot be opened or read.
  bool load(const char *path);
  std::string_view bytes() const { return view_; }

 private:
  void *map_ = nullptr;
  size_t map_len_ = 0;
  std::string copy_;
  std::string_view view_;
};

// A JSON string literal of arbitrary bytes: quotes, backslashes and control bytes are
// escaped; bytes >= 0x80 pass as they are.
std::string json_quote(std::string_view s);

// Nano-USD as dollars with six decimals: "$1.250000", "-$0.000100".
std::string usd_text(int64_t nusd);

// The CPUs this process may run on (at least 1, at most 16): the default --threads.
uint32_t default_threads();

// A --threads value: an integer from 1 to AG_SCRUB_THREADS_MAX. False otherwise.
bool parse_threads(const char *s, uint32_t *out);
inline constexpr const char *kThreadsUsage = "--threads must be an integer from 1 to 256";

// The run's last error message.
std::string run_error(const ag_run *run);
