// agentguard scrub [--policy FILE] [--style label|mask|hash|detect] [--stream --chunk-size N]
// Reads stdin, writes the scrubbed bytes to stdout and nothing else; errors go to stderr.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <sys/stat.h>

#include "cli/commands.h"
#include "cli/util.h"

namespace {

int fail_usage(const char *msg) {
  std::fprintf(stderr, "agentguard scrub: %s\nusage: agentguard scrub [--policy FILE] "
                       "[--style label|mask|hash|detect] [--stream --chunk-size N]\n", msg);
  return 2;
}

int32_t parse_style(const char *s) {
  if (!std::strcmp(s, "label")) return AG_SCRUB_STYLE_LABEL;
  if (!std::strcmp(s, "mask")) return AG_SCRUB_STYLE_MASK;
  if (!std::strcmp(s, "hash")) return AG_SCRUB_STYLE_HASH;
  if (!std::strcmp(s, "detect")) return AG_SCRUB_STYLE_DETECT;
  return -1;
}

int report(const char *what, ag_status s, const char *detail) {
  std::fprintf(stderr, "agentguard scrub: %s: %s%s%s\n", what, ag_status_str(s),
               detail && *detail ? ": " : "", detail ? detail : "");
  return 2;
}

bool put(const char *p, size_t n) { return std::fwrite(p, 1, n, stdout) == n; }

int scrub_block(ag_engine *engine, const ag_scrub_opts *opts) {
  std::string in;
  struct stat st;
  if (fstat(fileno(stdin), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
    in.reserve(static_cast<size_t>(st.st_size));  // one allocation for a redirected file
  if (!read_stream(stdin, &in)) return fail_usage("cannot read stdin");
  // Secrets are rare: the input size plus a margin usually fits; else the exact size. The
  // buffer is left uninitialised: ag_scrub writes every byte it reports.
  size_t cap = in.size() + in.size() / 16 + 4096;
  std::unique_ptr<char[]> out(new char[cap]);
  size_t out_len = 0;
  ag_status s = ag_scrub(engine, opts, in.data(), in.size(), out.get(), cap, &out_len, nullptr);
  if (s == AG_E_BUFFER_TOO_SMALL) {
    cap = out_len;
    out.reset(new char[cap]);
    s = ag_scrub(engine, opts, in.data(), in.size(), out.get(), cap, &out_len, nullptr);
  }
  if (s != AG_OK) {
    char msg[512];
    ag_engine_last_error(engine, msg, sizeof msg);
    return report("scrub", s, msg);
  }
  return put(out.get(), out_len) && std::fflush(stdout) == 0 ? 0 : report("stdout", AG_E_IO, "");
}

int scrub_stream(ag_engine *engine, const ag_scrub_opts *opts, size_t chunk) {
  ag_scrub_stream *stream = nullptr;
  ag_status s = ag_scrub_stream_new(engine, opts, &stream);
  if (s != AG_OK) {
    char msg[512];
    ag_engine_last_error(engine, msg, sizeof msg);
    return report("scrub", s, msg);
  }
  std::vector<char> in(chunk), out;
  bool eof = false;
  while (s == AG_OK) {
    size_t n = std::fread(in.data(), 1, chunk, stdin);
    eof = n < chunk;
    out.resize(ag_scrub_stream_bound(stream, n));
    size_t out_len = 0;
    s = ag_scrub_stream_write(stream, in.data(), n, out.data(), out.size(), &out_len);
    if (s == AG_OK && !put(out.data(), out_len)) s = AG_E_IO;
    if (s != AG_OK || eof) break;
  }
  if (s == AG_OK) {
    out.resize(ag_scrub_stream_bound(stream, 0));
    size_t out_len = 0;
    s = ag_scrub_stream_finish(stream, out.data(), out.size(), &out_len);
    if (s == AG_OK && !put(out.data(), out_len)) s = AG_E_IO;
  }
  char msg[512] = "";
  if (s != AG_OK) ag_scrub_stream_last_error(stream, msg, sizeof msg);
  ag_scrub_stream_free(stream);
  if (s == AG_OK && std::fflush(stdout) != 0) s = AG_E_IO;
  return s == AG_OK ? 0 : report("stream", s, msg);
}

}  // namespace

int cmd_scrub(int argc, char **argv) {
  const char *policy = nullptr;
  ag_scrub_opts opts{sizeof(ag_scrub_opts), AG_SCRUB_STYLE_DEFAULT};
  bool stream = false;
  size_t chunk = 65536;
  for (int i = 1; i < argc; ++i) {
    const char *a = argv[i];
    bool has_value = i + 1 < argc;
    if (!std::strcmp(a, "--policy") && has_value) {
      policy = argv[++i];
    } else if (!std::strcmp(a, "--style") && has_value) {
      opts.style = parse_style(argv[++i]);
      if (opts.style < 0) return fail_usage("--style must be label, mask, hash or detect");
    } else if (!std::strcmp(a, "--stream")) {
      stream = true;
    } else if (!std::strcmp(a, "--chunk-size") && has_value) {
      char *end = nullptr;
      unsigned long long v = std::strtoull(argv[++i], &end, 10);
      if (end == argv[i] || *end != '\0' || v == 0 || v > (1ull << 30))
        return fail_usage("--chunk-size must be an integer from 1 to 1073741824");
      chunk = static_cast<size_t>(v);
    } else {
      return fail_usage((std::string("unexpected argument '") + a + "'").c_str());
    }
  }
  std::string policy_json;
  if (policy != nullptr && !read_path(policy, &policy_json)) {
    std::fprintf(stderr, "agentguard scrub: cannot read policy '%s'\n", policy);
    return 2;
  }
  ag_engine *engine = nullptr;
  char err[1024];
  ag_status s = ag_engine_new(policy ? policy_json.data() : nullptr, policy_json.size(), &engine,
                              err, sizeof err);
  if (s != AG_OK) return report(policy ? policy : "engine", s, err);
  int rc = stream ? scrub_stream(engine, &opts, chunk) : scrub_block(engine, &opts);
  ag_engine_free(engine);
  return rc;
}
