// Validators, SipHash and the JSON-escaped pattern rewrite.
#include <gtest/gtest.h>

#include <hs/hs.h>

#include "core/status.h"
#include "scrub/database.h"
#include "scrub/json_variant.h"
#include "scrub/siphash.h"
#include "scrub/validators.h"

namespace ag::scrub {
namespace {

TEST(Validators, Luhn) {
  EXPECT_TRUE(luhn_valid("4111111111111111"));
  EXPECT_TRUE(luhn_valid("4111 1111 1111 1111"));
  EXPECT_TRUE(luhn_valid("5500-0000-0000-0004"));
  EXPECT_FALSE(luhn_valid("4111111111111112"));
  EXPECT_FALSE(luhn_valid("0000000000000000"));  // all equal
  EXPECT_FALSE(luhn_valid("41111111111"));       // too short
  EXPECT_FALSE(luhn_valid("4111x11111111111"));
}

TEST(Validators, Iban) {
  EXPECT_TRUE(iban_valid("GB82WEST12345698765432"));
  EXPECT_TRUE(iban_valid("DE89 3704 0044 0532 0130 00"));
  EXPECT_FALSE(iban_valid("GB82WEST12345698765433"));
  EXPECT_FALSE(iban_valid("1234WEST12345698765432"));
}

TEST(Validators, Jwt) {
  EXPECT_TRUE(jwt_valid("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl"));
  EXPECT_TRUE(jwt_valid("eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0."));  // alg none: empty signature
  EXPECT_FALSE(jwt_valid("eyJ0eXAiOiJKV1QifQ.eyJzdWIiOiIxIn0.c2ln"));  // no "alg"
  EXPECT_FALSE(jwt_valid("abc.def"));
  EXPECT_FALSE(jwt_valid("eyJhbGciOiJIUzI1NiJ9.e$J.c2ln"));
}

TEST(Validators, EntropySsnIp) {
  EXPECT_LT(shannon_entropy("aaaaaaaaaaaaaaaa"), 0.01);
  EXPECT_NEAR(shannon_entropy("abcdefghijklmnop"), 4.0, 1e-9);
  EXPECT_TRUE(entropy_valid("Zq8kLp2wX9vB3nM7"));
  EXPECT_FALSE(entropy_valid("passwordpassword"));
  EXPECT_TRUE(ssn_valid("123-45-6789"));
  EXPECT_FALSE(ssn_valid("000-45-6789"));
  EXPECT_FALSE(ssn_valid("666-45-6789"));
  EXPECT_FALSE(ssn_valid("900-45-6789"));
  EXPECT_FALSE(ssn_valid("123-00-6789"));
  EXPECT_FALSE(ssn_valid("123-45-0000"));
  EXPECT_TRUE(ipv4_valid("192.168.0.1"));
  EXPECT_FALSE(ipv4_valid("256.1.1.1"));
  EXPECT_FALSE(ipv4_valid("01.2.3.4"));
  EXPECT_FALSE(ipv4_valid("1.2.3"));
  EXPECT_TRUE(ipv6_valid("2001:db8::1"));
  EXPECT_TRUE(ipv6_valid("fe80:0:0:0:202:b3ff:fe1e:8329"));
  EXPECT_TRUE(ipv6_valid("::ffff:192.0.2.128"));
  EXPECT_FALSE(ipv6_valid("2001:db8::1::2"));
  EXPECT_FALSE(ipv6_valid("12345::1"));
  EXPECT_FALSE(ipv6_valid("1:2:3:4:5:6:7"));
}

TEST(SipHash, ReferenceVector) {
  // SipHash-2-4, key 00..0f, message 00..0e: the published test value.
  SipKey key{0x0706050403020100ULL, 0x0f0e0d0c0b0a0908ULL};
  unsigned char msg[15];
  for (int i = 0; i < 15; ++i) msg[i] = static_cast<unsigned char>(i);
  EXPECT_EQ(siphash24(key, msg, sizeof msg), 0xa129ca6149be45e5ULL);
  EXPECT_EQ(siphash24(key, msg, 0), 0x726fdb47dd0e0e31ULL);
}

// True when `pattern` matches all of `text` (anchored both ends).
bool matches_whole(const std::string &pattern, const std::string &text) {
  std::string anchored = "^(?:" + pattern + ")$";
  hs_database_t *db = nullptr;
  hs_compile_error_t *err = nullptr;
  if (hs_compile(anchored.c_str(), 0, HS_MODE_BLOCK, nullptr, &db, &err) != HS_SUCCESS) {
    ADD_FAILURE() << err->message << " in " << anchored;
    hs_free_compile_error(err);
    return false;
  }
  hs_scratch_t *scratch = nullptr;
  hs_alloc_scratch(db, &scratch);
  bool hit = false;
  hs_scan(db, text.data(), static_cast<unsigned>(text.size()), 0, scratch,
          [](unsigned, unsigned long long, unsigned long long, unsigned, void *ctx) {
            *static_cast<bool *>(ctx) = true;
            return 0;
          },
          &hit);
  hs_free_scratch(scratch);
  hs_free_database(db);
  return hit;
}

TEST(JsonVariant, MatchesEscapedText) {
  EXPECT_EQ(json_escaped_variant("AKIA[0-9A-Z]{16}"), "AKIA[0-9A-Z]{16}");
  std::string url = json_escaped_variant("https://[a-z]{1,10}:[^@\\s]{1,20}@");
  EXPECT_TRUE(matches_whole(url, "https:\\/\\/bob:pw@"));
  EXPECT_TRUE(matches_whole(url, "https:\\u002F\\u002fbob:pw@"));
  EXPECT_TRUE(matches_whole(url, "https://bob:pw@"));
  std::string pem = json_escaped_variant("-----BEGIN KEY-----[A-Za-z0-9+/=\\s]{4,8}-----END KEY-----");
  EXPECT_TRUE(matches_whole(pem, "-----BEGIN KEY-----\\nAB+\\/CD\\n-----END KEY-----"));
  EXPECT_TRUE(matches_whole(pem, "-----BEGIN KEY-----\nAB+/CD\n-----END KEY-----"));
  std::string quoted = json_escaped_variant("password=\"[a-z]{3}\"");
  EXPECT_TRUE(matches_whole(quoted, "password=\\\"abc\\\""));
  std::string line = json_escaped_variant("key:\\s{0,2}[a-z]{3}\\n");
  EXPECT_TRUE(matches_whole(line, "key:\\n abc\\n"));
  EXPECT_EQ(json_escaped_variant("[^/\\s]{3}"), "[^/\\s]{3}");
  EXPECT_EQ(json_escaped_variant("\\Q/\\E"), "\\Q/\\E");
}

TEST(Database, CompileErrorsNameTheRule) {
  Rule bad;
  bad.id = "broken";
  bad.secret = "(unclosed";
  bad.max_len = 10;
  try {
    Database db({bad});
    FAIL() << "compiled";
  } catch (const Error &e) {
    EXPECT_EQ(e.status(), AG_E_SCRUB_COMPILE);
    EXPECT_NE(std::string(e.what()).find("scrub rule 'broken'"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(check_pattern("a{2,1}", 0).empty());
  EXPECT_TRUE(check_pattern("sk-[a-z]{3}", 0).empty());
}

}  // namespace
}  // namespace ag::scrub
