// Byte-pair merging of one piece: repeatedly merge the adjacent pair whose concatenation has
// the lowest rank (leftmost on ties) until no pair has a rank, exactly as tiktoken does.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "tokenize/rank_table.h"

namespace ag::tokenize {

// Holds scratch space reused across pieces; one per thread (not thread-safe).
class Merger {
 public:
  explicit Merger(const RankTable &ranks) : ranks_(ranks) {}

  // Tokens of piece (non-empty). Returns their count; when out is not null, also appends
  // their ranks. Pairs wait in a min-heap keyed by (rank, offset) over a linked list of
  // parts, so a piece of n bytes costs O(n log n) even when it is one long run.
  size_t merge(std::string_view piece, std::vector<uint32_t> *out);

 private:
  uint32_t rank_of(const unsigned char *p, uint32_t begin, uint32_t end) const {
    return end - begin == 1 ? ranks_.byte_rank(p[begin]) : ranks_.find(p + begin, end - begin);
  }
  // Records the rank of the pair [begin, end) at begin and queues it when it has one;
  // heapify = false only while the heap is being filled before std::make_heap.
  void push_pair(const unsigned char *p, uint32_t begin, uint32_t end, bool heapify);

  const RankTable &ranks_;
  // For the part starting at byte i: next_[i] is where the following part starts (the piece
  // size at the end), prev_[i] where the preceding one starts, and pair_[i] the rank of the
  // part joined with its successor (kNoRank when there is none, or when i is not a part).
  std::vector<uint32_t> next_, prev_, pair_;
  std::vector<uint64_t> heap_;  // (rank << 32 | offset); stale entries are skipped
};

}  // namespace ag::tokenize
