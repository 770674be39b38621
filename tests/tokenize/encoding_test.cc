#include "tokenize/encoding.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/status.h"
#include "tokenize_test_util.h"

namespace ag::tokenize {
namespace {

using testing::shared_encoding;
using Ids = std::vector<uint32_t>;

const Encoding &o200k() { return *shared_encoding(EncodingId::kO200kBase); }
const Encoding &cl100k() { return *shared_encoding(EncodingId::kCl100kBase); }

std::string decode(const Encoding &e, const Ids &ids) {
  std::string out;
  for (uint32_t r : ids) out += e.ranks().token(r);
  return out;
}

TEST(Encoding, KnownTokenIds) {
  AG_REQUIRE_RANK_FILES();
  EXPECT_EQ(o200k().encode("hello world"), (Ids{24912, 2375}));
  EXPECT_EQ(cl100k().encode("hello world"), (Ids{15339, 1917}));
  EXPECT_EQ(o200k().encode(""), Ids{});
  EXPECT_EQ(o200k().count("hello world"), 2u);
  EXPECT_EQ(cl100k().count(""), 0u);
}

TEST(Encoding, SpecialTokensAreOrdinaryText) {
  AG_REQUIRE_RANK_FILES();
  // Spelled-out <|endoftext|> is seven ordinary tokens, never the special id.
  EXPECT_EQ(o200k().encode("<|endoftext|>"), (Ids{27, 91, 419, 1440, 919, 91, 29}));
  EXPECT_EQ(cl100k().encode("<|endoftext|>"), (Ids{27, 91, 8862, 728, 428, 91, 29}));
}

TEST(Encoding, ByteOrderMarkIsItsVocabularyToken) {
  AG_REQUIRE_RANK_FILES();
  // EF BB BF is one token in both files (tiktoken agrees; gpt-tokenizer does not).
  EXPECT_EQ(o200k().encode("\xEF\xBB\xBF"), (Ids{5574}));
  EXPECT_EQ(cl100k().encode("\xEF\xBB\xBF"), (Ids{3305}));
}

TEST(Encoding, RoundTripsAndCountsMatchEncode) {
  AG_REQUIRE_RANK_FILES();
  const std::string text =
      "The quick brown fox can't jump 1234567 times.\r\n\tconst x = {\"a\": [1, 2]};\n"
      "\xE4\xB8\x96\xE7\x95\x8C \xF0\x9F\x91\x8B\xF0\x9F\x8F\xBD caf\xC3\xA9   \xE2\x80\x83" "end  ";
  for (const Encoding *e : {&o200k(), &cl100k()}) {
    Ids ids = e->encode(text);
    EXPECT_EQ(decode(*e, ids), text) << e->spec().name;
    EXPECT_EQ(e->count(text), ids.size()) << e->spec().name;
  }
}

TEST(Encoding, InvalidUtf8CountsAsReplacementCharacters) {
  AG_REQUIRE_RANK_FILES();
  const std::string bad = "ok \xFF\xE0\x80 then \xED\xA0\x80 and \xF0\x9F\x98";
  const std::string fixed = "ok \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD then "
                            "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD and \xEF\xBF\xBD";
  for (const Encoding *e : {&o200k(), &cl100k()}) {
    EXPECT_EQ(e->encode(bad), e->encode(fixed));
    EXPECT_EQ(e->count(bad), e->count(fixed));
  }
}

TEST(Encoding, LongRunsFinish) {
  AG_REQUIRE_RANK_FILES();
  // One long piece each (letters, spaces); digits make pieces of three, one token each.
  const std::string letters(1 << 18, 'x'), spaces(1 << 18, ' '), digits(1 << 18, '7');
  for (const Encoding *e : {&o200k(), &cl100k()}) {
    EXPECT_EQ(decode(*e, e->encode(letters)), letters);
    EXPECT_EQ(decode(*e, e->encode(spaces)), spaces);
    EXPECT_EQ(e->count(digits), ((1u << 18) + 2) / 3);
  }
}

TEST(Encoding, LoadChecksTheRankCount) {
  AG_REQUIRE_RANK_FILES();
  // cl100k's file under o200k's name: valid lines, wrong vocabulary size.
  EncodingSpec spec = *find_encoding("o200k_base");
  spec.file = "cl100k_base.tiktoken";
  try {
    Encoding::load(spec, testing::shared_tokenizer_dir());
    FAIL() << "no error";
  } catch (const Error &err) {
    EXPECT_EQ(err.status(), AG_E_TOKENIZER);
    EXPECT_NE(std::string(err.what()).find("100256 ranks, but o200k_base has 199998"),
              std::string::npos)
        << err.what();
  }
}

TEST(Encoding, FindsSpecsByIdAndName) {
  EXPECT_EQ(find_encoding(1)->name, std::string("o200k_base"));
  EXPECT_EQ(find_encoding(2)->name, std::string("cl100k_base"));
  EXPECT_EQ(find_encoding(0), nullptr);
  EXPECT_EQ(find_encoding(3), nullptr);
  EXPECT_EQ(find_encoding("cl100k_base")->id, EncodingId::kCl100kBase);
  EXPECT_EQ(find_encoding("p50k_base"), nullptr);
}

}  // namespace
}  // namespace ag::tokenize
