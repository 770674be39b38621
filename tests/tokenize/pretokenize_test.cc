#include "tokenize/pretokenize.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ag::tokenize {
namespace {

std::vector<std::string> split(SplitPattern p, std::string_view text) {
  std::vector<std::string> out;
  Splitter s(p, text);
  std::string_view piece;
  while (s.next(&piece)) out.emplace_back(piece);
  return out;
}

using V = std::vector<std::string>;
constexpr auto kO = SplitPattern::kO200k;
constexpr auto kC = SplitPattern::kCl100k;

TEST(SplitO200k, WordsKeepTheirLeadingSpaceAndCaseShape) {
  EXPECT_EQ(split(kO, "Hello world"), (V{"Hello", " world"}));
  EXPECT_EQ(split(kO, "HelloWorld"), (V{"Hello", "World"}));
  EXPECT_EQ(split(kO, "HTTPServer"), (V{"HTTPServer"}));  // upper* then lower+
  EXPECT_EQ(split(kO, "ABC def"), (V{"ABC", " def"}));
  EXPECT_EQ(split(kO, "\"quoted\""), (V{"\"quoted", "\""}));
}

TEST(SplitO200k, ContractionsAttachToTheWord) {
  EXPECT_EQ(split(kO, "I'm don't WE'LL"), (V{"I'm", " don't", " WE'LL"}));
  EXPECT_EQ(split(kO, "it's'd"), (V{"it's", "'d"}));
}

TEST(SplitO200k, DigitsGoInThrees) {
  EXPECT_EQ(split(kO, "1234567"), (V{"123", "456", "7"}));
  EXPECT_EQ(split(kO, "x 12"), (V{"x", " ", "12"}));
}

TEST(SplitO200k, PunctuationTakesTrailingNewlinesAndSlashes) {
  EXPECT_EQ(split(kO, "a, b"), (V{"a", ",", " b"}));
  EXPECT_EQ(split(kO, "});\n\nx"), (V{"});\n\n", "x"}));
  EXPECT_EQ(split(kO, "://\n/x"), (V{"://\n/", "x"}));
}

TEST(SplitO200k, WhitespaceRules) {
  EXPECT_EQ(split(kO, "a  b"), (V{"a", " ", " b"}));            // \s+(?!\S) leaves one
  EXPECT_EQ(split(kO, "a \n\n  b"), (V{"a", " \n\n", " ", " b"}));  // \s*[\r\n]+
  EXPECT_EQ(split(kO, "a   "), (V{"a", "   "}));                // trailing run whole
  EXPECT_EQ(split(kO, "\t\tx"), (V{"\t", "\tx"}));              // the tab is a prefix
}

TEST(SplitO200k, MarksAndOtherScripts) {
  // U+0301 (a mark) after a letter stays in the word; alone it starts one.
  EXPECT_EQ(split(kO, "e\xCC\x81t\xC3\xA9"), (V{"e\xCC\x81t\xC3\xA9"}));
  EXPECT_EQ(split(kO, "\xE4\xB8\x96\xE7\x95\x8C!"), (V{"\xE4\xB8\x96\xE7\x95\x8C", "!"}));
  EXPECT_EQ(split(kO, "\xF0\x9F\x98\x80\xF0\x9F\x98\x80 ok"),
            (V{"\xF0\x9F\x98\x80\xF0\x9F\x98\x80", " ok"}));
}

TEST(SplitCl100k, WordsAndContractions) {
  EXPECT_EQ(split(kC, "Hello world"), (V{"Hello", " world"}));
  EXPECT_EQ(split(kC, "HelloWorld"), (V{"HelloWorld"}));
  EXPECT_EQ(split(kC, "I'm don't"), (V{"I", "'m", " don", "'t"}));
  EXPECT_EQ(split(kC, "'ll 've"), (V{"'ll", " '", "ve"}));
}

TEST(SplitCl100k, DigitsPunctuationWhitespace) {
  EXPECT_EQ(split(kC, "1234567"), (V{"123", "456", "7"}));
  EXPECT_EQ(split(kC, "});\n\nx"), (V{"});\n\n", "x"}));
  EXPECT_EQ(split(kC, "://\n/x"), (V{"://\n", "/x"}));
  EXPECT_EQ(split(kC, "a  b"), (V{"a", " ", " b"}));
  EXPECT_EQ(split(kC, "a \n\n  b"), (V{"a", " \n\n", " ", " b"}));  // \s*[\r\n] greedy \s*
  EXPECT_EQ(split(kC, "a  \n "), (V{"a", "  \n "}));                // \s+$ at the end
}

TEST(Split, PiecesCoverTheText) {
  const std::string text = "Mixed: caf\xC3\xA9 \xE4\xB8\x96 123,456 \r\n\t x'S  ";
  for (auto p : {kO, kC}) {
    std::string joined;
    for (const auto &piece : split(p, text)) {
      EXPECT_FALSE(piece.empty());
      joined += piece;
    }
    EXPECT_EQ(joined, text);
  }
  EXPECT_TRUE(split(kO, "").empty());
}

}  // namespace
}  // namespace ag::tokenize
