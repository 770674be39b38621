#include "cli/util.h"

#include <cerrno>
#include <cinttypes>
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
