// The scrub part of an engine: the active rules, the style and hash key, and the compiled
// database, built on first use (once, thread-safely) so that an engine that never scrubs
// never compiles. Immutable after construction apart from that cache; share freely.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

#include "scrub/database.h"
#include "scrub/redactor.h"
#include "scrub/rule.h"
#include "scrub/siphash.h"
#include "scrub/style.h"

namespace ag::scrub {

// A free list of reusable objects. take() returns nullptr when empty.
template <class T>
class Pool {
 public:
  std::unique_ptr<T> take() {
    std::lock_guard<std::mutex> lock(mu_);
    if (free_.empty()) return nullptr;
    std::unique_ptr<T> p = std::move(free_.back());
    free_.pop_back();
    return p;
  }
  void give(std::unique_ptr<T> p) {
    std::lock_guard<std::mutex> lock(mu_);
    free_.push_back(std::move(p));
  }

 private:
  std::mutex mu_;
  std::vector<std::unique_ptr<T>> free_;
};

class EngineScrub {
 public:
  EngineScrub(std::vector<Rule> rules, Style style, SipKey key);
  ~EngineScrub();

  const std::vector<Rule> &rules() const { return rules_; }
  Style style() const { return style_; }
  const SipKey &hash_key() const { return key_; }

  // The compiled rules; compiles on the first call. Throws ag::Error(AG_E_SCRUB_COMPILE).
  const Database &database() const;
  // True once database() has compiled.
  bool compiled() const { return db_.load(std::memory_order_acquire) != nullptr; }

  // A scratch for the calling thread to use for one call; give it back with release().
  std::unique_ptr<Scratch> acquire_scratch() const;
  void release_scratch(std::unique_ptr<Scratch> s) const { scratches_.give(std::move(s)); }

  // Block scrub: the redactor fed once and finished. out must have room for
  // bound(style, in.size()) bytes (or count only); findings (may be null) receive the
  // redactions in input order. With threads > 1 an input of at least 2 * kPartMin bytes is
  // cut into up to `threads` parts scanned in parallel (scrub_parts); the result is the same.
  void scrub(Style style, std::string_view in, Sink *out, std::vector<Finding> *findings,
             unsigned threads = 1) const;
  // The same result, computed part by part: `cuts` (ascending, each in (0, in.size())) cut
  // the input into parts, each scanned for the matches that end inside it, with enough
  // bytes on both sides for every such match and its window; then the spans of all parts
  // are merged and written once. The parts are shared by the caller's thread and up to
  // threads - 1 threads started for the call.
  void scrub_parts(Style style, std::string_view in, Sink *out, std::vector<Finding> *findings,
                   const std::vector<uint64_t> &cuts, unsigned threads) const;
  static constexpr uint64_t kPartMin = uint64_t{1} << 20;
  // The most output scrub() can write for n input bytes; SIZE_MAX on overflow.
  size_t bound(Style style, size_t n) const;

 private:
  class Lease;

  std::vector<Rule> rules_;
  Style style_;
  SipKey key_;
  mutable std::mutex compile_mu_;
  mutable std::atomic<const Database *> db_{nullptr};
  mutable std::unique_ptr<Database> db_owner_;
  mutable Pool<Scratch> scratches_;
  mutable Pool<Redactor> redactors_;
};

// Parses a hash key into a SipHash key; an empty key gives a random one.
SipKey make_hash_key(std::string_view key);

}  // namespace ag::scrub
