#include "core/json.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "core/status.h"

namespace ag::json {

size_t utf8_error_offset(std::string_view s) {
  const auto *p = reinterpret_cast<const unsigned char *>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    unsigned c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07;
    } else {
      return i;
    }
    if (n - i < len) return i;
    for (size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    bool overlong = (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
    bool surrogate = cp >= 0xD800 && cp <= 0xDFFF;
    if (overlong || surrogate || cp > 0x10FFFF) return i;
    i += len;
  }
  return std::string_view::npos;
}

namespace {

bool plain_key(std::string_view key) {
  if (key.empty() || key.size() > 64) return false;
  for (char c : key) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

// JSON-escapes key, keeping at most 64 input bytes (then "...").
std::string quoted(std::string_view key) {
  constexpr size_t kMax = 64;
  std::string out = "\"";
  size_t n = key.size() < kMax ? key.size() : kMax;
  for (size_t i = 0; i < n; ++i) {
    auto c = static_cast<unsigned char>(key[i]);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c == 0x7F) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  if (key.size() > kMax) out += "...";
  out += '"';
  return out;
}

}  // namespace

std::string path_join(std::string_view parent, std::string_view key) {
  std::string out(parent);
  if (plain_key(key)) {
    if (!out.empty()) out += '.';
    out += key;
  } else {
    out += '[';
    out += quoted(key);
    out += ']';
  }
  return out;
}

std::string at_byte(std::string_view what, size_t offset) {
  return std::string(what) + " at byte " + std::to_string(offset);
}

void check_document(std::string_view text, std::string_view what) {
  if (text.size() > kMaxDocumentBytes)
    fail(AG_E_TOO_LARGE, std::string(what) + ": document is " + std::to_string(text.size()) +
                             " bytes, more than the limit of " +
                             std::to_string(kMaxDocumentBytes));
  size_t i = 0;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r'))
    ++i;
  if (i == text.size()) fail(AG_E_PARSE, std::string(what) + ": empty document");
  size_t bad = utf8_error_offset(text);
  if (bad != std::string_view::npos)
    fail(AG_E_PARSE, std::string(what) + ": " + at_byte("invalid UTF-8", bad));
}

std::string read_document_file(const std::string &path) {
  // Only regular files: a FIFO or a device could block or never end.
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) fail(AG_E_IO, path + ": " + std::strerror(errno));
  if (!S_ISREG(st.st_mode)) fail(AG_E_IO, path + ": not a regular file");
  struct Closer {
    void operator()(std::FILE *f) const { std::fclose(f); }
  };
  std::unique_ptr<std::FILE, Closer> f(std::fopen(path.c_str(), "rb"));
  if (!f) fail(AG_E_IO, path + ": " + std::strerror(errno));
  std::string out;
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f.get())) > 0) {
    if (out.size() + n > kMaxDocumentBytes)
      fail(AG_E_TOO_LARGE, path + ": larger than " + std::to_string(kMaxDocumentBytes) + " bytes");
    out.append(buf, n);
  }
  if (std::ferror(f.get())) fail(AG_E_IO, path + ": read error");
  return out;
}

}  // namespace ag::json
