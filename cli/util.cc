#include "cli/util.h"

#include <sched.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cinttypes>
#include <cstdlib>
#include <cstring>

bool read_stream(std::FILE *f, std::string *out, size_t limit) {
  char buf[1 << 16];
  size_t n;
  while (out->size() <= limit && (n = std::fread(buf, 1, sizeof buf, f)) > 0) out->append(buf, n);
  return std::ferror(f) == 0;
}

bool read_path(const char *path, std::string *out, size_t limit) {
  if (std::strcmp(path, "-") == 0) return read_stream(stdin, out, limit);
  std::FILE *f = std::fopen(path, "rb");
  if (f == nullptr) return false;
  bool ok = read_stream(f, out, limit);
  int saved = errno;
  std::fclose(f);
  errno = saved;
  return ok;
}

Input::~Input() {
  if (map_ != nullptr) munmap(map_, map_len_);
}

bool Input::load(std::FILE *f) {
  const int fd = fileno(f);
  struct stat st;
  off_t at = lseek(fd, 0, SEEK_CUR);
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && at >= 0 && st.st_size > at) {
    void *map = mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    if (map != MAP_FAILED) {
      map_ = map;
      map_len_ = static_cast<size_t>(st.st_size);
      view_ = std::string_view(static_cast<const char *>(map) + at, map_len_ - static_cast<size_t>(at));
      return true;
    }
  }
  if (!read_stream(f, &copy_)) return false;
  view_ = copy_;
  return true;
}

bool Input::load(const char *path) {
  if (std::strcmp(path, "-") == 0) return load(stdin);
  std::FILE *f = std::fopen(path, "rb");
  if (f == nullptr) return false;
  bool ok = load(f);
  int saved = errno;
  std::fclose(f);  // a mapping outlives its descriptor
  errno = saved;
  return ok;
}

std::string json_quote(std::string_view s) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(s.size() + 2);
  out.push_back('"');
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(ch);
    } else if (c < 0x20) {
      out += "\\u00";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    } else {
      out.push_back(ch);
    }
  }
  out.push_back('"');
  return out;
}

std::string usd_text(int64_t nusd) {
  char buf[48];
  const char *sign = nusd < 0 ? "-" : "";
  uint64_t v = nusd < 0 ? 0 - static_cast<uint64_t>(nusd) : static_cast<uint64_t>(nusd);
  std::snprintf(buf, sizeof buf, "%s$%" PRIu64 ".%06" PRIu64, sign, v / 1000000000u,
                (v % 1000000000u) / 1000u);
  return buf;
}

std::string run_error(const ag_run *run) {
  char msg[512];
  ag_run_last_error(run, msg, sizeof msg);
  return msg;
}

uint32_t default_threads() {
  cpu_set_t set;
  int n = sched_getaffinity(0, sizeof set, &set) == 0 ? CPU_COUNT(&set) : 1;
  return static_cast<uint32_t>(n < 1 ? 1 : n > 16 ? 16 : n);
}

bool parse_threads(const char *s, uint32_t *out) {
  char *end = nullptr;
  unsigned long long v = std::strtoull(s, &end, 10);  // "-1" and overflow give huge values
  if (end == s || *end != '\0' || v == 0 || v > AG_SCRUB_THREADS_MAX) return false;
  *out = static_cast<uint32_t>(v);
  return true;
}
