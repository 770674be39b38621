#include "tokenize/pretokenize.h"

#include "tokenize/unicode_class.h"

namespace ag::tokenize {
namespace {

// Each alternative of a pattern is a function of the start position that returns the end of
// its match, or kNoMatch. Matches are never empty, so kNoMatch (0) cannot be a real end.
constexpr size_t kNoMatch = 0;

struct Char {
  CharClass cls;
  uint32_t cp;
  size_t len;
};

// The sets the patterns are built from.
bool is_upperish(CharClass c) {  // [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]
  return c == CharClass::kUpper || c == CharClass::kTitle || c == CharClass::kModifier ||
         c == CharClass::kOtherLetter || c == CharClass::kMark;
}
bool is_lowerish(CharClass c) {  // [\p{Ll}\p{Lm}\p{Lo}\p{M}]
  return c == CharClass::kLower || c == CharClass::kModifier || c == CharClass::kOtherLetter ||
         c == CharClass::kMark;
}
bool is_symbol(CharClass c) {  // [^\s\p{L}\p{N}]
  return c == CharClass::kOther || c == CharClass::kMark;
}
bool is_newline(uint32_t cp) { return cp == '\r' || cp == '\n'; }
bool is_prefix(const Char &c) {  // [^\r\n\p{L}\p{N}]
  return !is_letter(c.cls) && c.cls != CharClass::kNumber && !is_newline(c.cp);
}

class Scanner {
 public:
  explicit Scanner(std::string_view text)
      : p_(reinterpret_cast<const unsigned char *>(text.data())), n_(text.size()) {}

  // REQUIRES: pos < n_.
  size_t o200k(size_t pos) const {
    size_t e;
    if ((e = letters_o200k(pos, &Scanner::upper_star_lower_plus)) != kNoMatch) return e;
    if ((e = letters_o200k(pos, &Scanner::upper_plus_lower_star)) != kNoMatch) return e;
    if ((e = digits(pos)) != kNoMatch) return e;
    if ((e = symbols(pos, /*slash_after=*/true)) != kNoMatch) return e;
    if ((e = spaces_to_last_newline(pos)) != kNoMatch) return e;
    if ((e = spaces_not_before_text(pos)) != kNoMatch) return e;
    if ((e = space_run(pos)) != kNoMatch) return e;
    return pos + at(pos).len;  // unreachable: every class is covered above
  }

  // REQUIRES: pos < n_.
  size_t cl100k(size_t pos) const {
    size_t e;
    if ((e = contraction(pos)) != pos) return e;
    if ((e = letters_cl100k(pos)) != kNoMatch) return e;
    if ((e = digits(pos)) != kNoMatch) return e;
    if ((e = symbols(pos, /*slash_after=*/false)) != kNoMatch) return e;
    if ((e = space_run(pos)) == n_) return e;  // \s+$
    if ((e = spaces_to_last_newline(pos)) != kNoMatch) return e;
    if ((e = spaces_not_before_text(pos)) != kNoMatch) return e;
    return pos + at(pos).len;  // \s, and never reached for other classes
  }

 private:
  Char at(size_t pos) const {
    CodePoint c = decode_valid(p_ + pos, p_ + n_);
    return {char_class(c.cp), c.cp, c.len};
  }

  bool ascii_is(size_t pos, char c) const { return pos < n_ && p_[pos] == c; }
  bool ascii_is_either(size_t pos, char a, char b) const {
    return ascii_is(pos, a) || ascii_is(pos, b);
  }

  // '(?:[sS]|[dD]|[mM]|[tT]|[lL][lL]|[vV][eE]|[rR][eE]) at pos: its end, or pos.
  size_t contraction(size_t pos) const {
    if (!ascii_is(pos, '\'')) return pos;
    size_t q = pos + 1;
    if (ascii_is_either(q, 's', 'S') || ascii_is_either(q, 'd', 'D') ||
        ascii_is_either(q, 'm', 'M') || ascii_is_either(q, 't', 'T'))
      return q + 1;
    if ((ascii_is_either(q, 'l', 'L') && ascii_is_either(q + 1, 'l', 'L')) ||
        (ascii_is_either(q, 'v', 'V') && ascii_is_either(q + 1, 'e', 'E')) ||
        (ascii_is_either(q, 'r', 'R') && ascii_is_either(q + 1, 'e', 'E')))
      return q + 2;
    return pos;
  }

  // [upper]*[lower]+ with backtracking: the upper run may give back its last char that is
  // also lower (Lm, Lo, M), which then ends the match.
  size_t upper_star_lower_plus(size_t pos) const {
    size_t last_lower_end = kNoMatch;
    while (pos < n_) {
      Char c = at(pos);
      if (!is_upperish(c.cls)) break;
      pos += c.len;
      if (is_lowerish(c.cls)) last_lower_end = pos;
    }
    size_t end = pos;
    while (end < n_) {
      Char c = at(end);
      if (!is_lowerish(c.cls)) break;
      end += c.len;
    }
    return end > pos ? end : last_lower_end;
  }

  // [upper]+[lower]*
  size_t upper_plus_lower_star(size_t pos) const {
    size_t end = pos;
    while (end < n_ && is_upperish(at(end).cls)) end += at(end).len;
    if (end == pos) return kNoMatch;
    while (end < n_ && is_lowerish(at(end).cls)) end += at(end).len;
    return end;
  }

  // [^\r\n\p{L}\p{N}]? BODY (?:C)? : with the optional prefix first, then without it.
  size_t letters_o200k(size_t pos, size_t (Scanner::*body)(size_t) const) const {
    Char c = at(pos);
    size_t e = kNoMatch;
    if (is_prefix(c) && pos + c.len < n_) e = (this->*body)(pos + c.len);
    if (e == kNoMatch) e = (this->*body)(pos);
    return e == kNoMatch ? kNoMatch : contraction(e);
  }

  // [^\r\n\p{L}\p{N}]?\p{L}+
  size_t letters_cl100k(size_t pos) const {
    Char c = at(pos);
    size_t start;
    if (is_letter(c.cls)) {
      start = pos;
    } else if (is_prefix(c) && pos + c.len < n_ && is_letter(at(pos + c.len).cls)) {
      start = pos + c.len;
    } else {
      return kNoMatch;
    }
    while (start < n_ && is_letter(at(start).cls)) start += at(start).len;
    return start;
  }

  // \p{N}{1,3}
  size_t digits(size_t pos) const {
    size_t end = pos;
    for (int i = 0; i < 3 && end < n_; ++i) {
      Char c = at(end);
      if (c.cls != CharClass::kNumber) break;
      end += c.len;
    }
    return end > pos ? end : kNoMatch;
  }

  // ' ?[^\s\p{L}\p{N}]+[\r\n]*' (cl100k) or ' ?[^\s\p{L}\p{N}]+[\r\n/]*' (o200k).
  size_t symbols(size_t pos, bool slash_after) const {
    size_t q = pos;
    if (ascii_is(q, ' ') && q + 1 < n_ && is_symbol(at(q + 1).cls)) ++q;
    if (!is_symbol(at(q).cls)) return kNoMatch;
    while (q < n_ && is_symbol(at(q).cls)) q += at(q).len;
    while (q < n_ && (p_[q] == '\r' || p_[q] == '\n' || (slash_after && p_[q] == '/'))) ++q;
    return q;
  }

  // \s+ : the whole run of whitespace at pos.
  size_t space_run(size_t pos) const {
    size_t end = pos;
    while (end < n_ && at(end).cls == CharClass::kSpace) end += at(end).len;
    return end > pos ? end : kNoMatch;
  }

  // \s*[\r\n]+ and \s*[\r\n]: both end just after the run's last CR or LF.
  size_t spaces_to_last_newline(size_t pos) const {
    size_t last_newline_end = kNoMatch;
    while (pos < n_) {
      Char c = at(pos);
      if (c.cls != CharClass::kSpace) break;
      pos += c.len;
      if (is_newline(c.cp)) last_newline_end = pos;
    }
    return last_newline_end;
  }

  // \s+(?!\S): the run, minus its last char when text follows it.
  size_t spaces_not_before_text(size_t pos) const {
    size_t end = pos, last_start = pos;
    while (end < n_) {
      Char c = at(end);
      if (c.cls != CharClass::kSpace) break;
      last_start = end;
      end += c.len;
    }
    if (end == pos) return kNoMatch;
    if (end == n_) return end;
    return last_start > pos ? last_start : kNoMatch;
  }

  const unsigned char *p_;
  size_t n_;
};

}  // namespace

bool Splitter::next(std::string_view *piece) {
  if (pos_ >= text_.size()) return false;
  Scanner scan(text_);
  size_t end = pattern_ == SplitPattern::kO200k ? scan.o200k(pos_) : scan.cl100k(pos_);
  *piece = text_.substr(pos_, end - pos_);
  pos_ = end;
  return true;
}

}  // namespace ag::tokenize
