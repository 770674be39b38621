#include "scrub/regex_reverse.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <memory>
#include <vector>

namespace ag::scrub {
namespace {

// A parsed pattern. Atoms keep their source text (a class, an escape, one literal byte);
// assertions parse to an empty sequence.
struct Node {
  enum Kind { kAtom, kSeq, kAlt, kRepeat } kind = kSeq;
  std::string text;  // atom: source text; repeat: the quantifier
  std::vector<Node> kids;
  uint32_t min = 0, max = 0;  // repeat: its counts (max kUnbounded for * + {n,})
};

constexpr uint32_t kUnbounded = UINT32_MAX;

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

class Parser {
 public:
  explicit Parser(std::string_view p) : p_(p) {}

  std::optional<Node> parse() {
    Node n = alternation();
    if (!ok_ || i_ != p_.size()) return std::nullopt;
    return n;
  }

 private:
  bool at_end() const { return i_ >= p_.size(); }
  char peek(size_t ahead = 0) const { return i_ + ahead < p_.size() ? p_[i_ + ahead] : '\0'; }
  void bad() { ok_ = false; i_ = p_.size(); }

  Node alternation() {
    Node alt{Node::kAlt, {}, {}};
    alt.kids.push_back(sequence());
    while (ok_ && !at_end() && peek() == '|') {
      ++i_;
      alt.kids.push_back(sequence());
    }
    return alt.kids.size() == 1 ? std::move(alt.kids[0]) : alt;
  }

  Node sequence() {
    Node seq{Node::kSeq, {}, {}};
    while (ok_ && !at_end() && peek() != '|' && peek() != ')') {
      std::optional<Node> a = atom();
      if (!ok_) break;
      Node rep{Node::kRepeat, {}, {}};
      while (ok_ && quantifier(&rep)) {
        if (a) {
          rep.kids.assign(1, std::move(*a));
          a = std::move(rep);
        }
        rep = Node{Node::kRepeat, {}, {}};
      }
      if (a) seq.kids.push_back(std::move(*a));
    }
    return seq;
  }

  // Reads a quantifier at the cursor into rep's text and counts. Lazy and possessive forms
  // are refused.
  bool quantifier(Node *rep) {
    if (at_end()) return false;
    size_t start = i_;
    char c = peek();
    if (c == '?' || c == '*' || c == '+') {
      rep->min = c == '+' ? 1 : 0;
      rep->max = c == '?' ? 1 : kUnbounded;
      ++i_;
    } else if (c == '{') {
      size_t j = i_ + 1;
      std::optional<uint32_t> lo = count(&j), hi = lo;
      if (!lo) return false;  // a literal '{' is not supported: bad() below
      if (j < p_.size() && p_[j] == ',') {
        ++j;
        hi = count(&j);
        if (!hi) hi = kUnbounded;
      }
      if (j >= p_.size() || p_[j] != '}') return false;
      rep->min = *lo;
      rep->max = *hi;
      i_ = j + 1;
    } else {
      return false;
    }
    if (!at_end() && (peek() == '?' || peek() == '+')) {
      bad();
      return false;
    }
    rep->text = std::string(p_.substr(start, i_ - start));
    return true;
  }

  // The decimal count at p_[*j] (advanced past it), saturating; nullopt without a digit.
  std::optional<uint32_t> count(size_t *j) const {
    if (*j >= p_.size() || !is_digit(p_[*j])) return std::nullopt;
    uint64_t v = 0;
    while (*j < p_.size() && is_digit(p_[*j])) v = std::min<uint64_t>(kUnbounded - 1, v * 10 + static_cast<uint64_t>(p_[(*j)++] - '0'));
    return static_cast<uint32_t>(v);
  }

  // One atom; nullopt for an assertion (matches the empty string once relaxed).
  std::optional<Node> atom() {
    char c = peek();
    switch (c) {
      case '(': return group();
      case '[': return klass();
      case '\\': return escape();
      case '^':
      case '$': ++i_; return std::nullopt;
      case '*':
      case '+':
      case '?':
      case '{':
      case ')':
      case '|': bad(); return std::nullopt;
      default: ++i_; return Node{Node::kAtom, std::string(1, c), {}};
    }
  }

  std::optional<Node> group() {
    ++i_;  // '('
    if (peek() == '?') {
      if (peek(1) != ':') {
        bad();
        return std::nullopt;
      }
      i_ += 2;
    }
    Node inner = alternation();
    if (!ok_ || peek() != ')') {
      bad();
      return std::nullopt;
    }
    ++i_;
    return inner;
  }

  std::optional<Node> klass() {
    size_t start = i_;
    size_t j = i_ + 1;
    if (j < p_.size() && p_[j] == '^') ++j;
    if (j < p_.size() && p_[j] == ']') ++j;  // a leading ']' is a member
    while (j < p_.size() && p_[j] != ']') {
      if (p_[j] == '\\') {
        j += 2;
      } else if (p_[j] == '[' && j + 1 < p_.size() && p_[j + 1] == ':') {
        size_t end = p_.find(":]", j + 2);
        if (end == std::string_view::npos) break;
        j = end + 2;
      } else {
        ++j;
      }
    }
    if (j >= p_.size()) {
      bad();
      return std::nullopt;
    }
    i_ = j + 1;
    return Node{Node::kAtom, std::string(p_.substr(start, i_ - start)), {}};
  }

  std::optional<Node> escape() {
    if (i_ + 1 >= p_.size()) {
      bad();
      return std::nullopt;
    }
    char n = p_[i_ + 1];
    if (n == 'Q') {  // \Q...\E: each byte literally
      size_t end = p_.find("\\E", i_ + 2);
      size_t stop = end == std::string_view::npos ? p_.size() : end;
      Node seq{Node::kSeq, {}, {}};
      for (size_t j = i_ + 2; j < stop; ++j) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned char>(p_[j]));
        seq.kids.push_back(Node{Node::kAtom, buf, {}});
      }
      i_ = end == std::string_view::npos ? p_.size() : end + 2;
      return seq;
    }
    if (n == 'E') {  // a stray \E is ignored
      i_ += 2;
      return std::nullopt;
    }
    switch (n) {
      case 'b': case 'B': case 'A': case 'z': case 'Z': case 'G':
        i_ += 2;
        return std::nullopt;
      case 's': case 'S': case 'd': case 'D': case 'w': case 'W': case 'h': case 'H':
      case 'v': case 'V': case 'n': case 'r': case 't': case 'f': case 'e': case 'a': {
        Node a{Node::kAtom, std::string(p_.substr(i_, 2)), {}};
        i_ += 2;
        return a;
      }
      case 'x': {
        size_t j = i_ + 2;
        if (j < p_.size() && p_[j] == '{') {
          size_t close = p_.find('}', j);
          if (close == std::string_view::npos) break;
          j = close + 1;
        } else {
          size_t k = 0;
          while (k < 2 && j < p_.size() && std::isxdigit(static_cast<unsigned char>(p_[j]))) ++j, ++k;
        }
        Node a{Node::kAtom, std::string(p_.substr(i_, j - i_)), {}};
        i_ = j;
        return a;
      }
      default:
        if (!is_alnum(n) && static_cast<unsigned char>(n) < 0x80) {
          Node a{Node::kAtom, std::string(p_.substr(i_, 2)), {}};
          i_ += 2;
          return a;
        }
        break;
    }
    bad();
    return std::nullopt;
  }

  std::string_view p_;
  size_t i_ = 0;
  bool ok_ = true;
};

void reverse(Node *n) {
  for (Node &k : n->kids) reverse(&k);
  if (n->kind == Node::kSeq) std::reverse(n->kids.begin(), n->kids.end());
}

std::string emit(const Node &n) {
  switch (n.kind) {
    case Node::kAtom: return n.text;
    case Node::kSeq: {
      std::string s;
      for (const Node &k : n.kids) s += k.kind == Node::kAlt ? "(?:" + emit(k) + ")" : emit(k);
      return s;
    }
    case Node::kAlt: {
      std::string s;
      for (size_t i = 0; i < n.kids.size(); ++i) {
        if (i) s += '|';
        s += emit(n.kids[i]);
      }
      return s;
    }
    case Node::kRepeat: {
      std::string inner = emit(n.kids[0]);
      if (inner.empty()) return inner;  // a repeated assertion: empty once relaxed
      return "(?:" + inner + ")" + n.text;
    }
  }
  return {};
}

// How many line feeds a node's matches can hold: at most `all` in a whole match, `but_first`
// without its first byte, `but_last` without its last, `inner` without either. Each is an
// upper bound (kMany: no bound). Every node is assumed to match something.
constexpr uint32_t kMany = 1u << 20;

uint32_t add(uint32_t a, uint32_t b) { return std::min(kMany, a + b); }
uint32_t times(uint32_t a, uint32_t n) { return a == 0 ? 0 : n >= kMany || a >= kMany ? kMany : std::min<uint64_t>(kMany, uint64_t{a} * n); }

struct LineFeeds {
  bool empty = false;     // can match ""
  bool nonempty = false;  // can match a non-empty string
  uint32_t all = 0, but_first = 0, but_last = 0, inner = 0;
};

// Bounds for xy from bounds for x and y, each possibly empty.
LineFeeds concat(const LineFeeds &x, const LineFeeds &y) {
  LineFeeds r;
  r.empty = x.empty && y.empty;
  r.nonempty = x.nonempty || y.nonempty;
  r.all = add(x.all, y.all);
  if (x.nonempty) r.but_first = add(x.but_first, y.all);
  if (x.empty) r.but_first = std::max(r.but_first, y.but_first);
  if (y.nonempty) r.but_last = add(x.all, y.but_last);
  if (y.empty) r.but_last = std::max(r.but_last, x.but_last);
  if (x.nonempty && y.nonempty) r.inner = add(x.but_first, y.but_last);
  if (x.empty) r.inner = std::max(r.inner, y.inner);
  if (y.empty) r.inner = std::max(r.inner, x.inner);
  return r;
}

LineFeeds either(const LineFeeds &x, const LineFeeds &y) {
  return {x.empty || y.empty, x.nonempty || y.nonempty, std::max(x.all, y.all),
          std::max(x.but_first, y.but_first), std::max(x.but_last, y.but_last), std::max(x.inner, y.inner)};
}

// A byte named by a class member or escape at p[*i] (advanced past it); -1 when it is a
// class escape (\s, \d, ...) or not understood.
int single_byte(std::string_view p, size_t *i) {
  if (*i >= p.size()) return -1;
  char c = p[*i];
  if (c != '\\') {
    ++*i;
    return static_cast<unsigned char>(c);
  }
  if (*i + 1 >= p.size()) return -1;
  char n = p[*i + 1];
  *i += 2;
  switch (n) {
    case 'n': return '\n';
    case 'r': return '\r';
    case 't': return '\t';
    case 'f': return '\f';
    case 'v': return -1;  // vertical whitespace, a class in Hyperscan
    case 'e': return 0x1b;
    case 'a': return 0x07;
    case 'x': {
      size_t j = *i;
      unsigned v = 0, digits = 0;
      bool braced = j < p.size() && p[j] == '{';
      if (braced) ++j;
      while (j < p.size() && std::isxdigit(static_cast<unsigned char>(p[j])) && (braced || digits < 2)) {
        v = v * 16 + static_cast<unsigned>(std::isdigit(static_cast<unsigned char>(p[j])) ? p[j] - '0' : (p[j] | 0x20) - 'a' + 10);
        ++j, ++digits;
        if (v > 0xff) return -1;
      }
      if (digits == 0) return -1;
      if (braced) {
        if (j >= p.size() || p[j] != '}') return -1;
        ++j;
      }
      *i = j;
      return static_cast<int>(v);
    }
    default:
      if (!is_alnum(n) && static_cast<unsigned char>(n) < 0x80) return static_cast<unsigned char>(n);
      return -1;
  }
}

// Whether a class escape (the letter after the backslash) can match a line feed; nullopt
// when it is not a class escape.
std::optional<bool> escape_class_has_newline(char n) {
  switch (n) {
    case 's': case 'v': case 'W': case 'D': case 'H': return true;
    case 'S': case 'V': case 'w': case 'd': case 'h': return false;
    default: return std::nullopt;
  }
}

// Whether the atom (a literal, an escape or a bracket class) can match a line feed; true
// whenever that is not certain to be false.
bool atom_has_newline(std::string_view a) {
  if (a.empty()) return true;
  if (a == ".") return false;  // no DOTALL: '.' excludes the line feed
  if (a[0] == '[') {
    size_t i = 1;
    bool negated = i < a.size() && a[i] == '^';
    if (negated) ++i;
    bool has = false, unsure = false;
    bool first = true;
    while (i < a.size() && (a[i] != ']' || first)) {
      first = false;
      if (a[i] == '[' && i + 1 < a.size() && a[i + 1] == ':') {
        size_t end = a.find(":]", i + 2);
        if (end == std::string_view::npos) return true;
        std::string_view name = a.substr(i + 2, end - i - 2);
        static constexpr std::string_view kSafe[] = {"alpha", "digit", "alnum", "upper", "lower", "xdigit",
                                                     "punct", "graph", "print", "blank", "word"};
        if (std::find(std::begin(kSafe), std::end(kSafe), name) == std::end(kSafe)) unsure = true;
        i = end + 2;
        continue;
      }
      if (a[i] == '\\' && i + 1 < a.size()) {
        if (std::optional<bool> cls = escape_class_has_newline(a[i + 1])) {
          has = has || *cls;
          i += 2;
          continue;
        }
      }
      int lo = single_byte(a, &i);
      if (lo < 0) {
        unsure = true;
        if (i < a.size() && a[i] != ']') ++i;
        continue;
      }
      int hi = lo;
      if (i + 1 < a.size() && a[i] == '-' && a[i + 1] != ']') {
        ++i;
        hi = single_byte(a, &i);
        if (hi < 0) {
          unsure = true;
          continue;
        }
      }
      if (lo <= '\n' && '\n' <= hi) has = true;
    }
    if (i >= a.size()) return true;
    return negated ? !has : (has || unsure);
  }
  if (a[0] == '\\' && a.size() == 2) {
    if (std::optional<bool> cls = escape_class_has_newline(a[1])) return *cls;
  }
  size_t i = 0;
  int b = single_byte(a, &i);
  return b < 0 || i != a.size() || b == '\n';
}

LineFeeds line_feeds(const Node &n) {
  switch (n.kind) {
    case Node::kAtom: {
      LineFeeds r;
      r.nonempty = true;
      r.all = atom_has_newline(n.text) ? 1 : 0;  // one byte: first and last at once
      return r;
    }
    case Node::kSeq: {
      LineFeeds r;
      r.empty = true;
      for (const Node &k : n.kids) r = concat(r, line_feeds(k));
      return r;
    }
    case Node::kAlt: {
      LineFeeds r = line_feeds(n.kids[0]);
      for (size_t i = 1; i < n.kids.size(); ++i) r = either(r, line_feeds(n.kids[i]));
      return r;
    }
    case Node::kRepeat: {
      LineFeeds x = line_feeds(n.kids[0]);
      if (n.max == 0) return {true, false, 0, 0, 0, 0};
      LineFeeds r = x;
      if (n.max >= 2) {
        // Every copy's line feeds may count, whichever copy is first or last.
        uint32_t all = times(x.all, n.max);
        r.all = r.but_first = r.but_last = r.inner = all;
      }
      if (n.min == 0) r.empty = true;
      return r;
    }
  }
  return {};
}

}  // namespace

uint32_t max_inner_line_feeds(std::string_view pattern) {
  std::optional<Node> tree = Parser(pattern).parse();
  if (!tree) return kMany;
  return line_feeds(*tree).inner;
}

bool atom_may_match_newline(std::string_view atom) { return atom_has_newline(atom); }

std::optional<std::string> relaxed_reverse(std::string_view pattern) {
  std::optional<Node> tree = Parser(pattern).parse();
  if (!tree) return std::nullopt;
  reverse(&*tree);
  return emit(*tree);
}

}  // namespace ag::scrub
