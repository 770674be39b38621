// Provider parsing: usage extraction from a ~4 KB response body, and SSE stream throughput.
// Bodies are synthetic (built here) so the benchmark needs no data files; with
// AG_BENCH_DUMP=DIR set, the bodies are also written there for peer comparisons.
//
// BM_UsageFromBody is the public path (ag_response_parse + ag_response_usage: the whole
// response, text included); BM_UsageNoText the internal usage-only path that recording a
// response uses (text read and checked, not kept). The *_escaped variants put a "\n" in every
// line of the answer, as real model output does, so the text cannot be read in place.
// BM_Floor_* measure the two costs every body pays whatever the parser does: copying it into
// a padded buffer, and simdjson's stage 1 (structural index + UTF-8 validation).
#include <benchmark/benchmark.h>
#include <simdjson.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include "agentguard.h"
#include "providers/body.h"

namespace {

#define AG_STR2(x) #x
#define AG_STR(x) AG_STR2(x)
// The simdjson kernel compiled into On Demand code (the rest dispatches at run time).
const std::string kBuiltin = AG_STR(SIMDJSON_BUILTIN_IMPLEMENTATION);

// An OpenAI Chat body of about 4 KB: a long text answer, one tool call, full usage details.
// `escaped`: the answer's lines end in "\n" (a JSON escape) instead of running on.
std::string chat_body(bool escaped = false) {
  std::string text;
  const char *line = escaped ? "The quick brown fox jumps over the lazy dog;\\n"
                             : "The quick brown fox jumps over the lazy dog; ";
  while (text.size() < 3300) text += line;
  return R"({"id":"chatcmpl-bench","object":"chat.completion","created":1727346142,"model":"gpt-4o-2024-08-06","choices":[{"index":0,"message":{"role":"assistant","content":")" +
         text +
         R"(","tool_calls":[{"id":"call_1","type":"function","function":{"name":"lookup","arguments":"{\"q\":\"fox\"}"}}],"refusal":null},"logprobs":null,"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":1400,"completion_tokens":820,"total_tokens":2220,"prompt_tokens_details":{"cached_tokens":1024,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":64,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}},"system_fingerprint":"fp_bench"})";
}

// An Anthropic SSE stream of about 1 MB: text deltas of 40 bytes each.
std::string anthropic_stream() {
  std::string s =
      "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_b\","
      "\"model\":\"claude-sonnet-4-5\",\"content\":[],\"usage\":{\"input_tokens\":100,"
      "\"output_tokens\":1}}}\n\nevent: content_block_start\ndata: {\"type\":"
      "\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n";
  while (s.size() < (1 << 20))
    s += "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
         "\"delta\":{\"type\":\"text_delta\",\"text\":\"streaming text, forty bytes per event.\"}}\n\n";
  s += "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
       "\"end_turn\"},\"usage\":{\"output_tokens\":9000}}\n\nevent: message_stop\ndata: "
       "{\"type\":\"message_stop\"}\n\n";
  return s;
}

void dump(const char *name, const std::string &data) {
  const char *dir = std::getenv("AG_BENCH_DUMP");
  if (dir == nullptr) return;
  std::ofstream(std::string(dir) + "/" + name, std::ios::binary) << data;
}

void BM_UsageFromBody(benchmark::State &state, int32_t provider, bool escaped) {
  const std::string body = chat_body(escaped);
  if (!escaped) dump("body.json", body);
  for (auto _ : state) {
    ag_response *r = nullptr;
    if (ag_response_parse(provider, body.data(), body.size(), &r, nullptr, 0) != AG_OK)
      state.SkipWithError("parse failed");
    ag_usage u{};
    u.struct_size = sizeof u;
    ag_response_usage(r, &u);
    benchmark::DoNotOptimize(u);
    ag_response_free(r);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * body.size()));
  state.counters["body_bytes"] = static_cast<double>(body.size());
}
BENCHMARK_CAPTURE(BM_UsageFromBody, openai_chat, AG_PROVIDER_OPENAI_CHAT, false);
BENCHMARK_CAPTURE(BM_UsageFromBody, auto_detect, AG_PROVIDER_AUTO, false);
BENCHMARK_CAPTURE(BM_UsageFromBody, openai_chat_escaped, AG_PROVIDER_OPENAI_CHAT, true);

void BM_UsageNoText(benchmark::State &state, ag::providers::Provider provider, bool escaped) {
  const std::string body = chat_body(escaped);
  for (auto _ : state) {
    ag::providers::Response r =
        ag::providers::parse_body(provider, body, ag::providers::BodyParts::kNoText);
    ag_usage u = ag::providers::normalize(r.usage);
    benchmark::DoNotOptimize(u);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * body.size()));
}
BENCHMARK_CAPTURE(BM_UsageNoText, openai_chat, ag::providers::Provider::kOpenAIChat, false);
BENCHMARK_CAPTURE(BM_UsageNoText, auto_detect, ag::providers::Provider::kAuto, false);
BENCHMARK_CAPTURE(BM_UsageNoText, openai_chat_escaped, ag::providers::Provider::kOpenAIChat, true);

void BM_Floor_PadCopy(benchmark::State &state) {
  const std::string body = chat_body();
  std::string buf;
  for (auto _ : state) {
    buf.reserve(body.size() + simdjson::SIMDJSON_PADDING);
    buf.assign(body);
    benchmark::DoNotOptimize(buf.data());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * body.size()));
}
BENCHMARK(BM_Floor_PadCopy);

void BM_Floor_Stage1(benchmark::State &state) {
  const simdjson::padded_string body(chat_body());
  simdjson::ondemand::parser parser;
  for (auto _ : state) {
    simdjson::ondemand::document doc;
    if (parser.iterate(body).get(doc) != simdjson::SUCCESS) state.SkipWithError("stage 1 failed");
    benchmark::DoNotOptimize(doc);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * body.size()));
  state.SetLabel(simdjson::get_active_implementation()->name() + " stage 1, " +
                 kBuiltin + " On Demand");
}
BENCHMARK(BM_Floor_Stage1);

void BM_SseStream(benchmark::State &state) {
  const std::string sse = anthropic_stream();
  dump("stream.sse", sse);
  size_t events = 0;
  for (size_t at = sse.find("\n\n"); at != std::string::npos; at = sse.find("\n\n", at + 2))
    ++events;
  const size_t chunk = static_cast<size_t>(state.range(0));
  for (auto _ : state) {
    ag_stream_parser *p = nullptr;
    ag_stream_parser_new(AG_PROVIDER_ANTHROPIC, &p);
    for (size_t i = 0; i < sse.size(); i += chunk)
      ag_stream_parser_write(p, sse.data() + i, sse.size() - i < chunk ? sse.size() - i : chunk);
    if (ag_stream_parser_finish(p) != AG_OK) state.SkipWithError("stream failed");
    ag_stream_parser_free(p);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * sse.size()));
  // items = events: items_per_second is events per second.
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * events));
  state.counters["events"] = static_cast<double>(events);
  state.counters["writes"] = static_cast<double>((sse.size() + chunk - 1) / chunk);
}
BENCHMARK(BM_SseStream)->Arg(64)->Arg(4096)->Arg(1 << 20)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
