// One BPE encoding: its split pattern and its vocabulary. Counting is exact: the same tokens
// tiktoken and gpt-tokenizer produce, with special tokens (<|endoftext|> ...) counted as the
// ordinary text they are spelled with.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tokenize/pretokenize.h"
#include "tokenize/rank_table.h"

namespace ag::tokenize {

// Values match AG_ENCODING_* in agentguard.h.
enum class EncodingId : int32_t { kO200kBase = 1, kCl100kBase = 2 };
inline constexpr int kEncodingCount = 2;

struct EncodingSpec {
  EncodingId id;
  const char *name;       // "o200k_base"
  const char *file;       // "o200k_base.tiktoken"
  SplitPattern pattern;
  size_t rank_count;      // ranks in the published file (a truncated file is refused)
};

// nullptr for an id that is not an encoding.
const EncodingSpec *find_encoding(int32_t id);
const EncodingSpec *find_encoding(std::string_view name);

// Immutable; count and encode are safe from any number of threads.
class Encoding {
 public:
  Encoding(const EncodingSpec &spec, RankTable ranks) : spec_(spec), ranks_(std::move(ranks)) {}

  // Reads <dir>/<spec.file>. Throws ag::Error(AG_E_TOKENIZER) naming the file (and line).
  static std::unique_ptr<Encoding> load(const EncodingSpec &spec, const std::string &dir);

  // Invalid UTF-8 is read as the WHATWG decoder reads it: each maximal ill-formed subpart
  // becomes U+FFFD (so counts agree with gpt-tokenizer on Buffer#toString of the bytes).
  uint64_t count(std::string_view text) const;
  // The token ranks, in order.
  std::vector<uint32_t> encode(std::string_view text) const;

  const EncodingSpec &spec() const { return spec_; }
  const RankTable &ranks() const { return ranks_; }

 private:
  template <class Fn>
  void for_each_piece(std::string_view text, Fn &&fn) const;

  const EncodingSpec &spec_;
  RankTable ranks_;
};

}  // namespace ag::tokenize
