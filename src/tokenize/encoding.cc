#include "tokenize/encoding.h"

#include "core/status.h"
#include "tokenize/bpe.h"
#include "tokenize/unicode_class.h"

namespace ag::tokenize {
namespace {

constexpr EncodingSpec kEncodings[kEncodingCount] = {
    {EncodingId::kO200kBase, "o200k_base", "o200k_base.tiktoken", SplitPattern::kO200k, 199998},
    {EncodingId::kCl100kBase, "cl100k_base", "cl100k_base.tiktoken", SplitPattern::kCl100k,
     100256},
};

}  // namespace

const EncodingSpec *find_encoding(int32_t id) {
  for (const auto &e : kEncodings)
    if (static_cast<int32_t>(e.id) == id) return &e;
  return nullptr;
}

const EncodingSpec *find_encoding(std::string_view name) {
  for (const auto &e : kEncodings)
    if (name == e.name) return &e;
  return nullptr;
}

std::unique_ptr<Encoding> Encoding::load(const EncodingSpec &spec, const std::string &dir) {
  std::string path = dir.empty() || dir.back() == '/' ? dir + spec.file : dir + "/" + spec.file;
  RankTable ranks = RankTable::load(path);
  if (ranks.size() != spec.rank_count)
    fail(AG_E_TOKENIZER, path + ": " + std::to_string(ranks.size()) + " ranks, but " +
                             spec.name + " has " + std::to_string(spec.rank_count) +
                             " (truncated or a different vocabulary?)");
  return std::make_unique<Encoding>(spec, std::move(ranks));
}

template <class Fn>
void Encoding::for_each_piece(std::string_view text, Fn &&fn) const {
  std::string repaired;
  if (valid_utf8_prefix(text) != text.size()) {
    repaired = replace_invalid_utf8(text);
    text = repaired;
  }
  Splitter split(spec_.pattern, text);
  Merger merger(ranks_);
  std::string_view piece;
  while (split.next(&piece)) fn(merger, piece);
}

uint64_t Encoding::count(std::string_view text) const {
  uint64_t n = 0;
  for_each_piece(text, [&](Merger &m, std::string_view piece) { n += m.merge(piece, nullptr); });
  return n;
}

std::vector<uint32_t> Encoding::encode(std::string_view text) const {
  std::vector<uint32_t> out;
  for_each_piece(text, [&](Merger &m, std::string_view piece) { m.merge(piece, &out); });
  return out;
}

}  // namespace ag::tokenize
