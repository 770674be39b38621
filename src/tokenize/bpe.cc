#include "tokenize/bpe.h"

#include <algorithm>
#include <functional>
#include <limits>

#include "core/status.h"

namespace ag::tokenize {

void Merger::push_pair(const unsigned char *p, uint32_t begin, uint32_t end, bool heapify) {
  uint32_t r = rank_of(p, begin, end);
  pair_[begin] = r;
  if (r == kNoRank) return;
  heap_.push_back(static_cast<uint64_t>(r) << 32 | begin);
  if (heapify) std::push_heap(heap_.begin(), heap_.end(), std::greater<>());
}

size_t Merger::merge(std::string_view piece, std::vector<uint32_t> *out) {
  const auto *p = reinterpret_cast<const unsigned char *>(piece.data());
  if (piece.size() >= std::numeric_limits<uint32_t>::max())
    fail(AG_E_TOO_LARGE, "a single pre-token of " + std::to_string(piece.size()) +
                             " bytes exceeds the 4 GiB limit");
  const auto n = static_cast<uint32_t>(piece.size());
  uint32_t whole = rank_of(p, 0, n);
  if (whole != kNoRank) {
    if (out) out->push_back(whole);
    return 1;
  }
  next_.resize(n);
  prev_.resize(n);
  pair_.resize(n);
  heap_.clear();
  for (uint32_t i = 0; i < n; ++i) {
    next_[i] = i + 1;
    prev_[i] = i - 1;  // wraps to UINT32_MAX for the first part: no predecessor
  }
  pair_[n - 1] = kNoRank;
  for (uint32_t i = 0; i + 1 < n; ++i) push_pair(p, i, i + 2, /*heapify=*/false);
  std::make_heap(heap_.begin(), heap_.end(), std::greater<>());  // O(n), not n pushes

  size_t parts = n;
  while (!heap_.empty()) {
    std::pop_heap(heap_.begin(), heap_.end(), std::greater<>());
    uint64_t key = heap_.back();
    heap_.pop_back();
    auto i = static_cast<uint32_t>(key);
    if (pair_[i] != static_cast<uint32_t>(key >> 32)) continue;  // stale: the pair changed
    // Join part i with its successor j. A rank names one byte string, so a matching
    // pair_[i] means the pair at i is still exactly the one pushed.
    uint32_t j = next_[i], k = next_[j];
    pair_[j] = kNoRank;
    next_[i] = k;
    if (k < n) prev_[k] = i;
    --parts;
    if (k < n) push_pair(p, i, next_[k], /*heapify=*/true);
    else pair_[i] = kNoRank;
    if (i > 0) push_pair(p, prev_[i], k, /*heapify=*/true);
  }
  if (out) {
    for (uint32_t i = 0; i < n; i = next_[i]) out->push_back(rank_of(p, i, next_[i]));
  }
  return parts;
}

}  // namespace ag::tokenize
