#include "scrub/shape_scan.h"

#include <cstring>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define AG_SHAPE_SCAN_X86 1
#endif

namespace ag::scrub {
namespace {

#define AG_INLINE inline __attribute__((always_inline))

// The separators the digit rules allow between digit groups.
AG_INLINE bool is_sep(unsigned char c) { return c == ' ' || c == '.' || c == '-'; }

struct Portable {
  static AG_INLINE uint64_t dots(const char *p) {
    uint64_t m = 0;
    for (int i = 0; i < 64; ++i) m |= static_cast<uint64_t>(p[i] == '.') << i;
    return m;
  }
  static AG_INLINE uint64_t digits(const char *p) {
    uint64_t m = 0;
    for (int i = 0; i < 64; ++i) m |= static_cast<uint64_t>(static_cast<unsigned char>(p[i] - '0') < 10) << i;
    return m;
  }
  static AG_INLINE uint64_t seps(const char *p) {
    uint64_t m = 0;
    for (int i = 0; i < 64; ++i) m |= static_cast<uint64_t>(is_sep(static_cast<unsigned char>(p[i]))) << i;
    return m;
  }
};

#if AG_SHAPE_SCAN_X86
struct Sse2 {
  static AG_INLINE uint64_t dots(const char *p) {
    const __m128i dot = _mm_set1_epi8('.');
    uint64_t m = 0;
    for (int i = 0; i < 4; ++i) {
      __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + 16 * i));
      m |= static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, dot)))) << (16 * i);
    }
    return m;
  }
  static AG_INLINE uint64_t digits(const char *p) {
    const __m128i zero = _mm_set1_epi8('0'), nine = _mm_set1_epi8(9);
    uint64_t m = 0;
    for (int i = 0; i < 4; ++i) {
      __m128i v = _mm_sub_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i *>(p + 16 * i)), zero);
      __m128i is = _mm_cmpeq_epi8(_mm_min_epu8(v, nine), v);  // (c - '0') <= 9, unsigned
      m |= static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(is))) << (16 * i);
    }
    return m;
  }
  static AG_INLINE uint64_t seps(const char *p) {
    const __m128i space = _mm_set1_epi8(' '), dot = _mm_set1_epi8('.'), dash = _mm_set1_epi8('-');
    uint64_t m = 0;
    for (int i = 0; i < 4; ++i) {
      __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + 16 * i));
      __m128i is = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, space), _mm_cmpeq_epi8(v, dot)), _mm_cmpeq_epi8(v, dash));
      m |= static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(is))) << (16 * i);
    }
    return m;
  }
};

struct Avx2 {
  __attribute__((target("avx2"))) static inline uint64_t dots(const char *p) {
    const __m256i dot = _mm256_set1_epi8('.');
    uint32_t lo = static_cast<uint32_t>(_mm256_movemask_epi8(
        _mm256_cmpeq_epi8(_mm256_loadu_si256(reinterpret_cast<const __m256i *>(p)), dot)));
    uint32_t hi = static_cast<uint32_t>(_mm256_movemask_epi8(
        _mm256_cmpeq_epi8(_mm256_loadu_si256(reinterpret_cast<const __m256i *>(p + 32)), dot)));
    return lo | static_cast<uint64_t>(hi) << 32;
  }
  __attribute__((target("avx2"))) static inline uint64_t digits(const char *p) {
    const __m256i zero = _mm256_set1_epi8('0'), nine = _mm256_set1_epi8(9);
    __m256i a = _mm256_sub_epi8(_mm256_loadu_si256(reinterpret_cast<const __m256i *>(p)), zero);
    __m256i b = _mm256_sub_epi8(_mm256_loadu_si256(reinterpret_cast<const __m256i *>(p + 32)), zero);
    uint32_t lo = static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_min_epu8(a, nine), a)));
    uint32_t hi = static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_min_epu8(b, nine), b)));
    return lo | static_cast<uint64_t>(hi) << 32;
  }
  __attribute__((target("avx2"))) static inline uint32_t seps32(const char *p) {
    const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(p));
    const __m256i is = _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8(' ')),
                                                       _mm256_cmpeq_epi8(v, _mm256_set1_epi8('.'))),
                                       _mm256_cmpeq_epi8(v, _mm256_set1_epi8('-')));
    return static_cast<uint32_t>(_mm256_movemask_epi8(is));
  }
  __attribute__((target("avx2"))) static inline uint64_t seps(const char *p) {
    return seps32(p) | static_cast<uint64_t>(seps32(p + 32)) << 32;
  }
};

bool has_avx2() {
  static const bool yes = __builtin_cpu_supports("avx2");
  return yes;
}
#endif

}  // namespace

// The block loop, shared by every instruction set: evaluates the held block once its
// successor's masks are known, then holds the new block.
template <class Isa>
AG_INLINE void ShapeScan::blocks(const char *p, size_t count, ShapeReports *out) {
  for (size_t b = 0; b < count; ++b, p += 64) {
    const uint64_t next = digits_ ? Isa::digits(p) : 0;
    const uint64_t next_dots = dots_ ? Isa::dots(p) : 0;
    if (have_cur_) {
      const uint64_t d = cur_digits_, prev = prev_digits_;
      const uint64_t run_start = d & ~((d << 1) | (prev >> 63));
      // bit i: bytes i .. i+3 are digits (the next block supplies the bytes past 63)
      const uint64_t four = run_start & ((d >> 1) | (next << 63)) & ((d >> 2) | (next << 62)) &
                            ((d >> 3) | (next << 61));
      // Branch-free up to the reports: on text full of numbers these masks are as often zero
      // as not, and a mispredicted branch costs more than the operations it would skip.
      const uint64_t eight = four & ((d >> 4) | (next << 60)) & ((d >> 5) | (next << 59)) &
                             ((d >> 6) | (next << 58)) & ((d >> 7) | (next << 57));
      uint64_t fire = eight;
      // Runs of 4-7 digits: the byte before must be a separator that follows two digits;
      // the previous block supplies the bytes before bit 0.
      const uint64_t two_before = ((d << 2) | (prev >> 62)) & ((d << 3) | (prev >> 61));
      const uint64_t sep_before =
          (Isa::seps(cur_bytes_) << 1) | static_cast<uint64_t>(is_sep(static_cast<unsigned char>(prev_last_)));
      fire |= four & ~eight & two_before & sep_before;
      for (; fire != 0; fire &= fire - 1)
        out->digit_runs.push_back(cur_base_ + static_cast<uint64_t>(__builtin_ctzll(fire)));
      // bit i: bytes i and i+7 are dots
      uint64_t pairs = cur_dots_ & ((cur_dots_ >> kDotPairGap) | (next_dots << (64 - kDotPairGap)));
      for (; pairs != 0; pairs &= pairs - 1)
        out->dot_pairs.push_back(cur_base_ + static_cast<uint64_t>(__builtin_ctzll(pairs)));
      prev_digits_ = d;
      prev_last_ = cur_bytes_[63];
    }
    cur_digits_ = next;
    cur_dots_ = next_dots;
    cur_bytes_ = p;
    cur_base_ = fed_;
    have_cur_ = true;
    fed_ += 64;
  }
}

void ShapeScan::reset() {
  prev_digits_ = cur_digits_ = cur_dots_ = 0;
  prev_last_ = 0;
  cur_bytes_ = nullptr;
  have_cur_ = false;
  cur_base_ = fed_ = 0;
  staged_ = 0;
}

void ShapeScan::run(const char *p, size_t count, ShapeReports *out) {
#if AG_SHAPE_SCAN_X86
  if (has_avx2()) {
    run_avx2(p, count, out);
    return;
  }
  blocks<Sse2>(p, count, out);
#else
  blocks<Portable>(p, count, out);
#endif
}

#if AG_SHAPE_SCAN_X86
__attribute__((target("avx2"))) void ShapeScan::run_avx2(const char *p, size_t count, ShapeReports *out) {
  blocks<Avx2>(p, count, out);
}
#endif

// Holds cur's bytes in held_ once the buffer they came from may go away.
void ShapeScan::hold() {
  if (have_cur_ && cur_bytes_ != held_) {
    std::memcpy(held_, cur_bytes_, 64);
    cur_bytes_ = held_;
  }
}

void ShapeScan::feed(const char *p, size_t n, ShapeReports *out) {
  if (staged_ > 0) {
    size_t take = std::min(n, 64 - staged_);
    std::memcpy(stage_ + staged_, p, take);
    staged_ += take;
    p += take;
    n -= take;
    if (staged_ < 64) return;
    run(stage_, 1, out);
    hold();
    staged_ = 0;
  }
  run(p, n / 64, out);
  hold();
  p += n / 64 * 64;
  n %= 64;
  std::memcpy(stage_, p, n);
  staged_ = n;
}

void ShapeScan::finish(ShapeReports *out) {
  // Zero bytes are neither digits nor separators: the data reads as ending there. The
  // partial block (if any) is evaluated against an empty successor like the last whole one.
  std::memset(stage_ + staged_, 0, 64 - staged_);
  if (staged_ > 0) {
    run(stage_, 1, out);
    hold();
    std::memset(stage_, 0, 64);
  }
  if (have_cur_) run(stage_, 1, out);
  reset();
}

}  // namespace ag::scrub
