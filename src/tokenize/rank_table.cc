#include "tokenize/rank_table.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "core/status.h"
#include "tokenize/hash.h"

namespace ag::tokenize {
namespace {

// Ranks are small in every published vocabulary; the bound keeps a hostile file from making
// the rank index huge.
constexpr uint32_t kMaxRank = 1u << 24;

[[noreturn]] void bad_line(std::string_view name, size_t line, const std::string &what) {
  fail(AG_E_TOKENIZER, std::string(name) + ":" + std::to_string(line) + ": " + what);
}

int base64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

// Standard padded base64; false when malformed.
bool base64_decode(std::string_view in, std::string *out) {
  out->clear();
  if (in.empty() || in.size() % 4 != 0) return false;
  size_t pad = in.back() != '=' ? 0 : in[in.size() - 2] == '=' ? 2 : 1;
  for (size_t i = 0; i < in.size(); i += 4) {
    uint32_t v = 0;
    for (size_t j = 0; j < 4; ++j) {
      bool padding = i + 4 == in.size() && j >= 4 - pad;
      int d = padding ? 0 : base64_value(in[i + j]);
      if (d < 0) return false;
      v = v << 6 | static_cast<uint32_t>(d);
    }
    out->push_back(static_cast<char>(v >> 16));
    if (i + 4 < in.size() || pad < 2) out->push_back(static_cast<char>(v >> 8 & 0xFF));
    if (i + 4 < in.size() || pad < 1) out->push_back(static_cast<char>(v & 0xFF));
  }
  return true;
}

bool parse_rank(std::string_view s, uint32_t *rank) {
  if (s.empty() || s.size() > 9) return false;
  uint32_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<uint32_t>(c - '0');
  }
  *rank = v;
  return true;
}

size_t table_size_for(size_t entries) {
  size_t n = 16;
  while (n < entries * 2) n *= 2;  // load factor at most 1/2
  return n;
}

}  // namespace

RankTable RankTable::parse(std::string_view content, std::string_view name) {
  RankTable t;
  size_t lines = static_cast<size_t>(std::count(content.begin(), content.end(), '\n')) + 1;
  t.slots_.assign(table_size_for(lines), Slot{0, 0, 0, 0});
  t.bytes_.reserve(content.size() * 3 / 4);
  std::fill(std::begin(t.byte_ranks_), std::end(t.byte_ranks_), kNoRank);
  std::string token;
  size_t line_no = 0;
  while (!content.empty()) {
    size_t eol = content.find('\n');
    std::string_view line = content.substr(0, eol);
    content = eol == std::string_view::npos ? std::string_view() : content.substr(eol + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    size_t sp = line.find(' ');
    if (sp == std::string_view::npos)
      bad_line(name, line_no, "expected '<base64 token> <rank>'");
    if (!base64_decode(line.substr(0, sp), &token))
      bad_line(name, line_no, "token is not valid padded base64");
    uint32_t rank;
    if (!parse_rank(line.substr(sp + 1), &rank) || rank >= kMaxRank)
      bad_line(name, line_no, "rank must be a decimal integer below " + std::to_string(kMaxRank));
    t.insert(token, rank, name, line_no);
  }
  t.finish(name);
  return t;
}

RankTable RankTable::load(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(AG_E_TOKENIZER, path + ": cannot open rank file: " + std::strerror(errno));
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) fail(AG_E_TOKENIZER, path + ": read error");
  return parse(buf.str(), path);
}

void RankTable::insert(std::string_view token, uint32_t rank, std::string_view name,
                       size_t line) {
  const auto *p = reinterpret_cast<const unsigned char *>(token.data());
  uint64_t h = hash_bytes(p, token.size());
  size_t mask = slots_.size() - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    Slot &s = slots_[i];
    if (s.len == 0) {
      s = Slot{static_cast<uint32_t>(h >> 32), rank, static_cast<uint32_t>(bytes_.size()),
               static_cast<uint32_t>(token.size())};
      break;
    }
    if (s.hash == static_cast<uint32_t>(h >> 32) && s.len == token.size() &&
        std::memcmp(bytes_.data() + s.offset, p, token.size()) == 0)
      bad_line(name, line, "token already has rank " + std::to_string(s.rank));
  }
  bytes_.append(token);
  if (rank >= by_rank_.size()) by_rank_.resize(rank + 1, kNoRank);
  if (by_rank_[rank] != kNoRank) bad_line(name, line, "rank " + std::to_string(rank) + " repeated");
  by_rank_[rank] = 0;  // marked; finish() stores the slot indexes
  if (token.size() == 1) byte_ranks_[p[0]] = rank;
  ++count_;
}

void RankTable::finish(std::string_view name) {
  for (int b = 0; b < 256; ++b) {
    if (byte_ranks_[b] == kNoRank) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", b);
      fail(AG_E_TOKENIZER, std::string(name) + ": the single byte " + hex +
                               " has no rank (not a byte-level BPE vocabulary)");
    }
  }
  for (size_t i = 0; i < slots_.size(); ++i)
    if (slots_[i].len != 0) by_rank_[slots_[i].rank] = static_cast<uint32_t>(i);
}

uint32_t RankTable::find(const unsigned char *p, size_t n) const {
  uint64_t h = hash_bytes(p, n);
  size_t mask = slots_.size() - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    const Slot &s = slots_[i];
    if (s.len == 0) return kNoRank;
    if (s.hash == static_cast<uint32_t>(h >> 32) && s.len == n &&
        std::memcmp(bytes_.data() + s.offset, p, n) == 0)
      return s.rank;
  }
}

std::string_view RankTable::token(uint32_t rank) const {
  if (rank >= by_rank_.size() || by_rank_[rank] == kNoRank) return {};
  const Slot &s = slots_[by_rank_[rank]];
  return std::string_view(bytes_).substr(s.offset, s.len);
}

}  // namespace ag::tokenize
