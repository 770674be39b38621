#include "tokenize/rank_table.h"

#include <gtest/gtest.h>

#include <string>

#include "core/status.h"
#include "tokenize_test_util.h"

namespace ag::tokenize {
namespace {

using testing::vocabulary;

std::string parse_error(const std::string &content) {
  try {
    RankTable::parse(content, "v.tiktoken");
  } catch (const Error &e) {
    EXPECT_EQ(e.status(), AG_E_TOKENIZER);
    return e.what();
  }
  return "no error";
}

uint32_t find(const RankTable &t, std::string_view s) {
  return t.find(reinterpret_cast<const unsigned char *>(s.data()), s.size());
}

TEST(RankTable, ParsesAndFindsTokens) {
  RankTable t = RankTable::parse(vocabulary({"ab", "abc", "hello world, long token"}), "v");
  EXPECT_EQ(t.size(), 259u);
  EXPECT_EQ(find(t, "ab"), 256u);
  EXPECT_EQ(find(t, "abc"), 257u);
  EXPECT_EQ(find(t, "hello world, long token"), 258u);
  EXPECT_EQ(find(t, "abcd"), kNoRank);
  EXPECT_EQ(find(t, "a"), static_cast<uint32_t>('a'));
  EXPECT_EQ(t.byte_rank(0xFF), 255u);
  EXPECT_EQ(t.token(257), "abc");
  EXPECT_EQ(t.token(9999), "");
}

TEST(RankTable, AcceptsCrlfAndBlankLines) {
  std::string file = vocabulary({"xy"});
  std::string crlf;
  for (char c : file) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  RankTable t = RankTable::parse(crlf + "\r\n\n", "v");
  EXPECT_EQ(find(t, "xy"), 256u);
}

TEST(RankTable, ErrorsNameTheFileAndLine) {
  std::string good = vocabulary({});
  EXPECT_EQ(parse_error(good + "YWI=\n"), "v.tiktoken:257: expected '<base64 token> <rank>'");
  EXPECT_EQ(parse_error(good + "YW!= 256\n"), "v.tiktoken:257: token is not valid padded base64");
  EXPECT_EQ(parse_error(good + "YWI 256\n"), "v.tiktoken:257: token is not valid padded base64");
  EXPECT_EQ(parse_error(good + "YWI= -1\n"),
            "v.tiktoken:257: rank must be a decimal integer below 16777216");
  EXPECT_EQ(parse_error(good + "YWI= 99999999\n"),
            "v.tiktoken:257: rank must be a decimal integer below 16777216");
  EXPECT_EQ(parse_error(good + "YWI= 256\nYWI= 257\n"),
            "v.tiktoken:258: token already has rank 256");
  EXPECT_EQ(parse_error(good + "YWI= 7\n"), "v.tiktoken:257: rank 7 repeated");
  EXPECT_EQ(parse_error("YQ== 0\n"),
            "v.tiktoken: the single byte 0x00 has no rank (not a byte-level BPE vocabulary)");
  EXPECT_EQ(parse_error(""),
            "v.tiktoken: the single byte 0x00 has no rank (not a byte-level BPE vocabulary)");
}

TEST(RankTable, MissingFileIsATokenizerError) {
  try {
    RankTable::load("/nonexistent/o200k_base.tiktoken");
    FAIL() << "no error";
  } catch (const Error &e) {
    EXPECT_EQ(e.status(), AG_E_TOKENIZER);
    EXPECT_NE(std::string(e.what()).find("/nonexistent/o200k_base.tiktoken: cannot open"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace ag::tokenize
