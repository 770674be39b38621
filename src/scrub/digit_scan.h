// Stage 1 for the digit rules (phone numbers, SSNs, card numbers). Their patterns have no
// literal, and Hyperscan runs literal-free automata over every byte: on text full of
// numbers (logs, JSON) they cost more than the other 280 rules together. So they are not
// in the candidate database; this scan finds where they can match instead, and a small
// block-mode database confirms each place (Database::digits()).
//
// Every match of a digit rule (kDigitRun) ends with a maximal run of ASCII digits, of
// length L >= 4, followed by a non-digit that the rule consumes or by the end of the data;
// and either L >= 8, or the run follows one separator byte (space, '.' or '-') that
// follows two digits. The scan reports the start of every run meeting that condition. It classifies
// 64 bytes at a time with SIMD compares and tests the condition with bit operations, so
// text without such runs costs a few instructions per 64 bytes.
//
// A run start is reported once the 64-byte block after its own has been seen (or at
// finish), so reports lag the input by at most kDigitScanLag bytes. Reports depend only
// on the bytes, never on how they were cut into chunks.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ag::scrub {

// How far behind the fed total a run start may still be reported.
constexpr uint64_t kDigitScanLag = 192;

class DigitScan {
 public:
  // Consumes n bytes; appends the stream offsets of the qualifying run starts found to *starts.
  void feed(const char *p, size_t n, std::vector<uint64_t> *starts);
  // Ends the data (it reads as followed by non-digits) and reports the rest; then resets.
  void finish(std::vector<uint64_t> *starts);
  void reset();

 private:
  // Scans `count` whole blocks at p, picking the widest instruction set the CPU has.
  void run(const char *p, size_t count, std::vector<uint64_t> *starts);
  void run_avx2(const char *p, size_t count, std::vector<uint64_t> *starts);
  template <class Isa>
  void blocks(const char *p, size_t count, std::vector<uint64_t> *starts);
  void hold();

  uint64_t prev_digits_ = 0;  // digit mask of the block before cur (bit i: byte i is 0-9)
  char prev_last_ = 0;        // that block's last byte
  uint64_t cur_digits_ = 0;   // the block waiting for its successor
  const char *cur_bytes_ = nullptr;
  bool have_cur_ = false;
  uint64_t cur_base_ = 0;  // stream offset of cur
  uint64_t fed_ = 0;       // bytes consumed as whole blocks
  char held_[64];          // cur's bytes once the caller's buffer is gone
  char stage_[64];         // a partial block
  size_t staged_ = 0;
};

}  // namespace ag::scrub
