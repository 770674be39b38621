// A BPE vocabulary: token bytes -> rank, read from a tiktoken rank file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ag::tokenize {

inline constexpr uint32_t kNoRank = 0xFFFFFFFFu;

// Immutable after construction; lookups are safe from any number of threads.
class RankTable {
 public:
  // Parses "<base64 token bytes> <decimal rank>" lines (LF or CRLF; blank lines allowed).
  // Every token must be distinct and non-empty, every rank distinct and below 2^31, and all
  // 256 single bytes must have a rank. Throws ag::Error(AG_E_TOKENIZER, "<name>:<line>: ...").
  static RankTable parse(std::string_view content, std::string_view name);
  // Reads and parses a file; a missing or unreadable file is AG_E_TOKENIZER too.
  static RankTable load(const std::string &path);

  // The rank of the token with exactly the bytes [p, p + n), or kNoRank.
  uint32_t find(const unsigned char *p, size_t n) const;
  uint32_t byte_rank(unsigned char b) const { return byte_ranks_[b]; }
  // The bytes of a rank's token; empty for a rank not in the table.
  std::string_view token(uint32_t rank) const;
  size_t size() const { return count_; }

 private:
  struct Slot {
    uint32_t hash;    // high bits of the key's hash, to skip most byte comparisons
    uint32_t rank;
    uint32_t offset;  // of the token's bytes in bytes_
    uint32_t len;     // 0 = empty slot
  };

  void insert(std::string_view token, uint32_t rank, std::string_view name, size_t line);
  void finish(std::string_view name);

  std::string bytes_;                 // every token's bytes, back to back
  std::vector<Slot> slots_;           // open addressing, linear probing, power-of-two size
  std::vector<uint32_t> by_rank_;     // rank -> slot index (kNoRank for gaps)
  uint32_t byte_ranks_[256];
  size_t count_ = 0;
};

}  // namespace ag::tokenize
