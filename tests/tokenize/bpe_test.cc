#include "tokenize/bpe.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "tokenize_test_util.h"

namespace ag::tokenize {
namespace {

using testing::vocabulary;

// The textbook loop tiktoken runs: a piece that is a token is that token; otherwise find
// the lowest-ranked adjacent pair (leftmost on ties), merge it, repeat. Quadratic; the
// reference the heap merge must agree with.
std::vector<uint32_t> reference_merge(const RankTable &t, std::string_view piece) {
  const auto *p = reinterpret_cast<const unsigned char *>(piece.data());
  if (uint32_t whole = t.find(p, piece.size()); whole != kNoRank) return {whole};
  std::vector<size_t> starts;
  for (size_t i = 0; i <= piece.size(); ++i) starts.push_back(i);
  auto rank = [&](size_t a, size_t b) { return t.find(p + starts[a], starts[b] - starts[a]); };
  while (starts.size() > 2) {
    uint32_t best = kNoRank;
    size_t at = 0;
    for (size_t i = 0; i + 2 < starts.size(); ++i) {
      uint32_t r = rank(i, i + 2);
      if (r < best) best = r, at = i;
    }
    if (best == kNoRank) break;
    starts.erase(starts.begin() + static_cast<std::ptrdiff_t>(at) + 1);
  }
  std::vector<uint32_t> out;
  for (size_t i = 0; i + 1 < starts.size(); ++i) out.push_back(rank(i, i + 1));
  return out;
}

std::vector<uint32_t> heap_merge(const RankTable &t, std::string_view piece, size_t *count) {
  Merger m(t);
  std::vector<uint32_t> out;
  *count = m.merge(piece, &out);
  return out;
}

TEST(Merger, LowestRankFirstLeftmostOnTies) {
  RankTable t = RankTable::parse(vocabulary({"aa", "ab", "bc", "abc"}), "v");
  size_t n;
  // aa aa a: the three equal pairs merge left to right.
  EXPECT_EQ(heap_merge(t, "aaaaa", &n), (std::vector<uint32_t>{256, 256, 'a'}));
  EXPECT_EQ(n, 3u);
  // "ab" (257) beats "bc" (258); then "abc" joins ab+c.
  EXPECT_EQ(heap_merge(t, "abc", &n), (std::vector<uint32_t>{259}));
  EXPECT_EQ(heap_merge(t, "xbcx", &n), (std::vector<uint32_t>{'x', 258, 'x'}));
  EXPECT_EQ(heap_merge(t, "z", &n), (std::vector<uint32_t>{'z'}));
  Merger m(t);
  EXPECT_EQ(m.merge("aaaaa", nullptr), 3u);  // counting alone gives the same number
}

TEST(Merger, AgreesWithTheReferenceOnRandomVocabularies) {
  std::mt19937 rng(42);
  const std::string alphabet = "abcd";
  auto random_string = [&](size_t len) {
    std::string s;
    for (size_t i = 0; i < len; ++i) s += alphabet[rng() % alphabet.size()];
    return s;
  };
  for (int round = 0; round < 20; ++round) {
    std::vector<std::string> tokens;
    std::vector<std::string_view> views;
    for (int i = 0; i < 60; ++i) {
      std::string tok = random_string(2 + rng() % 5);
      bool dup = tok.size() < 2;
      for (const auto &t : tokens) dup |= t == tok;
      if (!dup) tokens.push_back(tok);
    }
    for (const auto &t : tokens) views.push_back(t);
    std::string file = vocabulary({});
    int rank = 256;
    for (auto v : views) file += testing::base64(v) + " " + std::to_string(rank++) + "\n";
    RankTable t = RankTable::parse(file, "random");
    for (int i = 0; i < 50; ++i) {
      std::string piece = random_string(1 + rng() % 40);
      size_t n;
      EXPECT_EQ(heap_merge(t, piece, &n), reference_merge(t, piece)) << piece;
    }
  }
}

TEST(Merger, AgreesWithTheReferenceOnRealVocabularies) {
  AG_REQUIRE_RANK_FILES();
  std::mt19937 rng(7);
  const char *samples[] = {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                           "supercalifragilisticexpialidocious",
                           "\xE4\xB8\x96\xE7\x95\x8C\xE4\xBD\xA0\xE5\xA5\xBD\xE4\xB8\x96",
                           "==========================", "0x1f2e3d4c5b6a"};
  for (EncodingId id : {EncodingId::kO200kBase, EncodingId::kCl100kBase}) {
    const RankTable &t = testing::shared_encoding(id)->ranks();
    for (const char *s : samples) {
      size_t n;
      EXPECT_EQ(heap_merge(t, s, &n), reference_merge(t, s)) << s;
    }
    for (int i = 0; i < 200; ++i) {  // random bytes, as a piece never is, still must agree
      std::string piece;
      for (size_t k = 0, len = 1 + rng() % 30; k < len; ++k)
        piece += static_cast<char>(rng() % 2 ? 'a' + rng() % 6 : rng() % 256);
      size_t n;
      EXPECT_EQ(heap_merge(t, piece, &n), reference_merge(t, piece));
    }
  }
}

TEST(Merger, LongRunOfOneByteIsNotQuadratic) {
  AG_REQUIRE_RANK_FILES();
  // The merge of a run settles into a period after its start, so a long run must give
  // exactly the tokens of a short run plus whole periods: check the count of a 1 MiB run
  // (one piece: quadratic merging would take minutes) against runs of 4 KiB and 8 KiB.
  for (EncodingId id : {EncodingId::kO200kBase, EncodingId::kCl100kBase}) {
    const RankTable &t = testing::shared_encoding(id)->ranks();
    const size_t len = id == EncodingId::kO200kBase ? (1u << 20) : (1u << 18);
    Merger m(t);
    size_t c4k = m.merge(std::string(4096, 'a'), nullptr);
    size_t c8k = m.merge(std::string(8192, 'a'), nullptr);
    std::vector<uint32_t> ranks;
    const std::string run(len, 'a');
    size_t count = m.merge(run, &ranks);
    EXPECT_EQ(count, ranks.size());
    EXPECT_EQ(count, c4k + (c8k - c4k) * (len / 4096 - 1));
    std::string decoded;
    for (uint32_t r : ranks) decoded += t.token(r);
    EXPECT_EQ(decoded, run);
  }
}

}  // namespace
}  // namespace ag::tokenize
