// One scrub engine shared by several callers, each scrubbing part by part on threads of
// its own (EngineScrub::scrub_parts): every result equals the one-thread block result. Under
// ThreadSanitizer this covers the redactor and scratch pools, the lazily compiled span
// databases and the per-call worker threads.
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "core/engine.h"
#include "scrub/engine_scrub.h"

namespace {

std::string scrub(const ag::scrub::EngineScrub &e, const std::string &in, const std::vector<uint64_t> &cuts,
                  unsigned threads) {
  std::string buf(2 * in.size() + 4096, '\0');
  ag::scrub::Sink sink{buf.data(), buf.size(), 0};
  if (cuts.empty()) {
    e.scrub(ag::scrub::Style::kHash, in, &sink, nullptr);
  } else {
    e.scrub_parts(ag::scrub::Style::kHash, in, &sink, nullptr, cuts, threads);
  }
  buf.resize(sink.len);
  return buf;
}

TEST(ScrubPartsStress, SharedEngineManyCallersManyParts) {
  ag::Policy policy;
  policy.scrub.hash_key = "stress";
  auto engine = ag::make_engine_scrub(policy);
  if (engine->rules().empty()) GTEST_SKIP() << "no built-in rules in this build";
  std::string in;
  const char *secrets[] = {"AKIAIOSFODNN7EXAMPLE", "ghp_R8x2Lq7Vn4Tz9Kc1Wm5Yb3Hd6Jf0Ps2Ga8Ue", "a1@example.org",
                           "postgres://app:Vb7kQz2Lw9xT@db.example.com/sales"};
  for (int i = 0; in.size() < 120000; ++i)
    in += "line " + std::to_string(i) + " served in 3ms " + (i % 7 == 0 ? secrets[i % 4] : "ok") + "\n";
  // The callers go first, so their parts compile the span databases they need
  // concurrently; the one-thread result is computed after.
  std::vector<std::string> got(9);
  std::vector<std::thread> callers;
  for (int t = 0; t < 3; ++t) {
    callers.emplace_back([&, t] {
      for (int round = 0; round < 3; ++round) {
        std::vector<uint64_t> cuts;
        for (uint64_t at = 997 * (t + 1) + 101 * round; at < in.size(); at += 7919 + 1000 * t) cuts.push_back(at);
        got[static_cast<size_t>(3 * t + round)] = scrub(*engine, in, cuts, 2 + t);
      }
    });
  }
  for (std::thread &c : callers) c.join();
  const std::string want = scrub(*engine, in, {}, 1);
  ASSERT_NE(want, in);
  for (const std::string &g : got) EXPECT_EQ(g, want);
}

}  // namespace
