// ag_scrub*, ag_scan*, ag_scrub_stream_* : argument checks around scrub::EngineScrub.
#include <cstddef>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "agentguard.h"
#include "capi/guard.h"
#include "core/engine.h"
#include "scrub/engine_scrub.h"

struct ag_scrub_stream {
  std::shared_ptr<const ag::scrub::EngineScrub> scrub;
  std::unique_ptr<ag::scrub::Redactor> redactor;
  bool finished = false;
  mutable ag::LastError last_error;
};

namespace {

using ag::scrub::Style;

static_assert(ag::scrub::EngineScrub::kPartMin == AG_SCRUB_PART_MIN, "one part size in the header and the engine");

// The size of ag_scrub_opts before it had `threads`.
constexpr uint32_t kOptsSizeV1 = offsetof(ag_scrub_opts, threads);

void check_opts_size(const ag_scrub_opts *opts) {
  if (opts->struct_size != kOptsSizeV1 && opts->struct_size != sizeof(ag_scrub_opts))
    ag::fail(AG_E_STRUCT_SIZE, "opts.struct_size: " + std::to_string(opts->struct_size) +
                                   " is not sizeof(ag_scrub_opts) (" + std::to_string(sizeof(ag_scrub_opts)) +
                                   ", or " + std::to_string(kOptsSizeV1) + " without threads)");
}

// The thread limit of an ag_scrub call: opts->threads, at least 1.
unsigned call_threads(const ag_scrub_opts *opts) {
  if (opts == nullptr) return 1;
  check_opts_size(opts);
  if (opts->struct_size < sizeof(ag_scrub_opts)) return 1;
  if (opts->threads > AG_SCRUB_THREADS_MAX)
    ag::fail(AG_E_INVALID_ARGUMENT, "opts.threads: " + std::to_string(opts->threads) + " is more than " +
                                        std::to_string(AG_SCRUB_THREADS_MAX));
  return opts->threads == 0 ? 1 : opts->threads;
}

// The style of a call: opts->style, or the engine's policy style.
Style call_style(const ag::scrub::EngineScrub &scrub, const ag_scrub_opts *opts) {
  if (opts == nullptr) return scrub.style();
  check_opts_size(opts);
  if (opts->style == AG_SCRUB_STYLE_DEFAULT) return scrub.style();
  if (opts->style < AG_SCRUB_STYLE_LABEL || opts->style > AG_SCRUB_STYLE_DETECT)
    ag::fail(AG_E_INVALID_ARGUMENT, "opts.style: " + std::to_string(opts->style) +
                                        " is not an AG_SCRUB_STYLE_* value");
  return static_cast<Style>(opts->style);
}

void check_input(const void *in, size_t len) {
  if (in == nullptr && len != 0) ag::fail(AG_E_INVALID_ARGUMENT, "in: NULL with a non-zero length");
}

void copy_name(char *dst, size_t cap, const std::string &src) {
  size_t n = src.size() < cap - 1 ? src.size() : cap - 1;
  std::memcpy(dst, src.data(), n);
  std::memset(dst + n, 0, cap - n);
}

void fill_finding(const ag::scrub::EngineScrub &scrub, const ag::scrub::Finding &f,
                  ag_finding *out) {
  const ag::scrub::Rule &rule = scrub.rules()[f.rule];
  std::memset(out, 0, sizeof *out);
  out->struct_size = sizeof(ag_finding);
  out->rule_index = f.rule;
  out->start = f.start;
  out->end = f.end;
  out->confidence = static_cast<int32_t>(f.confidence);
  copy_name(out->rule, sizeof out->rule, rule.id);
  copy_name(out->family, sizeof out->family, ag::scrub::family_name(rule.family));
}

// Copies findings with the ag_scan convention.
ag_status put_findings(const ag::scrub::EngineScrub &scrub,
                       const std::vector<ag::scrub::Finding> &findings, ag_finding *out,
                       size_t cap, size_t *count) {
  if (count == nullptr) ag::fail(AG_E_INVALID_ARGUMENT, "count: must not be NULL");
  if (out != nullptr && cap > 0 && out[0].struct_size != sizeof(ag_finding))
    ag::fail(AG_E_STRUCT_SIZE, "out[0].struct_size: " + std::to_string(out[0].struct_size) +
                                   " is not sizeof(ag_finding)");
  *count = findings.size();
  size_t n = out == nullptr ? 0 : (findings.size() < cap ? findings.size() : cap);
  for (size_t i = 0; i < n; ++i) fill_finding(scrub, findings[i], &out[i]);
  return n < findings.size() ? AG_E_BUFFER_TOO_SMALL : AG_OK;
}

const ag::scrub::EngineScrub &engine_scrub(const ag_engine *engine) {
  if (engine->scrub == nullptr) ag::fail(AG_E_INTERNAL, "engine has no scrub configuration");
  return *engine->scrub;
}

// ag_scrub and ag_scrub_to after their own checks: scrubs into `sink` with opts' style and
// threads and stores the findings count.
void scrub_into(const ag_engine *engine, const ag_scrub_opts *opts, const char *in, size_t len,
                ag::scrub::Sink *sink, size_t *findings_count) {
  const auto &scrub = engine_scrub(engine);
  Style style = call_style(scrub, opts);
  unsigned threads = call_threads(opts);
  std::vector<ag::scrub::Finding> findings;
  scrub.scrub(style, std::string_view(in ? in : "", len), sink, findings_count ? &findings : nullptr, threads);
  if (findings_count) *findings_count = findings.size();
}

}  // namespace

extern "C" {

AG_API ag_status ag_scrub_bound(const ag_engine *engine, const ag_scrub_opts *opts, size_t len,
                                size_t *bound) {
  if (engine == nullptr) return AG_E_INVALID_ARGUMENT;
  return ag::guarded(&engine->last_error, [&]() -> ag_status {
    if (bound == nullptr) ag::fail(AG_E_INVALID_ARGUMENT, "bound: must not be NULL");
    const auto &scrub = engine_scrub(engine);
    *bound = scrub.bound(call_style(scrub, opts), len);
    if (*bound == SIZE_MAX) ag::fail(AG_E_TOO_LARGE, "len: the output bound overflows size_t");
    return AG_OK;
  });
}

AG_API ag_status ag_scrub(const ag_engine *engine, const ag_scrub_opts *opts, const char *in,
                          size_t len, char *out, size_t cap, size_t *out_len,
                          size_t *findings_count) {
  if (engine == nullptr) return AG_E_INVALID_ARGUMENT;
  return ag::guarded(&engine->last_error, [&]() -> ag_status {
    check_input(in, len);
    if (out_len == nullptr) ag::fail(AG_E_INVALID_ARGUMENT, "out_len: must not be NULL");
    // One pass: a lenient sink stops writing when full and still counts the exact size.
    ag::scrub::Sink sink{out, out ? cap : 0, 0, true, out == nullptr};
    scrub_into(engine, opts, in, len, &sink, findings_count);
    *out_len = sink.len;
    return sink.truncated ? AG_E_BUFFER_TOO_SMALL : AG_OK;
  });
}

AG_API ag_status ag_scrub_to(const ag_engine *engine, const ag_scrub_opts *opts, const char *in,
                             size_t len, ag_write_fn write, void *ctx, size_t *findings_count) {
  if (engine == nullptr) return AG_E_INVALID_ARGUMENT;
  return ag::guarded(&engine->last_error, [&]() -> ag_status {
    check_input(in, len);
    if (write == nullptr) ag::fail(AG_E_INVALID_ARGUMENT, "write: must not be NULL");
    ag::scrub::Sink sink;
    sink.write = write;
    sink.ctx = ctx;
    scrub_into(engine, opts, in, len, &sink, findings_count);
    return AG_OK;
  });
}

AG_API ag_status ag_scan(const ag_engine *engine, const char *in, size_t len, ag_finding *out,
                         size_t cap, size_t *count) {
  return ag_scan_with(engine, nullptr, in, len, out, cap, count);
}

AG_API ag_status ag_scan_with(const ag_engine *engine, const ag_scrub_opts *opts, const char *in,
                              size_t len, ag_finding *out, size_t cap, size_t *count) {
  if (engine == nullptr) return AG_E_INVALID_ARGUMENT;
  return ag::guarded(&engine->last_error, [&]() -> ag_status {
    check_input(in, len);
    const auto &scrub = engine_scrub(engine);
    unsigned threads = call_threads(opts);
    std::vector<ag::scrub::Finding> findings;
    ag::scrub::Sink counter;
    scrub.scrub(Style::kDetect, std::string_view(in ? in : "", len), &counter, &findings, threads);
    return put_findings(scrub, findings, out, cap, count);
  });
}

AG_API ag_status ag_scrub_rule_count(const ag_engine *engine, size_t *count) {
  if (engine == nullptr) return AG_E_INVALID_ARGUMENT;
  return ag::guarded(&engine->last_error, [&]() -> ag_status {
    if (count == nullptr) ag::fail(AG_E_INVALID_ARGUMENT, "count: must not be NULL");
    *count = engine_scrub(engine).rules().size();
    return AG_OK;
  });
}

AG_API ag_status ag_scrub_rule_info(const ag_engine *engine, size_t index,
                                    ag_rule_info *out) {
  if (engine == nullptr) return AG_E_INVALID_ARGUMENT;
  return ag::guarded(&engine->last_error, [&]() -> ag_status {
    if (out == nullptr) ag::fail(AG_E_INVALID_ARGUMENT, "out: must not be NULL");
    if (out->struct_size != sizeof(ag_rule_info))
      ag::fail(AG_E_STRUCT_SIZE, "out.struct_size must be sizeof(ag_rule_info)");
    const auto &rules = engine_scrub(engine).rules();
    if (index >= rules.size())
      ag::fail(AG_E_NOT_FOUND, "index " + std::to_string(index) + ": the engine has " +
                                   std::to_string(rules.size()) + " scrub rules");
    const ag::scrub::Rule &r = rules[index];
    std::memset(out, 0, sizeof *out);
    out->struct_size = sizeof(ag_rule_info);
    out->confidence = static_cast<int32_t>(r.confidence);
    out->max_len = r.max_len;
    copy_name(out->id, sizeof out->id, r.id);
    copy_name(out->family, sizeof out->family, ag::scrub::family_name(r.family));
    return AG_OK;
  });
}

AG_API ag_status ag_scrub_stream_new(const ag_engine *engine, const ag_scrub_opts *opts,
                                     ag_scrub_stream **out) {
  if (engine == nullptr || out == nullptr) return AG_E_INVALID_ARGUMENT;
  *out = nullptr;
  return ag::guarded(&engine->last_error, [&]() -> ag_status {
    const auto &scrub = engine_scrub(engine);
    auto s = std::make_unique<ag_scrub_stream>();
    s->scrub = engine->scrub;
    s->redactor = std::make_unique<ag::scrub::Redactor>(scrub, call_style(scrub, opts));
    *out = s.release();
    return AG_OK;
  });
}

AG_API void ag_scrub_stream_free(ag_scrub_stream *stream) { delete stream; }

AG_API size_t ag_scrub_stream_last_error(const ag_scrub_stream *stream, char *buf, size_t cap) {
  return ag::last_error_of(stream, "stream is NULL", buf, cap);
}

AG_API size_t ag_scrub_stream_bound(const ag_scrub_stream *stream, size_t len) {
  if (stream == nullptr) return SIZE_MAX;
  return stream->redactor->bound(len);
}

}  // extern "C"

namespace {

// One step of a stream: write (in != NULL or len > 0) or finish (finish == true).
ag_status stream_step(ag_scrub_stream *stream, const char *in, size_t len, bool finish,
                      char *out, size_t cap, size_t *out_len) {
  if (stream == nullptr) return AG_E_INVALID_ARGUMENT;
  return ag::guarded(&stream->last_error, [&]() -> ag_status {
    check_input(in, len);
    if (out_len == nullptr) ag::fail(AG_E_INVALID_ARGUMENT, "out_len: must not be NULL");
    if (stream->finished) ag::fail(AG_E_STATE, "the stream is finished");
    size_t need = stream->redactor->bound(len);
    if (need == SIZE_MAX) ag::fail(AG_E_TOO_LARGE, "len: the output bound overflows size_t");
    if (out == nullptr || cap < need) {
      *out_len = need;
      return AG_E_BUFFER_TOO_SMALL;
    }
    std::unique_ptr<ag::scrub::Scratch> scratch = stream->scrub->acquire_scratch();
    ag::scrub::Sink sink{out, cap, 0};
    // A failure midway leaves the redactor inconsistent: the stream ends with it.
    stream->finished = true;
    if (finish) {
      stream->redactor->finish(scratch->s, &sink);
    } else {
      stream->redactor->write(in, len, scratch->s, &sink);
      stream->finished = false;
    }
    stream->scrub->release_scratch(std::move(scratch));
    *out_len = sink.len;
    return AG_OK;
  });
}

}  // namespace

extern "C" {

AG_API ag_status ag_scrub_stream_write(ag_scrub_stream *stream, const char *in, size_t len,
                                       char *out, size_t cap, size_t *out_len) {
  return stream_step(stream, in, len, false, out, cap, out_len);
}

AG_API ag_status ag_scrub_stream_finish(ag_scrub_stream *stream, char *out, size_t cap,
                                        size_t *out_len) {
  return stream_step(stream, nullptr, 0, true, out, cap, out_len);
}

AG_API ag_status ag_scrub_stream_findings(const ag_scrub_stream *stream, ag_finding *out,
                                          size_t cap, size_t *count) {
  if (stream == nullptr) return AG_E_INVALID_ARGUMENT;
  return ag::guarded(&stream->last_error, [&]() -> ag_status {
    return put_findings(*stream->scrub, stream->redactor->findings(), out, cap, count);
  });
}

}  // extern "C"
