// Token counting throughput (MB/s of input) for both encodings on prose, code, JSON and CJK,
// plus the estimate. Texts come from the shared data (or $AG_BENCH_TEXT_DIR); rank files
// from $AGENTGUARD_TOKENIZER_DIR or the shared data.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "tokenize/encoding.h"
#include "tokenize/estimate.h"

namespace {

using namespace ag::tokenize;
namespace fs = std::filesystem;

std::string read_file(const fs::path &p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// About 1 MiB of one kind of text, repeated from its sources.
std::string corpus(const std::string &kind) {
  if (const char *dir = std::getenv("AG_BENCH_TEXT_DIR")) return read_file(fs::path(dir) / (kind + ".txt"));
  const fs::path shared = AG_SHARED_DIR;
  std::string one;
  if (kind == "prose") {
    for (const char *f : {"docs/DESIGN.md", "docs/STYLE.md", "README.md"})
      one += read_file(shared / f);
  } else if (kind == "code") {
    for (const auto &e : fs::recursive_directory_iterator(AG_SOURCE_DIR "/src"))
      if (e.path().extension() == ".cc" || e.path().extension() == ".h")
        one += read_file(e.path());
  } else if (kind == "json") {
    for (const auto &e : fs::directory_iterator(shared / "corpora/providers"))
      if (e.path().extension() == ".json") one += read_file(e.path());
  } else if (kind == "cjk") {
    // Japanese and Chinese sentences (ours), with the ASCII punctuation of real text.
    one = "\xE4\xBB\x8A\xE6\x97\xA5\xE3\x81\xAF\xE4\xBA\x88\xE7\xAE\x97\xE3\x81\xAE\xE4\xB8\x8A"
          "\xE9\x99\x90\xE3\x82\x92\xE7\xA2\xBA\xE8\xAA\x8D\xE3\x81\x97\xE3\x81\xBE\xE3\x81\x99"
          "\xE3\x80\x82\xE6\x88\x91\xE4\xBB\xAC\xE9\x9C\x80\xE8\xA6\x81\xE8\xAE\xA1\xE7\xAE\x97"
          "\xE6\xAF\x8F\xE4\xB8\xAA\xE8\xAF\xB7\xE6\xB1\x82\xE7\x9A\x84\xE4\xBB\xA4\xE7\x89\x8C"
          "\xE6\x95\xB0\xE9\x87\x8F (2024), \xE7\x84\xB6\xE5\x90\x8E\xE5\x81\x9C\xE6\xAD\xA2"
          "\xE3\x80\x82\n";
  }
  if (one.empty()) return one;
  std::string out;
  while (out.size() < (1u << 20)) out += one;
  return out;
}

const Encoding *encoding(EncodingId id) {
  static std::unique_ptr<Encoding> loaded[kEncodingCount];
  static bool once = [] {
    const char *env = std::getenv("AGENTGUARD_TOKENIZER_DIR");
    std::string dir = env != nullptr ? env : AG_SHARED_DIR "/data/tokenizers";
    for (int i = 0; i < kEncodingCount; ++i) loaded[i] = Encoding::load(*find_encoding(i + 1), dir);
    return true;
  }();
  (void)once;
  return loaded[static_cast<int>(id) - 1].get();
}

void count(benchmark::State &state, EncodingId id, const std::string &kind) {
  const std::string text = corpus(kind);
  if (text.empty()) return state.SkipWithError("no text");
  const Encoding *e = encoding(id);
  uint64_t tokens = 0;
  for (auto _ : state) {
    tokens = e->count(text);
    benchmark::DoNotOptimize(tokens);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.counters["tokens"] = static_cast<double>(tokens);
}

void estimate(benchmark::State &state, const std::string &kind) {
  const std::string text = corpus(kind);
  for (auto _ : state) benchmark::DoNotOptimize(estimate_tokens(text));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

void load(benchmark::State &state, EncodingId id) {
  const char *env = std::getenv("AGENTGUARD_TOKENIZER_DIR");
  std::string dir = env != nullptr ? env : AG_SHARED_DIR "/data/tokenizers";
  for (auto _ : state)
    benchmark::DoNotOptimize(Encoding::load(*find_encoding(static_cast<int32_t>(id)), dir));
}

const int kRegistered = [] {
  for (const char *kind : {"prose", "code", "json", "cjk"}) {
    std::string k = kind;
    benchmark::RegisterBenchmark(("count/o200k_base/" + k).c_str(), count, EncodingId::kO200kBase, k)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(("count/cl100k_base/" + k).c_str(), count, EncodingId::kCl100kBase, k)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(("estimate/" + k).c_str(), estimate, k)
        ->Unit(benchmark::kMillisecond);
  }
  benchmark::RegisterBenchmark("load/o200k_base", load, EncodingId::kO200kBase)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("load/cl100k_base", load, EncodingId::kCl100kBase)
      ->Unit(benchmark::kMillisecond);
  return 0;
}();

}  // namespace

BENCHMARK_MAIN();
