// agentguard scrub [--policy FILE] [--style label|mask|hash|detect] [--stream --chunk-size N]
// Reads stdin, writes the scrubbed bytes to stdout and nothing else; errors go to stderr.
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

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

// Feeds the input through one scrub stream: next(&p, &n) gives the next piece (n == 0 at
// the end) or returns false when the input cannot be read.
template <class Next>
int run_stream(ag_engine *engine, const ag_scrub_opts *opts, Next next) {
  ag_scrub_stream *stream = nullptr;
  ag_status s = ag_scrub_stream_new(engine, opts, &stream);
  if (s != AG_OK) {
    char msg[512];
    ag_engine_last_error(engine, msg, sizeof msg);
    return report("scrub", s, msg);
  }
  // The bound assumes every byte could start a secret, so it is many times the input; the
  // buffer is left uninitialised (only the bytes written are ever touched) and only grows.
  std::unique_ptr<char[]> out;
  size_t cap = 0;
  auto room = [&](size_t need) {
    if (need > cap) {
      out.reset(new char[need]);
      cap = need;
    }
  };
  bool read_ok = true;
  while (s == AG_OK) {
    const char *p = nullptr;
    size_t n = 0;
    if (!(read_ok = next(&p, &n)) || n == 0) break;
    room(ag_scrub_stream_bound(stream, n));
    size_t out_len = 0;
    s = ag_scrub_stream_write(stream, p, n, out.get(), cap, &out_len);
    if (s == AG_OK && !put(out.get(), out_len)) s = AG_E_IO;
  }
  if (s == AG_OK && read_ok) {
    room(ag_scrub_stream_bound(stream, 0));
    size_t out_len = 0;
    s = ag_scrub_stream_finish(stream, out.get(), cap, &out_len);
    if (s == AG_OK && !put(out.get(), out_len)) s = AG_E_IO;
  }
  char msg[512] = "";
  if (s != AG_OK) ag_scrub_stream_last_error(stream, msg, sizeof msg);
  ag_scrub_stream_free(stream);
  if (!read_ok) return fail_usage("cannot read stdin");
  if (s == AG_OK && std::fflush(stdout) != 0) s = AG_E_IO;
  return s == AG_OK ? 0 : report("stream", s, msg);
}

// Block mode: the whole input first (mapped when stdin is a regular file, read otherwise),
// then scrubbed in 256 KiB slices through one stream, which writes the same bytes as one
// ag_scrub call (stream output equals block output) while the output buffer stays small
// and in cache instead of a fresh input-sized allocation.
int scrub_block(ag_engine *engine, const ag_scrub_opts *opts) {
  constexpr size_t kSlice = 256u << 10;
  const int fd = fileno(stdin);
  struct stat st;
  const char *data = nullptr;
  size_t size = 0;
  void *map = MAP_FAILED;
  size_t map_len = 0;
  std::string in;
  off_t at = lseek(fd, 0, SEEK_CUR);
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && at >= 0 && st.st_size > at) {
    map_len = static_cast<size_t>(st.st_size);
    map = mmap(nullptr, map_len, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
  }
  if (map != MAP_FAILED) {
    data = static_cast<const char *>(map) + at;
    size = map_len - static_cast<size_t>(at);
  } else {
    if (!read_stream(stdin, &in)) return fail_usage("cannot read stdin");
    data = in.data();
    size = in.size();
  }
  size_t pos = 0;
  int rc = run_stream(engine, opts, [&](const char **p, size_t *n) {
    *p = data + pos;
    *n = std::min(kSlice, size - pos);
    pos += *n;
    return true;
  });
  if (map != MAP_FAILED) munmap(map, map_len);
  return rc;
}

int scrub_stream(ag_engine *engine, const ag_scrub_opts *opts, size_t chunk) {
  std::vector<char> in(chunk);
  bool eof = false;
  return run_stream(engine, opts, [&](const char **p, size_t *n) {
    *p = in.data();
    *n = eof ? 0 : std::fread(in.data(), 1, chunk, stdin);
    eof = *n < chunk;
    return !std::ferror(stdin);
  });
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
