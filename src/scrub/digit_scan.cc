#include "scrub/digit_scan.h"

#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace ag::scrub {
namespace {

// The separators the digit rules allow between digit groups.
bool is_sep(unsigned char c) { return c == ' ' || c == '.' || c == '-'; }

uint64_t digit_mask(const char *p) {
#if defined(__SSE2__)
  const __m128i zero = _mm_set1_epi8('0'), nine = _mm_set1_epi8(9);
  uint64_t m = 0;
  for (int i = 0; i < 4; ++i) {
    __m128i v = _mm_sub_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i *>(p + 16 * i)), zero);
    __m128i is = _mm_cmpeq_epi8(_mm_min_epu8(v, nine), v);  // (c - '0') <= 9, unsigned
    m |= static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(is))) << (16 * i);
  }
  return m;
#else
  uint64_t m = 0;
  for (int i = 0; i < 64; ++i) m |= static_cast<uint64_t>(static_cast<unsigned char>(p[i] - '0') < 10) << i;
  return m;
#endif
}

uint64_t sep_mask(const char *p) {
  uint64_t m = 0;
  for (int i = 0; i < 64; ++i) m |= static_cast<uint64_t>(is_sep(static_cast<unsigned char>(p[i]))) << i;
  return m;
}

}  // namespace

void DigitScan::reset() {
  prev_digits_ = cur_digits_ = 0;
  prev_last_ = 0;
  cur_bytes_ = nullptr;
  have_cur_ = false;
  cur_base_ = fed_ = 0;
  staged_ = 0;
}

// Tests cur's run starts, with the block before it (prev) and after it (next) for context.
void DigitScan::evaluate(uint64_t next, std::vector<uint64_t> *starts) {
  const uint64_t d = cur_digits_, p = prev_digits_;
  const uint64_t before1 = (d << 1) | (p >> 63);  // bit i: byte i-1 is a digit
  const uint64_t run_start = d & ~before1;
  if (run_start == 0) return;
  // bit i: byte i+k is a digit
  auto ahead = [&](int k) { return (d >> k) | (next << (64 - k)); };
  const uint64_t four = run_start & ahead(1) & ahead(2) & ahead(3);
  if (four == 0) return;
  const uint64_t eight = four & ahead(4) & ahead(5) & ahead(6) & ahead(7);
  const uint64_t before2 = (d << 2) | (p >> 62), before3 = (d << 3) | (p >> 61);
  uint64_t fire = eight;
  uint64_t maybe = four & ~eight & before2 & before3;
  if (maybe != 0) {
    // The byte before the run must be a separator; its byte 63 comes from the previous block.
    const uint64_t sep1 = (sep_mask(cur_bytes_) << 1) | static_cast<uint64_t>(is_sep(static_cast<unsigned char>(prev_last_)));
    fire |= maybe & sep1;
  }
  while (fire != 0) {
    starts->push_back(cur_base_ + static_cast<uint64_t>(__builtin_ctzll(fire)));
    fire &= fire - 1;
  }
}

void DigitScan::push(const char *block, std::vector<uint64_t> *starts) {
  const uint64_t m = digit_mask(block);
  if (have_cur_) {
    evaluate(m, starts);
    prev_digits_ = cur_digits_;
    prev_last_ = cur_bytes_[63];
  }
  if (block == stage_) {
    std::memcpy(held_, stage_, 64);
    block = held_;
  }
  cur_digits_ = m;
  cur_bytes_ = block;
  cur_base_ = fed_;
  have_cur_ = true;
  fed_ += 64;
}

void DigitScan::feed(const char *p, size_t n, std::vector<uint64_t> *starts) {
  if (staged_ > 0) {
    size_t take = std::min(n, 64 - staged_);
    std::memcpy(stage_ + staged_, p, take);
    staged_ += take;
    p += take;
    n -= take;
    if (staged_ < 64) return;
    push(stage_, starts);
    staged_ = 0;
  }
  for (; n >= 64; p += 64, n -= 64) push(p, starts);
  if (have_cur_ && cur_bytes_ != held_) {
    std::memcpy(held_, cur_bytes_, 64);
    cur_bytes_ = held_;
  }
  std::memcpy(stage_, p, n);
  staged_ = n;
}

void DigitScan::finish(std::vector<uint64_t> *starts) {
  if (staged_ > 0) {
    // Zero bytes are neither digits nor separators: the data reads as ending there.
    std::memset(stage_ + staged_, 0, 64 - staged_);
    push(stage_, starts);
  }
  if (have_cur_) evaluate(0, starts);
  reset();
}

}  // namespace ag::scrub
