#include "scrub/json_variant.h"

namespace ag::scrub {
namespace {

constexpr const char *kSlash = "\\\\/|\\\\u002[fF]";  // \/ or \u002F, as regex text

// What a piece of pattern can match that JSON writes escaped.
struct Escapable {
  bool slash = false, newline = false, cr = false, tab = false, quote = false;
  bool any() const { return slash || newline || cr || tab || quote; }
  // The escaped spellings as alternatives, each preceded by '|'.
  std::string alternatives() const {
    std::string a;
    std::string letters;
    if (newline) letters += 'n';
    if (cr) letters += 'r';
    if (tab) letters += 't';
    if (letters.size() == 1) a += "|\\\\" + letters;
    if (letters.size() > 1) a += "|\\\\[" + letters + "]";
    if (slash) a += std::string("|") + kSlash;
    if (quote) a += "|\\\\\"";
    return a;
  }
};

// Notes what the escape `\c` stands for (c is the byte after the backslash).
void note_escape(char c, Escapable *e) {
  switch (c) {
    case '/': e->slash = true; break;
    case 'n': e->newline = true; break;
    case 'r': e->cr = true; break;
    case 't': e->tab = true; break;
    case 's': e->newline = e->cr = e->tab = true; break;
    case '"': e->quote = true; break;
    default: break;
  }
}

void note_literal(char c, Escapable *e) {
  switch (c) {
    case '/': e->slash = true; break;
    case '\n': e->newline = true; break;
    case '\r': e->cr = true; break;
    case '\t': e->tab = true; break;
    case '"': e->quote = true; break;
    default: break;
  }
}

// Length of the class starting at p[i] == '['; the pattern is assumed well formed (it
// compiled raw), so an unterminated class takes the rest of the text.
size_t class_length(std::string_view p, size_t i) {
  size_t j = i + 1;
  if (j < p.size() && p[j] == '^') ++j;
  if (j < p.size() && p[j] == ']') ++j;  // a leading ']' is a literal
  while (j < p.size() && p[j] != ']') {
    if (p[j] == '\\') {
      j += 2;
    } else if (p[j] == '[' && j + 1 < p.size() && p[j + 1] == ':') {
      size_t end = p.find(":]", j + 2);
      j = end == std::string_view::npos ? p.size() : end + 2;
    } else {
      ++j;
    }
  }
  return (j < p.size() ? j + 1 : p.size()) - i;
}

// The bytes an escaped spelling adds, as class members: the backslash and the letters
// that follow it. Folding them into the class (rather than alternating with two-byte
// escapes) keeps the class one byte wide, which Hyperscan repeats cheaply.
std::string escape_members(const Escapable &e) {
  std::string m = "\\\\";
  if (e.newline) m += 'n';
  if (e.cr) m += 'r';
  if (e.tab) m += 't';
  if (e.slash) m += "/u02Ff";
  return m;
}

// Rewrites one class: negated classes already accept '\\'; others gain the escape bytes.
// Sets *widened when the class changed (its repeat count must grow, see widen_repeat).
std::string rewrite_class(std::string_view cls, bool *widened) {
  *widened = false;
  if (cls.size() > 1 && cls[1] == '^') return std::string(cls);
  Escapable e;
  for (size_t j = 1; j + 1 < cls.size(); ++j) {
    if (cls[j] == '\\' && j + 2 < cls.size()) {
      note_escape(cls[++j], &e);
    } else {
      note_literal(cls[j], &e);
    }
  }
  if (!e.any()) return std::string(cls);
  *widened = true;
  return std::string(cls.substr(0, cls.size() - 1)) + escape_members(e) + "]";
}

// After a widened class: a repeat {m}, {m,} or {m,n} at p[i] may need twice the bytes
// (every character could be a two-byte escape). Returns the rewritten repeat and its
// length in p, or 0 when p[i] is not a counted repeat.
size_t widen_repeat(std::string_view p, size_t i, std::string *out) {
  if (i >= p.size() || p[i] != '{') return 0;
  size_t close = p.find('}', i);
  if (close == std::string_view::npos) return 0;
  std::string_view body = p.substr(i + 1, close - i - 1);
  size_t comma = body.find(',');
  auto number = [](std::string_view d, unsigned long *v) {
    if (d.empty() || d.size() > 6) return false;
    *v = 0;
    for (char c : d) {
      if (c < '0' || c > '9') return false;
      *v = *v * 10 + static_cast<unsigned long>(c - '0');
    }
    return true;
  };
  unsigned long lo = 0, hi = 0;
  if (!number(body.substr(0, comma), &lo)) return 0;
  if (comma == std::string_view::npos) {
    *out = "{" + std::to_string(lo) + "," + std::to_string(2 * lo) + "}";
  } else if (comma + 1 == body.size()) {
    *out = std::string(p.substr(i, close - i + 1));
  } else {
    if (!number(body.substr(comma + 1), &hi)) return 0;
    *out = "{" + std::to_string(lo) + "," + std::to_string(2 * hi) + "}";
  }
  return close - i + 1;
}

}  // namespace

std::string json_escaped_variant(std::string_view p) {
  std::string out;
  out.reserve(p.size() * 2);
  for (size_t i = 0; i < p.size();) {
    char c = p[i];
    if (c == '[') {
      size_t n = class_length(p, i);
      bool widened = false;
      out += rewrite_class(p.substr(i, n), &widened);
      i += n;
      std::string repeat;
      if (widened && (n = widen_repeat(p, i, &repeat)) > 0) {
        out += repeat;
        i += n;
      }
      continue;
    }
    if (c == '\\' && i + 1 < p.size()) {
      char n = p[i + 1];
      if (n == 'Q') {  // \Q...\E quotes literally: copied as is
        size_t end = p.find("\\E", i + 2);
        size_t stop = end == std::string_view::npos ? p.size() : end + 2;
        out.append(p.substr(i, stop - i));
        i = stop;
        continue;
      }
      Escapable e;
      note_escape(n, &e);
      std::string atom(p.substr(i, 2));
      out += e.any() ? "(?:" + (n == '/' ? std::string("/") : atom) + e.alternatives() + ")" : atom;
      i += 2;
      continue;
    }
    Escapable e;
    note_literal(c, &e);
    out += e.any() ? "(?:" + std::string(1, c) + e.alternatives() + ")" : std::string(1, c);
    ++i;
  }
  return out;
}

}  // namespace ag::scrub
