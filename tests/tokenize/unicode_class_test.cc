#include "tokenize/unicode_class.h"

#include <gtest/gtest.h>

namespace ag::tokenize {
namespace {

TEST(CharClass, ClassifiesScriptsAsTheSplitPatternsDo) {
  EXPECT_EQ(char_class('A'), CharClass::kUpper);
  EXPECT_EQ(char_class('z'), CharClass::kLower);
  EXPECT_EQ(char_class('7'), CharClass::kNumber);
  EXPECT_EQ(char_class('_'), CharClass::kOther);
  EXPECT_EQ(char_class(' '), CharClass::kSpace);
  EXPECT_EQ(char_class('\t'), CharClass::kSpace);
  EXPECT_EQ(char_class(0x00A0), CharClass::kSpace);   // no-break space
  EXPECT_EQ(char_class(0x3000), CharClass::kSpace);   // ideographic space
  EXPECT_EQ(char_class(0xFEFF), CharClass::kSpace);   // \s of JavaScript includes the BOM
  EXPECT_EQ(char_class(0x0085), CharClass::kOther);   // ... but not NEL
  EXPECT_EQ(char_class(0x01C5), CharClass::kTitle);   // Dž
  EXPECT_EQ(char_class(0x02B0), CharClass::kModifier);
  EXPECT_EQ(char_class(0x4E16), CharClass::kOtherLetter);  // 世
  EXPECT_EQ(char_class(0x0301), CharClass::kMark);    // combining acute
  EXPECT_EQ(char_class(0x00BD), CharClass::kNumber);  // ½ (No)
  EXPECT_EQ(char_class(0x2167), CharClass::kNumber);  // Ⅷ (Nl)
  EXPECT_EQ(char_class(0x1F600), CharClass::kOther);  // 😀
  EXPECT_EQ(char_class(0x1D400), CharClass::kUpper);  // mathematical bold A
  EXPECT_EQ(char_class(0x20000), CharClass::kOtherLetter);  // CJK extension B
  EXPECT_EQ(char_class(0x10FFFF), CharClass::kOther);
}

TEST(Utf8, ValidPrefixStopsAtTheFirstIllFormedSequence) {
  EXPECT_EQ(valid_utf8_prefix(""), 0u);
  EXPECT_EQ(valid_utf8_prefix("plain ascii text, long enough for words"), 39u);
  EXPECT_EQ(valid_utf8_prefix("h\xC3\xA9llo"), 6u);
  EXPECT_EQ(valid_utf8_prefix("abc\xC3"), 3u);              // truncated
  EXPECT_EQ(valid_utf8_prefix("abcdefghij\xED\xA0\x80"), 10u);  // surrogate
  EXPECT_EQ(valid_utf8_prefix("\xC0\xAF"), 0u);             // overlong
  EXPECT_EQ(valid_utf8_prefix("\xF4\x90\x80\x80"), 0u);     // above U+10FFFF
  EXPECT_EQ(valid_utf8_prefix("\xF0\x9F\x98\x80"), 4u);
}

TEST(Utf8, ReplacesEachMaximalSubpartWithOneReplacementChar) {
  const std::string r = "\xEF\xBF\xBD";
  EXPECT_EQ(replace_invalid_utf8("a\x80z"), "a" + r + "z");
  EXPECT_EQ(replace_invalid_utf8("\xE1\x80z"), r + "z");      // truncated 3-byte: one
  EXPECT_EQ(replace_invalid_utf8("\xE0\x80z"), r + r + "z");  // E0 80 is never valid: two
  EXPECT_EQ(replace_invalid_utf8("\xED\xA0\x80"), r + r + r);  // surrogate: three
  EXPECT_EQ(replace_invalid_utf8("\xF0\x9F\x98"), r);         // truncated 4-byte at the end
  EXPECT_EQ(replace_invalid_utf8("\xFF\xFE"), r + r);
  EXPECT_EQ(replace_invalid_utf8("ok \xC3\xA9"), "ok \xC3\xA9");
}

}  // namespace
}  // namespace ag::tokenize
