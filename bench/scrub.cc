// Scrub throughput on a generated 64 MB mostly-clean text with sparse secrets, full default
// rule set: block scrub (on one thread, and cut into parts on 1 and 2), 4 KB-chunk streaming, and the candidate scan alone (Hyperscan
// callbacks per MB are reported as a counter), and the shape scan alone; the latency of one small, secret-dense tool
// output; compiling the default rules, and loading them from the compiled-database cache.
#include <benchmark/benchmark.h>

#include <hs/hs.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>

#include "core/engine.h"
#include "scrub/shape_scan.h"
#include "scrub/engine_scrub.h"

namespace {

constexpr size_t kCorpusBytes = 64u << 20;

// Log, JSON and prose lines; about one secret per 16 KB.
const std::string &corpus() {
  static const std::string text = [] {
    std::mt19937 rng(1);
    const char *lines[] = {
        "2024-05-01T10:00:00.123Z INFO  http request served method=GET path=/v1/items/%d status=200 ms=%d\n",
        "{\"id\": \"%d\", \"object\": \"chat.completion\", \"model\": \"gpt-4o\", \"usage\": {\"total_tokens\": %d}}\n",
        "The deployment finished after %d retries; the cache hit rate was %d percent overall.\n",
        "  at com.example.service.Handler.process(Handler.java:%d) commit 9fceb02d0ae598e95dc970b74767f19372d6%04d\n",
    };
    const char *secrets[] = {"AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPL%d\n",
                             "Authorization: Bearer ghp_16C7e42F292c6912E7710c838347Ae178B4a%d\n",
                             "export OPENAI_API_KEY=sk-proj-abcDEF1234567890ghiJKL%dT3BlbkFJxyz0987654321QWERTYuiop\n",
                             "contact jane.doe%d@example.com for access\n"};
    std::string t;
    t.reserve(kCorpusBytes + 256);
    char buf[256];
    size_t next_secret = 16384;
    while (t.size() < kCorpusBytes) {
      int n = std::snprintf(buf, sizeof buf, lines[rng() % 4], static_cast<int>(rng() % 100000),
                            static_cast<int>(rng() % 1000));
      t.append(buf, static_cast<size_t>(n));
      if (t.size() >= next_secret) {
        n = std::snprintf(buf, sizeof buf, secrets[rng() % 4], static_cast<int>(rng() % 10));
        t.append(buf, static_cast<size_t>(n));
        next_secret += 16384;
      }
    }
    t.resize(kCorpusBytes);
    return t;
  }();
  return text;
}

const ag::scrub::EngineScrub &engine() {
  static const auto e = ag::make_engine_scrub(ag::Policy{});
  return *e;
}

// The default rules and the identifier rules (scrub.identifiers).
const ag::scrub::EngineScrub &identifiers_engine() {
  static const auto e = [] {
    ag::Policy p;
    p.scrub.identifiers = true;
    return ag::make_engine_scrub(p);
  }();
  return *e;
}

// Scrubs the corpus as one block, with up to `threads` threads.
void scrub_corpus(benchmark::State &state, unsigned threads, const ag::scrub::EngineScrub &e = engine()) {
  const std::string &in = corpus();
  std::string out(e.bound(ag::scrub::Style::kLabel, in.size()), '\0');
  for (auto _ : state) {
    ag::scrub::Sink sink{out.data(), out.size(), 0};
    e.scrub(ag::scrub::Style::kLabel, in, &sink, nullptr, threads);
    benchmark::DoNotOptimize(sink.len);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * in.size()));
}

void BM_ScrubBlock(benchmark::State &state) { scrub_corpus(state, 1); }

// The same with scrub.identifiers on (15 more rules).
void BM_ScrubBlockIdentifiers(benchmark::State &state) { scrub_corpus(state, 1, identifiers_engine()); }

// The same call with ag_scrub_opts.threads = range(0): the input cut into that many parts,
// scanned in parallel. Wall-clock time (UseRealTime): MB/s is of the call, not per core.
void BM_ScrubBlockThreads(benchmark::State &state) { scrub_corpus(state, static_cast<unsigned>(state.range(0))); }

void BM_ScrubStream4K(benchmark::State &state) {
  const std::string &in = corpus();
  const auto &e = engine();
  auto scratch = e.acquire_scratch();
  ag::scrub::Redactor r(e, ag::scrub::Style::kLabel);
  std::string out(r.bound(1u << 20), '\0');
  for (auto _ : state) {
    r.reset(ag::scrub::Style::kLabel);
    size_t total = 0;
    for (size_t pos = 0; pos < in.size(); pos += 4096) {
      ag::scrub::Sink sink{out.data(), out.size(), 0};
      r.write(in.data() + pos, std::min<size_t>(4096, in.size() - pos), scratch->s, &sink);
      total += sink.len;
    }
    ag::scrub::Sink sink{out.data(), out.size(), 0};
    r.finish(scratch->s, &sink);
    benchmark::DoNotOptimize(total + sink.len);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * in.size()));
  e.release_scratch(std::move(scratch));
}

// Stage 1 alone: the candidate database over the corpus, counting callbacks.
void BM_CandidateScan(benchmark::State &state) {
  const std::string &in = corpus();
  const auto &db = engine().database();
  auto scratch = engine().acquire_scratch();
  uint64_t callbacks = 0;
  auto count = [](unsigned, unsigned long long, unsigned long long, unsigned, void *ctx) {
    ++*static_cast<uint64_t *>(ctx);
    return 0;
  };
  for (auto _ : state) {
    callbacks = 0;
    hs_stream_t *stream = nullptr;
    hs_open_stream(db.candidates(), 0, &stream);
    for (size_t pos = 0; pos < in.size(); pos += 1u << 20)
      hs_scan_stream(stream, in.data() + pos, 1u << 20, 0, scratch->s, count, &callbacks);
    hs_close_stream(stream, scratch->s, count, &callbacks);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * in.size()));
  state.counters["callbacks_per_MB"] = static_cast<double>(callbacks) / (in.size() / 1048576.0);
  engine().release_scratch(std::move(scratch));
}

// Stage 1 of the rules found by their shape: the shape scan alone over the corpus, counting places.
void BM_ShapeScan(benchmark::State &state) {
  const std::string &in = corpus();
  ag::scrub::ShapeScan scan;
  scan.configure(true, true);
  ag::scrub::ShapeReports reports;
  for (auto _ : state) {
    reports.digit_runs.clear();
    reports.dot_pairs.clear();
    for (size_t pos = 0; pos < in.size(); pos += 4096) scan.feed(in.data() + pos, std::min<size_t>(4096, in.size() - pos), &reports);
    scan.finish(&reports);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * in.size()));
  state.counters["runs_per_MB"] = static_cast<double>(reports.digit_runs.size()) / (in.size() / 1048576.0);
  state.counters["pairs_per_MB"] = static_cast<double>(reports.dot_pairs.size()) / (in.size() / 1048576.0);
}

// About 1 KB of tool output (a JSON tool result, log lines) with six secrets of five rules.
const std::string &tool_output() {
  static const std::string text =
      "{\"tool\":\"bash\",\"exit_code\":0,\"stdout\":\"Loaded config from /srv/app/.env\\n"
      "OPENAI_API_KEY=sk-proj-abcDEF1234567890ghiJKL4T3BlbkFJxyz0987654321QWERTYuiop\\n"
      "DATABASE_URL=postgres://app_user:Zx9vQ2mP7rLk@db.internal.example.com:5432/orders\\n"
      "Connecting as deploy... ok\\n\"}\n"
      "2024-05-01T10:00:00.123Z INFO  worker started pid=4121 queue=default concurrency=8\n"
      "2024-05-01T10:00:01.004Z DEBUG settings: password = \"Tr0ub4dor&3x\" retries=3 timeout_ms=2500\n"
      "2024-05-01T10:00:01.220Z INFO  notify owner jane.doe@example.com about job 8812 (status=queued)\n"
      "2024-05-01T10:00:02.871Z WARN  aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY found in env dump\n"
      "2024-05-01T10:00:03.000Z INFO  fetched 128 items from https://api.example.com/v1/items?page=2 in 83 ms\n"
      "2024-05-01T10:00:03.412Z INFO  git push using token ghp_16C7e42F292c6912E7710c838347Ae178B4a2 succeeded\n"
      "  at com.example.service.Handler.process(Handler.java:212) commit 9fceb02d0ae598e95dc970b74767f19372d60042\n"
      "The deployment finished after 3 retries; the cache hit rate was 97 percent overall. Next run at 11:00.\n"
      "{\"id\": \"chatcmpl-91\", \"object\": \"chat.completion\", \"model\": \"gpt-4o\", \"usage\": {\"total_tokens\": 512}}\n";
  return text;
}

// One block scrub of the tool output (span databases compiled before timing).
void BM_ScrubToolOutput1K(benchmark::State &state) {
  const std::string &in = tool_output();
  const auto &e = engine();
  std::string out(e.bound(ag::scrub::Style::kLabel, in.size()), '\0');
  std::vector<ag::scrub::Finding> findings;
  ag::scrub::Sink warm{out.data(), out.size(), 0};
  e.scrub(ag::scrub::Style::kLabel, in, &warm, &findings);
  for (auto _ : state) {
    ag::scrub::Sink sink{out.data(), out.size(), 0};
    e.scrub(ag::scrub::Style::kLabel, in, &sink, nullptr);
    benchmark::DoNotOptimize(sink.len);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * in.size()));
  state.counters["findings"] = static_cast<double>(findings.size());
}

// The candidate scan alone on the tool output.
void BM_CandidateScanToolOutput1K(benchmark::State &state) {
  const std::string &in = tool_output();
  const auto &db = engine().database();
  auto scratch = engine().acquire_scratch();
  hs_stream_t *stream = nullptr;
  hs_open_stream(db.candidates(), 0, &stream);
  auto none = [](unsigned, unsigned long long, unsigned long long, unsigned, void *) { return 0; };
  for (auto _ : state) {
    hs_scan_stream(stream, in.data(), static_cast<unsigned>(in.size()), 0, scratch->s, none, nullptr);
    hs_reset_stream(stream, 0, scratch->s, none, nullptr);
  }
  hs_close_stream(stream, nullptr, nullptr, nullptr);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * in.size()));
  engine().release_scratch(std::move(scratch));
}

// Compiling the candidate database of the default rules, with the cache off.
void BM_CompileDefaultRules(benchmark::State &state) {
  const char *old = std::getenv("AGENTGUARD_CACHE_DIR");
  std::string saved = old ? old : "";
  setenv("AGENTGUARD_CACHE_DIR", "", 1);
  for (auto _ : state) {
    ag::scrub::Database db(ag::make_engine_scrub(ag::Policy{})->rules());
    benchmark::DoNotOptimize(db.candidates());
  }
  if (old) {
    setenv("AGENTGUARD_CACHE_DIR", saved.c_str(), 1);
  } else {
    unsetenv("AGENTGUARD_CACHE_DIR");
  }
}

// The same database loaded from a warm compiled-database cache (a temporary directory).
void BM_LoadDefaultRulesFromCache(benchmark::State &state) {
  const char *old = std::getenv("AGENTGUARD_CACHE_DIR");
  std::string saved = old ? old : "";
  std::filesystem::path dir = std::filesystem::temp_directory_path() /
                              ("ag_bench_scrub_cache." + std::to_string(getpid()));
  setenv("AGENTGUARD_CACHE_DIR", dir.c_str(), 1);
  auto rules = ag::make_engine_scrub(ag::Policy{})->rules();
  { ag::scrub::Database warm(rules); }
  for (auto _ : state) {
    ag::scrub::Database db(rules);
    benchmark::DoNotOptimize(db.candidates());
  }
  std::filesystem::remove_all(dir);
  if (old) {
    setenv("AGENTGUARD_CACHE_DIR", saved.c_str(), 1);
  } else {
    unsetenv("AGENTGUARD_CACHE_DIR");
  }
}

}  // namespace

BENCHMARK(BM_ScrubBlock)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_ScrubBlockIdentifiers)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_ScrubBlockThreads)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->MinTime(2.0)->UseRealTime();
BENCHMARK(BM_ScrubStream4K)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_CandidateScan)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_ShapeScan)->Unit(benchmark::kMillisecond)->MinTime(1.0);
BENCHMARK(BM_ScrubToolOutput1K)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_CandidateScanToolOutput1K)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_CompileDefaultRules)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_LoadDefaultRulesFromCache)->Unit(benchmark::kMillisecond)->Iterations(5);

BENCHMARK_MAIN();
