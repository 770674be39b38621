// The C functions of the scrub section: results, the size-query convention, and every
// NULL or malformed argument.
#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "agentguard.h"
#include "core/engine.h"
#include "scrub/engine_scrub.h"
#include "test_rules.h"

namespace {

const std::string kAws = "AKIAIOSFODNN7EXAMPLE";

// An engine over the test suite's own rules.
std::unique_ptr<ag_engine> test_engine(ag::scrub::Style style = ag::scrub::Style::kLabel) {
  auto e = std::make_unique<ag_engine>();
  e->scrub = std::make_shared<ag::scrub::EngineScrub>(ag::scrub::testing::sample_rules(), style,
                                                      ag::scrub::SipKey{5, 6});
  return e;
}

std::string last_error(const ag_engine *e) {
  char buf[256];
  ag_engine_last_error(e, buf, sizeof buf);
  return buf;
}

TEST(ScrubCapi, ScrubsIntoACallerBuffer) {
  auto e = test_engine();
  std::string in = "id " + kAws + " end";
  size_t bound = 0;
  ASSERT_EQ(ag_scrub_bound(e.get(), nullptr, in.size(), &bound), AG_OK);
  std::string out(bound, '\0');
  size_t out_len = 0, findings = 0;
  ASSERT_EQ(ag_scrub(e.get(), nullptr, in.data(), in.size(), out.data(), out.size(), &out_len,
                     &findings),
            AG_OK);
  EXPECT_EQ(out.substr(0, out_len), "id [REDACTED:test-aws-key] end");
  EXPECT_EQ(findings, 1u);
}

TEST(ScrubCapi, SizeQueryGivesTheExactSize) {
  auto e = test_engine();
  std::string in = "id " + kAws + " end";
  size_t need = 0;
  EXPECT_EQ(ag_scrub(e.get(), nullptr, in.data(), in.size(), nullptr, 0, &need, nullptr),
            AG_E_BUFFER_TOO_SMALL);
  EXPECT_EQ(need, std::strlen("id [REDACTED:test-aws-key] end"));
  std::string out(need, '\0');
  size_t got = 0;
  EXPECT_EQ(ag_scrub(e.get(), nullptr, in.data(), in.size(), out.data(), need - 1, &got, nullptr),
            AG_E_BUFFER_TOO_SMALL);
  EXPECT_EQ(got, need);
  EXPECT_EQ(ag_scrub(e.get(), nullptr, in.data(), in.size(), out.data(), need, &got, nullptr), AG_OK);
  EXPECT_EQ(out, "id [REDACTED:test-aws-key] end");
}

TEST(ScrubCapi, StyleOverridePerCall) {
  auto e = test_engine();
  std::string in = "k=sk-abcdefghijklmnopqrstuvwxyz012345";
  ag_scrub_opts opts{sizeof(ag_scrub_opts), AG_SCRUB_STYLE_MASK, 0};
  char out[256];
  size_t n = 0;
  ASSERT_EQ(ag_scrub(e.get(), &opts, in.data(), in.size(), out, sizeof out, &n, nullptr), AG_OK);
  EXPECT_EQ(std::string(out, n), "k=sk-****");
  opts.style = AG_SCRUB_STYLE_DETECT;
  ASSERT_EQ(ag_scrub(e.get(), &opts, in.data(), in.size(), out, sizeof out, &n, nullptr), AG_OK);
  EXPECT_EQ(std::string(out, n), in);
  opts.style = 9;
  EXPECT_EQ(ag_scrub(e.get(), &opts, in.data(), in.size(), out, sizeof out, &n, nullptr),
            AG_E_INVALID_ARGUMENT);
  EXPECT_NE(last_error(e.get()).find("opts.style"), std::string::npos);
  opts.struct_size = 3;
  EXPECT_EQ(ag_scrub(e.get(), &opts, in.data(), in.size(), out, sizeof out, &n, nullptr),
            AG_E_STRUCT_SIZE);
}

// opts.threads: callers built before it (struct_size 8) still work; more than
// AG_SCRUB_THREADS_MAX is refused; any thread count gives the same output and count.
TEST(ScrubCapi, ThreadsOption) {
  auto e = test_engine();
  std::string in;
  size_t planted = 0;
  while (in.size() < 3 * AG_SCRUB_PART_MIN) {
    in += "GET /v1/items 200 12ms\n";
    if (in.size() % 41 == 0) {
      in += "id AKIAIOSFODNN7EXAMPLE end\n";
      ++planted;
    }
  }
  ASSERT_GT(planted, 100u);
  std::string want(in.size() + planted * 32, '\0'), got(want.size(), '\0');
  size_t want_n = 0, got_n = 0, want_f = 0, got_f = 0;
  ASSERT_EQ(ag_scrub(e.get(), nullptr, in.data(), in.size(), want.data(), want.size(), &want_n, &want_f), AG_OK);
  EXPECT_EQ(want_f, planted);
  ag_scrub_opts opts{sizeof(ag_scrub_opts), AG_SCRUB_STYLE_DEFAULT, 3};
  EXPECT_EQ(sizeof(ag_scrub_opts), 12u);
  ASSERT_EQ(ag_scrub(e.get(), &opts, in.data(), in.size(), got.data(), got.size(), &got_n, &got_f), AG_OK);
  EXPECT_EQ(got_n, want_n);
  EXPECT_EQ(got_f, want_f);
  EXPECT_EQ(got.substr(0, got_n), want.substr(0, want_n));
  // A too small buffer still gives the exact size with several threads.
  EXPECT_EQ(ag_scrub(e.get(), &opts, in.data(), in.size(), got.data(), in.size() / 2, &got_n, nullptr),
            AG_E_BUFFER_TOO_SMALL);
  EXPECT_EQ(got_n, want_n);
  opts.threads = AG_SCRUB_THREADS_MAX + 1;
  EXPECT_EQ(ag_scrub(e.get(), &opts, in.data(), in.size(), got.data(), got.size(), &got_n, nullptr),
            AG_E_INVALID_ARGUMENT);
  EXPECT_NE(last_error(e.get()).find("opts.threads"), std::string::npos);
  // The size before `threads`: accepted, and whatever follows it is not read.
  opts.struct_size = 8;
  ASSERT_EQ(ag_scrub(e.get(), &opts, in.data(), in.size(), got.data(), got.size(), &got_n, &got_f), AG_OK);
  EXPECT_EQ(got_f, want_f);
  ag_scrub_stream *s = nullptr;
  ASSERT_EQ(ag_scrub_stream_new(e.get(), &opts, &s), AG_OK);
  ag_scrub_stream_free(s);
  for (uint32_t size : {4u, 10u, 16u}) {
    opts.struct_size = size;
    EXPECT_EQ(ag_scrub(e.get(), &opts, in.data(), in.size(), got.data(), got.size(), &got_n, nullptr),
              AG_E_STRUCT_SIZE);
    EXPECT_NE(last_error(e.get()).find("opts.struct_size"), std::string::npos);
  }
}

// ag_scan_with: ag_scan's findings for every thread count; NULL options are ag_scan.
TEST(ScrubCapi, ScanWithThreads) {
  auto e = test_engine();
  std::string in;
  while (in.size() < 3 * AG_SCRUB_PART_MIN) {
    in += "GET /v1/items 200 12ms\n";
    if (in.size() % 37 == 0) in += "id AKIAIOSFODNN7EXAMPLE end\n";
  }
  auto scan = [&](const ag_scrub_opts *opts, ag_status *status) {
    size_t n = 0;
    std::vector<ag_finding> out(1);
    out[0].struct_size = sizeof(ag_finding);
    *status = ag_scan_with(e.get(), opts, in.data(), in.size(), out.data(), out.size(), &n);
    if (*status != AG_E_BUFFER_TOO_SMALL) return out;
    out.assign(n, ag_finding{});
    out[0].struct_size = sizeof(ag_finding);
    *status = ag_scan_with(e.get(), opts, in.data(), in.size(), out.data(), out.size(), &n);
    return out;
  };
  ag_status st = AG_OK;
  std::vector<ag_finding> one = scan(nullptr, &st);
  ASSERT_EQ(st, AG_OK);
  ASSERT_GT(one.size(), 100u);
  size_t n = 0;
  std::vector<ag_finding> plain(one.size());
  plain[0].struct_size = sizeof(ag_finding);
  ASSERT_EQ(ag_scan(e.get(), in.data(), in.size(), plain.data(), plain.size(), &n), AG_OK);
  ag_scrub_opts opts{sizeof(ag_scrub_opts), AG_SCRUB_STYLE_LABEL, 3};
  std::vector<ag_finding> three = scan(&opts, &st);
  ASSERT_EQ(st, AG_OK);
  ASSERT_EQ(three.size(), one.size());
  for (size_t i = 0; i < one.size(); ++i) {
    EXPECT_EQ(three[i].start, one[i].start) << i;
    EXPECT_EQ(three[i].end, one[i].end) << i;
    EXPECT_STREQ(three[i].rule, one[i].rule) << i;
    EXPECT_EQ(plain[i].start, one[i].start) << i;
  }
  opts.threads = AG_SCRUB_THREADS_MAX + 1;
  scan(&opts, &st);
  EXPECT_EQ(st, AG_E_INVALID_ARGUMENT);
  EXPECT_NE(last_error(e.get()).find("opts.threads"), std::string::npos);
  opts.threads = 2;
  opts.struct_size = 4;
  scan(&opts, &st);
  EXPECT_EQ(st, AG_E_STRUCT_SIZE);
  EXPECT_EQ(ag_scan_with(nullptr, nullptr, in.data(), in.size(), nullptr, 0, &n), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_scan_with(e.get(), nullptr, in.data(), in.size(), nullptr, 0, nullptr), AG_E_INVALID_ARGUMENT);
}

// ag_scrub_to: ag_scrub's output, handed to a write function in pieces; a non-zero return
// stops the scrub with AG_E_IO.
TEST(ScrubCapi, ScrubToAWriteFunction) {
  auto e = test_engine();
  std::string in;
  while (in.size() < 3 * AG_SCRUB_PART_MIN) in += "GET /v1/items 200 id AKIAIOSFODNN7EXAMPLE 12ms\n";
  std::string want(in.size() * 2, '\0');
  size_t want_n = 0, want_f = 0;
  ASSERT_EQ(ag_scrub(e.get(), nullptr, in.data(), in.size(), want.data(), want.size(), &want_n, &want_f), AG_OK);
  want.resize(want_n);
  struct Gather {
    std::string out;
    size_t pieces = 0, empty = 0, stop_after = SIZE_MAX;
    static int write(void *ctx, const char *p, size_t n) {
      auto *g = static_cast<Gather *>(ctx);
      if (g->pieces++ >= g->stop_after) return -5;
      if (n == 0) ++g->empty;
      g->out.append(p, n);
      return 0;
    }
  };
  for (uint32_t threads : {1u, 3u}) {
    SCOPED_TRACE(threads);
    ag_scrub_opts opts{sizeof(ag_scrub_opts), AG_SCRUB_STYLE_DEFAULT, threads};
    Gather g;
    size_t found = 0;
    ASSERT_EQ(ag_scrub_to(e.get(), &opts, in.data(), in.size(), Gather::write, &g, &found), AG_OK);
    EXPECT_EQ(g.out, want);
    EXPECT_EQ(found, want_f);
    EXPECT_GT(g.pieces, want_f);
    EXPECT_EQ(g.empty, 0u);
    Gather stop;
    stop.stop_after = 10;
    EXPECT_EQ(ag_scrub_to(e.get(), &opts, in.data(), in.size(), Gather::write, &stop, nullptr), AG_E_IO);
    EXPECT_EQ(stop.pieces, 11u);
    EXPECT_NE(last_error(e.get()).find("returned -5"), std::string::npos);
  }
  Gather g;
  EXPECT_EQ(ag_scrub_to(e.get(), nullptr, nullptr, 0, Gather::write, &g, nullptr), AG_OK);
  EXPECT_EQ(g.pieces, 0u);
  EXPECT_EQ(ag_scrub_to(e.get(), nullptr, "a", 1, nullptr, nullptr, nullptr), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_scrub_to(e.get(), nullptr, nullptr, 1, Gather::write, &g, nullptr), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_scrub_to(nullptr, nullptr, "a", 1, Gather::write, &g, nullptr), AG_E_INVALID_ARGUMENT);
  ag_scrub_opts bad{sizeof(ag_scrub_opts), AG_SCRUB_STYLE_DEFAULT, AG_SCRUB_THREADS_MAX + 1};
  EXPECT_EQ(ag_scrub_to(e.get(), &bad, "a", 1, Gather::write, &g, nullptr), AG_E_INVALID_ARGUMENT);
}

TEST(ScrubCapi, ScanReportsFindings) {
  auto e = test_engine();
  std::string in = "a " + kAws + " b someone@example.com";
  size_t count = 0;
  EXPECT_EQ(ag_scan(e.get(), in.data(), in.size(), nullptr, 0, &count), AG_E_BUFFER_TOO_SMALL);
  ASSERT_EQ(count, 2u);
  ag_finding f[2];
  f[0].struct_size = sizeof(ag_finding);
  ASSERT_EQ(ag_scan(e.get(), in.data(), in.size(), f, 2, &count), AG_OK);
  EXPECT_STREQ(f[0].rule, "test-aws-key");
  EXPECT_STREQ(f[0].family, "cloud");
  EXPECT_EQ(f[0].start, 2u);
  EXPECT_EQ(f[0].end, 22u);
  EXPECT_EQ(f[0].confidence, AG_CONFIDENCE_HIGH);
  EXPECT_STREQ(f[1].rule, "test-email");
  EXPECT_STREQ(f[1].family, "pii");
  EXPECT_EQ(f[1].struct_size, sizeof(ag_finding));
  f[0].struct_size = 1;
  EXPECT_EQ(ag_scan(e.get(), in.data(), in.size(), f, 2, &count), AG_E_STRUCT_SIZE);
}

TEST(ScrubCapi, RuleIntrospection) {
  auto e = test_engine();
  size_t n = 0;
  ASSERT_EQ(ag_scrub_rule_count(e.get(), &n), AG_OK);
  EXPECT_EQ(n, ag::scrub::testing::sample_rules().size());
  ag_rule_info info;
  info.struct_size = sizeof info;
  ASSERT_EQ(ag_scrub_rule_info(e.get(), 0, &info), AG_OK);
  EXPECT_STREQ(info.id, "test-aws-key");
  EXPECT_EQ(info.max_len, 21u);
  EXPECT_EQ(ag_scrub_rule_info(e.get(), n, &info), AG_E_NOT_FOUND);
  info.struct_size = 0;
  EXPECT_EQ(ag_scrub_rule_info(e.get(), 0, &info), AG_E_STRUCT_SIZE);
}

TEST(ScrubCapi, StreamMatchesBlockAndFollowsItsStates) {
  auto e = test_engine();
  std::string in = "x " + kAws + " y sk-abcdefghijklmnopqrstuvwxyz012345";
  ag_scrub_stream *s = nullptr;
  ASSERT_EQ(ag_scrub_stream_new(e.get(), nullptr, &s), AG_OK);
  std::string out;
  for (char c : in) {
    std::string buf(ag_scrub_stream_bound(s, 1), '\0');
    size_t n = 0;
    ASSERT_EQ(ag_scrub_stream_write(s, &c, 1, buf.data(), buf.size(), &n), AG_OK);
    out.append(buf.data(), n);
  }
  size_t need = 0;
  EXPECT_EQ(ag_scrub_stream_finish(s, nullptr, 0, &need), AG_E_BUFFER_TOO_SMALL);
  EXPECT_EQ(need, ag_scrub_stream_bound(s, 0));
  std::string buf(need, '\0');
  size_t n = 0;
  ASSERT_EQ(ag_scrub_stream_finish(s, buf.data(), buf.size(), &n), AG_OK);
  out.append(buf.data(), n);
  EXPECT_EQ(out, "x [REDACTED:test-aws-key] y [REDACTED:test-sk]");
  size_t count = 0;
  EXPECT_EQ(ag_scrub_stream_findings(s, nullptr, 0, &count), AG_E_BUFFER_TOO_SMALL);
  EXPECT_EQ(count, 2u);
  EXPECT_EQ(ag_scrub_stream_write(s, "a", 1, buf.data(), buf.size(), &n), AG_E_STATE);
  char msg[128];
  EXPECT_GT(ag_scrub_stream_last_error(s, msg, sizeof msg), 0u);
  EXPECT_STREQ(msg, "the stream is finished");
  ag_scrub_stream_free(s);
}

TEST(ScrubCapi, StreamOutlivesItsEngine) {
  auto e = test_engine();
  ag_scrub_stream *s = nullptr;
  ASSERT_EQ(ag_scrub_stream_new(e.get(), nullptr, &s), AG_OK);
  e.reset();
  std::string buf(ag_scrub_stream_bound(s, kAws.size()), '\0');
  size_t n = 0;
  ASSERT_EQ(ag_scrub_stream_write(s, kAws.data(), kAws.size(), buf.data(), buf.size(), &n), AG_OK);
  buf.resize(ag_scrub_stream_bound(s, 0));
  ASSERT_EQ(ag_scrub_stream_finish(s, buf.data(), buf.size(), &n), AG_OK);
  EXPECT_EQ(buf.substr(0, n), "[REDACTED:test-aws-key]");
  ag_scrub_stream_free(s);
}

TEST(ScrubCapi, RejectsNullAndBadArguments) {
  auto e = test_engine();
  char out[64];
  size_t n = 0, count = 0;
  ag_finding f[1];
  ag_rule_info info;
  ag_scrub_stream *s = nullptr;
  EXPECT_EQ(ag_scrub_bound(nullptr, nullptr, 1, &n), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_scrub_bound(e.get(), nullptr, 1, nullptr), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_scrub_bound(e.get(), nullptr, SIZE_MAX, &n), AG_E_TOO_LARGE);
  EXPECT_EQ(ag_scrub(nullptr, nullptr, "a", 1, out, sizeof out, &n, nullptr), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_scrub(e.get(), nullptr, nullptr, 1, out, sizeof out, &n, nullptr), AG_E_INVALID_ARGUMENT);
  EXPECT_NE(last_error(e.get()).find("in:"), std::string::npos);
  EXPECT_EQ(ag_scrub(e.get(), nullptr, "a", 1, out, sizeof out, nullptr, nullptr), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_scrub(e.get(), nullptr, nullptr, 0, out, sizeof out, &n, nullptr), AG_OK);
  EXPECT_EQ(n, 0u);
  EXPECT_EQ(ag_scan(nullptr, "a", 1, f, 1, &count), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_scan(e.get(), "a", 1, f, 1, nullptr), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_scan(e.get(), nullptr, 2, f, 1, &count), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_scrub_rule_count(nullptr, &n), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_scrub_rule_count(e.get(), nullptr), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_scrub_rule_info(nullptr, 0, &info), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_scrub_rule_info(e.get(), 0, nullptr), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_scrub_stream_new(nullptr, nullptr, &s), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_scrub_stream_new(e.get(), nullptr, nullptr), AG_E_INVALID_ARGUMENT);
  ag_scrub_opts bad{0, AG_SCRUB_STYLE_LABEL, 0};
  EXPECT_EQ(ag_scrub_stream_new(e.get(), &bad, &s), AG_E_STRUCT_SIZE);
  EXPECT_EQ(s, nullptr);
  EXPECT_EQ(ag_scrub_stream_write(nullptr, "a", 1, out, sizeof out, &n), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_scrub_stream_finish(nullptr, out, sizeof out, &n), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_scrub_stream_findings(nullptr, f, 1, &count), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_scrub_stream_bound(nullptr, 1), SIZE_MAX);
  EXPECT_GT(ag_scrub_stream_last_error(nullptr, out, sizeof out), 0u);
  ag_scrub_stream_free(nullptr);

  ASSERT_EQ(ag_scrub_stream_new(e.get(), nullptr, &s), AG_OK);
  EXPECT_EQ(ag_scrub_stream_write(s, nullptr, 3, out, sizeof out, &n), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_scrub_stream_write(s, "abc", 3, out, sizeof out, nullptr), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_scrub_stream_write(s, "abc", 3, out, 1, &n), AG_E_BUFFER_TOO_SMALL);
  EXPECT_EQ(n, ag_scrub_stream_bound(s, 3));
  EXPECT_EQ(ag_scrub_stream_write(s, "abc", SIZE_MAX, out, sizeof out, &n), AG_E_TOO_LARGE);
  EXPECT_EQ(ag_scrub_stream_findings(s, f, 1, nullptr), AG_E_INVALID_ARGUMENT);
  ag_scrub_stream_free(s);
}

TEST(ScrubCapi, DefaultEngineScrubs) {
  ag_engine *e = nullptr;
  ASSERT_EQ(ag_engine_new(nullptr, 0, &e, nullptr, 0), AG_OK);
  size_t rules = 0;
  ASSERT_EQ(ag_scrub_rule_count(e, &rules), AG_OK);
  if (rules == 0) {
    ag_engine_free(e);
    GTEST_SKIP() << "no built-in rules in this build";
  }
  std::string in = "aws_access_key_id = " + kAws + "\n";
  std::string out(4096, '\0');
  size_t n = 0, found = 0;
  ASSERT_EQ(ag_scrub(e, nullptr, in.data(), in.size(), out.data(), out.size(), &n, &found), AG_OK)
      << last_error(e);
  out.resize(n);
  EXPECT_EQ(out.find(kAws), std::string::npos) << out;
  EXPECT_GE(found, 1u);
  ag_engine_free(e);
}

}  // namespace
