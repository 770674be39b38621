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
};

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
      std::string q;
      while (ok_ && quantifier(&q)) {
        if (a) a = Node{Node::kRepeat, q, {std::move(*a)}};
      }
      if (a) seq.kids.push_back(std::move(*a));
    }
    return seq;
  }

  // Reads a quantifier at the cursor into *q. Lazy and possessive forms are refused.
  bool quantifier(std::string *q) {
    if (at_end()) return false;
    size_t start = i_;
    char c = peek();
    if (c == '?' || c == '*' || c == '+') {
      ++i_;
    } else if (c == '{') {
      size_t j = i_ + 1, digits = 0;
      while (j < p_.size() && is_digit(p_[j])) ++j, ++digits;
      if (digits == 0) return false;  // a literal '{' is not supported: bad() below
      if (j < p_.size() && p_[j] == ',') {
        ++j;
        while (j < p_.size() && is_digit(p_[j])) ++j;
      }
      if (j >= p_.size() || p_[j] != '}') return false;
      i_ = j + 1;
    } else {
      return false;
    }
    if (!at_end() && (peek() == '?' || peek() == '+')) {
      bad();
      return false;
    }
    *q = std::string(p_.substr(start, i_ - start));
    return true;
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

}  // namespace

std::optional<std::string> relaxed_reverse(std::string_view pattern) {
  std::optional<Node> tree = Parser(pattern).parse();
  if (!tree) return std::nullopt;
  reverse(&*tree);
  return emit(*tree);
}

}  // namespace ag::scrub
