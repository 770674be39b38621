// Stage 1 for the rules whose patterns have no literal for Hyperscan to search for. Hyperscan
// runs literal-free automata over every byte, and on text full of numbers and dotted names
// (logs, JSON, code) a handful of such rules cost as much as the other 280 together. So they
// are not in the candidate database: this scan finds, with SIMD compares and bit operations
// over 64-byte blocks, the places where they can match, and a small block-mode database per
// shape confirms each place (Database::shape_db()).
//
// Two shapes:
//  - Digit runs (rules flagged kDigitRun: phone numbers, SSNs, card numbers). Every match
//    ends with a maximal run of ASCII digits of length L >= 4, followed by a non-digit that
//    the rule consumes or by the end of the data; and either L >= 8, or the run follows one
//    separator byte (space, '.' or '-') that follows two digits. Reported: the run's start.
//  - Dot pairs (rules flagged kDotPair: Discord bot tokens). Every match holds two '.' bytes
//    exactly 7 apart. Reported: the first dot.
//
// A place is reported once the 64-byte block after its own has been seen (or at finish), so
// reports lag the input by at most kShapeScanLag bytes. Reports depend only on the bytes,
// never on how they were cut into chunks.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ag::scrub {

// How far behind the fed total a place may still be reported.
constexpr uint64_t kShapeScanLag = 192;

// The distance between the two dots of a dot pair.
constexpr unsigned kDotPairGap = 7;

struct ShapeReports {
  std::vector<uint64_t> digit_runs;  // stream offsets of qualifying digit runs' starts
  std::vector<uint64_t> dot_pairs;   // stream offsets of the first dot of each pair
  bool empty() const { return digit_runs.empty() && dot_pairs.empty(); }
};

class ShapeScan {
 public:
  // Which shapes to look for (a shape without rules costs nothing).
  void configure(bool digits, bool dots) {
    digits_ = digits;
    dots_ = dots;
  }
  bool active() const { return digits_ || dots_; }
  // Consumes n bytes; appends the places found to *out.
  void feed(const char *p, size_t n, ShapeReports *out);
  // Ends the data (it reads as followed by bytes of no shape) and reports the rest; then resets.
  void finish(ShapeReports *out);
  void reset();

 private:
  // Scans `count` whole blocks at p, picking the widest instruction set the CPU has.
  void run(const char *p, size_t count, ShapeReports *out);
  void run_avx2(const char *p, size_t count, ShapeReports *out);
  template <class Isa>
  void blocks(const char *p, size_t count, ShapeReports *out);
  void hold();

  bool digits_ = true, dots_ = false;
  uint64_t prev_digits_ = 0;  // digit mask of the block before cur (bit i: byte i is 0-9)
  char prev_last_ = 0;        // that block's last byte
  uint64_t cur_digits_ = 0;   // the block waiting for its successor
  uint64_t cur_dots_ = 0;     // its '.' mask
  const char *cur_bytes_ = nullptr;
  bool have_cur_ = false;
  uint64_t cur_base_ = 0;  // stream offset of cur
  uint64_t fed_ = 0;       // bytes consumed as whole blocks
  char held_[64];          // cur's bytes once the caller's buffer is gone
  char stage_[64];         // a partial block
  size_t staged_ = 0;
};

}  // namespace ag::scrub
