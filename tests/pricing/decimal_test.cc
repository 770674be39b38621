// Exact decimal -> fixed point conversion (no binary floating point anywhere).
#include <gtest/gtest.h>

#include "budget/price.h"
#include "core/json.h"

namespace {

using ag::json::Decimal;
using ag::json::parse_decimal;

int64_t nano(std::string_view s) {
  int64_t v = -7;
  EXPECT_EQ(parse_decimal(s, 9, &v), Decimal::kOk) << s;
  return v;
}

TEST(Decimal, ConvertsExactly) {
  EXPECT_EQ(nano("0.075"), 75'000'000);
  EXPECT_EQ(nano("0.1"), 100'000'000);
  EXPECT_EQ(nano("2.0"), 2'000'000'000);
  EXPECT_EQ(nano("0"), 0);
  EXPECT_EQ(nano("-0"), 0);
  EXPECT_EQ(nano("0.000000001"), 1);
  EXPECT_EQ(nano("0.01875"), 18'750'000);
  EXPECT_EQ(nano("1000000000"), 1'000'000'000'000'000'000);
  EXPECT_EQ(nano("0.30000000000000000000"), 300'000'000);  // trailing zeros are exact
}

TEST(Decimal, Exponents) {
  EXPECT_EQ(nano("1e-9"), 1);
  EXPECT_EQ(nano("1.5e3"), 1'500'000'000'000);
  EXPECT_EQ(nano("75E-3"), 75'000'000);
  EXPECT_EQ(nano("0.0075e+1"), 75'000'000);
  EXPECT_EQ(nano("0e999999"), 0);
}

TEST(Decimal, Refusals) {
  int64_t v = 0;
  EXPECT_EQ(parse_decimal("0.0000000001", 9, &v), Decimal::kPrecision);
  EXPECT_EQ(parse_decimal("1e-10", 9, &v), Decimal::kPrecision);
  EXPECT_EQ(parse_decimal("1.5", 0, &v), Decimal::kPrecision);
  EXPECT_EQ(parse_decimal("-1", 9, &v), Decimal::kNegative);
  EXPECT_EQ(parse_decimal("-0.000001", 9, &v), Decimal::kNegative);
  EXPECT_EQ(parse_decimal("9223372036.854775808", 9, &v), Decimal::kRange);
  EXPECT_EQ(parse_decimal("9223372036.854775807", 9, &v), Decimal::kOk);
  EXPECT_EQ(v, INT64_MAX);
  EXPECT_EQ(parse_decimal("1e400", 9, &v), Decimal::kRange);
  for (std::string_view bad : {"", "-", "01", "1.", ".5", "1e", "1e+", "+1", "0x10", "1 ", "NaN",
                               "1.2.3", "١"})
    EXPECT_EQ(parse_decimal(bad, 9, &v), Decimal::kSyntax) << bad;
}

TEST(Decimal, CompileTimeUsdLiterals) {
  static_assert(ag::usd("0.075") == 75'000'000);
  static_assert(ag::usd("1.25") == 1'250'000'000);
  static_assert(ag::usd("0") == 0);
  SUCCEED();
}

TEST(Utf8, FindsTheFirstBadByte) {
  using ag::json::utf8_error_offset;
  EXPECT_EQ(utf8_error_offset("plain ascii"), std::string_view::npos);
  EXPECT_EQ(utf8_error_offset("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"), std::string_view::npos);
  EXPECT_EQ(utf8_error_offset("ab\xff"), 2u);
  EXPECT_EQ(utf8_error_offset("a\xc3"), 1u);               // truncated
  EXPECT_EQ(utf8_error_offset("a\xc0\xaf"), 1u);           // overlong
  EXPECT_EQ(utf8_error_offset("ab\xed\xa0\x80"), 2u);      // surrogate
  EXPECT_EQ(utf8_error_offset("\xf4\x90\x80\x80"), 0u);    // above U+10FFFF
}

TEST(Path, JoinsPlainAndQuotedKeys) {
  EXPECT_EQ(ag::json::path_join("", "budgets"), "budgets");
  EXPECT_EQ(ag::json::path_join("budgets", "run"), "budgets.run");
  EXPECT_EQ(ag::json::path_join("pricing.models", "a.b"), "pricing.models[\"a.b\"]");
  EXPECT_EQ(ag::json::path_join("x", "line\nbreak"), "x[\"line\\u000abreak\"]");
  EXPECT_EQ(ag::json::path_join("x", ""), "x[\"\"]");
}

}  // namespace
