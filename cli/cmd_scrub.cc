// agentguard scrub [--policy FILE] [--style label|mask|hash|detect] [--threads N]
//                  [--stream --chunk-size N]
// Reads stdin, writes the scrubbed bytes to stdout and nothing else; errors go to stderr.
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
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
                       "[--style label|mask|hash|detect] [--threads N] [--stream --chunk-size N]\n", msg);
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

// Gathers ag_scrub_to's output for writev(2) on stdout: pieces inside the input (the runs
// without a finding, nearly all of it) are referenced where they are; the rest (the
// replacements, valid only during the callback) are copied aside. One system call per
// kMaxPieces pieces, whatever the distance between findings.
class GatherOut {
 public:
  GatherOut(const char *in, size_t n) : lo_(in), hi_(in + n) {}
  static int write(void *self, const char *p, size_t n) { return static_cast<GatherOut *>(self)->add(p, n); }
  // Writes what is gathered; false on a write error.
  bool flush() {
    std::vector<iovec> &iov = iov_;
    iov.clear();
    for (const Piece &pc : pieces_)
      iov.push_back({const_cast<char *>(pc.p != nullptr ? pc.p : side_.data() + pc.side), pc.n});
    pieces_.clear();
    size_t i = 0;
    while (i < iov.size()) {
      int count = static_cast<int>(std::min<size_t>(iov.size() - i, IOV_MAX));
      ssize_t w = writev(STDOUT_FILENO, iov.data() + i, count);
      if (w < 0) {
        if (errno == EINTR) continue;
        return false;
      }
      // Skips the pieces written whole, then the written part of the next.
      size_t done = static_cast<size_t>(w);
      while (i < iov.size() && done >= iov[i].iov_len) done -= iov[i++].iov_len;
      if (i < iov.size()) {
        iov[i].iov_base = static_cast<char *>(iov[i].iov_base) + done;
        iov[i].iov_len -= done;
      }
    }
    side_.clear();
    return true;
  }

 private:
  static constexpr size_t kMaxPieces = 1024, kMaxSide = 64 * 1024;
  struct Piece {
    const char *p;  // inside the input, or null: side_ + side
    size_t side, n;
  };
  int add(const char *p, size_t n) {
    if (p >= lo_ && p + n <= hi_) {
      pieces_.push_back({p, 0, n});
    } else {
      pieces_.push_back({nullptr, side_.size(), n});
      side_.append(p, n);
    }
    if (pieces_.size() >= kMaxPieces || side_.size() >= kMaxSide) return flush() ? 0 : 1;
    return 0;
  }
  const char *lo_, *hi_;
  std::vector<Piece> pieces_;
  std::string side_;
  std::vector<iovec> iov_;  // flush's, kept between flushes
};

// Block mode: the whole input (mapped when stdin is a regular file, read otherwise) in one
// ag_scrub_to call, on up to opts->threads threads, writing straight to stdout: runs
// without a finding go from the input to stdout with no output buffer in between.
int scrub_block(ag_engine *engine, const ag_scrub_opts *opts) {
  Input in;
  if (!in.load(stdin)) return fail_usage("cannot read stdin");
  const char *data = in.bytes().data();
  const size_t size = in.bytes().size();
  GatherOut out(data, size);
  ag_status s = ag_scrub_to(engine, opts, data, size, GatherOut::write, &out, nullptr);
  char msg[1024] = "";
  if (s != AG_OK) ag_engine_last_error(engine, msg, sizeof msg);
  if (s == AG_OK && !out.flush()) {
    s = AG_E_IO;
    std::snprintf(msg, sizeof msg, "cannot write stdout: %s", std::strerror(errno));
  }
  return s == AG_OK ? 0 : report("scrub", s, msg);
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
  ag_scrub_opts opts{sizeof(ag_scrub_opts), AG_SCRUB_STYLE_DEFAULT, default_threads()};
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
    } else if (!std::strcmp(a, "--threads") && has_value) {
      if (!parse_threads(argv[++i], &opts.threads)) return fail_usage(kThreadsUsage);
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
