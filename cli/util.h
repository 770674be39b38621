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

// A JSON string literal of arbitrary bytes: quotes, backslashes and control bytes are
// escaped; bytes >= 0x80 pass as they are.
std::string json_quote(std::string_view s);

// Nano-USD as dollars with six decimals: "$1.250000", "-$0.000100".
std::string usd_text(int64_t nusd);

// The run's last error message.
std::string run_error(const ag_run *run);
