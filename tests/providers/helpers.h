// Shared helpers of the provider tests: reading corpus files and turning an ag_response into
// plain values to compare.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "agentguard.h"

namespace provtest {

inline std::string corpus_dir() { return std::string(AG_SHARED_DIR) + "/corpora/providers/"; }
inline std::string fixture_dir() { return std::string(AG_SOURCE_DIR) + "/tests/providers/fixtures/"; }

inline bool read_file(const std::string &path, std::string *out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

// Reads a corpus file, or skips the test when the shared corpus is absent.
#define READ_CORPUS_OR_SKIP(name, out)                                                   \
  do {                                                                                   \
    if (!provtest::read_file(provtest::corpus_dir() + (name), &(out)))                   \
      GTEST_SKIP() << "shared corpus not found: " << provtest::corpus_dir() << (name);   \
  } while (0)

inline std::string read_fixture(const std::string &name) {
  std::string s;
  EXPECT_TRUE(read_file(fixture_dir() + name, &s)) << "missing fixture " << name;
  return s;
}

struct Call {
  std::string id, name, arguments;
  bool operator==(const Call &o) const {
    return id == o.id && name == o.name && arguments == o.arguments;
  }
};

inline std::ostream &operator<<(std::ostream &os, const Call &c) {
  return os << "{" << c.id << ", " << c.name << ", " << c.arguments << "}";
}

// Everything an ag_response says, as values.
struct Result {
  int32_t provider = -1;
  std::string model, id, finish_raw, text;
  int32_t finish = -1;
  bool truncated = false;
  ag_usage usage{};
  std::vector<Call> calls;
};

inline std::string field(const ag_response *r, int32_t f) {
  size_t n = 0;
  EXPECT_EQ(ag_response_field(r, f, nullptr, 0, &n), AG_E_BUFFER_TOO_SMALL);
  std::string s(n, '\0');
  EXPECT_EQ(ag_response_field(r, f, s.data(), s.size(), &n), AG_OK);
  return s;
}

inline std::string call_part(const ag_response *r, size_t i, int32_t part) {
  size_t n = 0;
  EXPECT_EQ(ag_response_tool_call(r, i, part, nullptr, 0, &n), AG_E_BUFFER_TOO_SMALL);
  std::string s(n, '\0');
  EXPECT_EQ(ag_response_tool_call(r, i, part, s.data(), s.size(), &n), AG_OK);
  return s;
}

inline Result read_result(const ag_response *r) {
  Result out;
  out.provider = ag_response_provider(r);
  out.model = field(r, AG_FIELD_MODEL);
  out.id = field(r, AG_FIELD_ID);
  out.finish_raw = field(r, AG_FIELD_FINISH_RAW);
  out.text = field(r, AG_FIELD_TEXT);
  out.finish = ag_response_finish(r);
  out.truncated = ag_response_truncated(r) != 0;
  out.usage.struct_size = sizeof(ag_usage);
  EXPECT_EQ(ag_response_usage(r, &out.usage), AG_OK);
  for (size_t i = 0; i < ag_response_tool_call_count(r); ++i)
    out.calls.push_back(Call{call_part(r, i, AG_TOOL_CALL_ID), call_part(r, i, AG_TOOL_CALL_NAME),
                             call_part(r, i, AG_TOOL_CALL_ARGUMENTS)});
  return out;
}

// Parses a body; fails the test (and returns an empty Result) when parsing fails.
inline Result parse(int32_t provider, const std::string &body) {
  ag_response *r = nullptr;
  char err[512];
  ag_status s = ag_response_parse(provider, body.data(), body.size(), &r, err, sizeof err);
  EXPECT_EQ(s, AG_OK) << err;
  if (s != AG_OK) return Result{};
  Result out = read_result(r);
  ag_response_free(r);
  return out;
}

struct StreamOutcome {
  ag_status write_status = AG_OK;
  ag_status finish_status = AG_OK;
  std::string taken_text;  // text collected through ag_stream_parser_take_text
  Result result;
  std::string error;
};

// Feeds `sse` in chunks of the given sizes (cycled), taking text after every write.
inline StreamOutcome run_stream(int32_t provider, const std::string &sse,
                                const std::vector<size_t> &chunks) {
  StreamOutcome out;
  ag_stream_parser *p = nullptr;
  EXPECT_EQ(ag_stream_parser_new(provider, &p), AG_OK);
  size_t pos = 0, k = 0;
  while (pos < sse.size() && out.write_status == AG_OK) {
    size_t n = chunks[k++ % chunks.size()];
    if (n > sse.size() - pos) n = sse.size() - pos;
    out.write_status = ag_stream_parser_write(p, sse.data() + pos, n);
    pos += n;
    size_t len = 0;
    if (ag_stream_parser_take_text(p, nullptr, 0, &len) == AG_E_BUFFER_TOO_SMALL) {
      std::string piece(len, '\0');
      EXPECT_EQ(ag_stream_parser_take_text(p, piece.data(), piece.size(), &len), AG_OK);
      out.taken_text += piece;
    }
  }
  if (out.write_status == AG_OK) out.finish_status = ag_stream_parser_finish(p);
  char err[512];
  ag_stream_parser_last_error(p, err, sizeof err);
  out.error = err;
  ag_response *r = nullptr;
  EXPECT_EQ(ag_stream_parser_result(p, &r), AG_OK);
  out.result = read_result(r);
  ag_response_free(r);
  ag_stream_parser_free(p);
  return out;
}

// Whole, one byte at a time, and random chunk sizes (fixed seed).
inline std::vector<std::vector<size_t>> chunkings() {
  std::vector<std::vector<size_t>> all = {{1u << 30}, {1}, {2}, {7}, {64}};
  std::mt19937 rng(12345);
  for (int i = 0; i < 4; ++i) {
    std::vector<size_t> sizes;
    for (int k = 0; k < 50; ++k) sizes.push_back(1 + rng() % 97);
    all.push_back(sizes);
  }
  return all;
}

inline void expect_same(const Result &a, const Result &b) {
  EXPECT_EQ(a.provider, b.provider);
  EXPECT_EQ(a.model, b.model);
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.text, b.text);
  EXPECT_EQ(a.finish, b.finish);
  EXPECT_EQ(a.finish_raw, b.finish_raw);
  EXPECT_EQ(a.truncated, b.truncated);
  EXPECT_EQ(a.calls, b.calls);
  EXPECT_EQ(a.usage.input_tokens, b.usage.input_tokens);
  EXPECT_EQ(a.usage.cached_input_tokens, b.usage.cached_input_tokens);
  EXPECT_EQ(a.usage.cache_write_tokens, b.usage.cache_write_tokens);
  EXPECT_EQ(a.usage.output_tokens, b.usage.output_tokens);
  EXPECT_EQ(a.usage.reasoning_tokens, b.usage.reasoning_tokens);
}

// The usage numbers in one line: input, cached, cache write, output, reasoning.
#define EXPECT_USAGE(u, in, cached, write, out, reasoning)  \
  do {                                                     \
    EXPECT_EQ((u).input_tokens, uint64_t{in});             \
    EXPECT_EQ((u).cached_input_tokens, uint64_t{cached});  \
    EXPECT_EQ((u).cache_write_tokens, uint64_t{write});    \
    EXPECT_EQ((u).output_tokens, uint64_t{out});           \
    EXPECT_EQ((u).reasoning_tokens, uint64_t{reasoning});  \
  } while (0)

}  // namespace provtest
