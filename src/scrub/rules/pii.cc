// Personal data: email addresses, phone numbers, US social security numbers, payment card
// numbers (Luhn-checked), IBANs (mod-97-checked) and IP addresses (off by default). Every
// rule carries kPii, so a policy with scrub.pii = false turns the family off.
#include "scrub/rules/fragments.h"
#include "scrub/rules/tables.h"

#include <string>

namespace ag::scrub {

using namespace frag;

namespace {

Rule pii(const char *id, Confidence confidence, const char *prefix, const char *secret,
         const char *suffix, uint32_t max_len, Validator validator,
         std::vector<Example> positives, std::vector<std::string> negatives) {
  Rule r = rule(id, Family::kPii, confidence, prefix, secret, suffix, max_len, std::move(positives),
                std::move(negatives));
  r.validator = validator;
  r.flags = kPii;
  return r;
}

constexpr const char *kEndDigit = "(?:[^0-9]|$)";
constexpr const char *kEndCard = "(?:[^0-9\\-]|$)";

// What may stand before an e-mail address: a byte that cannot be in one (and is not the ':'
// or '/' of a URI's user info), or a word and a colon after such a byte ("mailto:",
// "Reply-To:"). So the `password@host` of scheme://user:password@host is not an address: the
// URI rules redact the password and keep the host. The rule has a trigger, so the start of
// the data counts as such a byte (it reads as a newline when a candidate is confirmed).
// \s and '"' stay outside the bracket: in the JSON-escaped variant a class holding them also
// takes the bytes of their escapes (n, r, t, u, ...), and a letter would then pass for the
// byte before "word:".
constexpr const char *kEmailBefore =
    R"re((?:[^A-Za-z0-9._%+\-:/@]|(?:\s|"|[<>'(\[{,;|=])[A-Za-z][A-Za-z0-9_\-]{0,31}:))re";

constexpr const char *kEmailAddress =
    "[A-Za-z0-9._%+\\-]{1,64}@[A-Za-z0-9\\-]{1,63}(?:\\.[A-Za-z0-9\\-]{1,63}){0,8}\\.[A-Za-z]{2,24}";
constexpr const char *kEmailAfter = "(?:[^A-Za-z0-9\\-]|$)";

void add_contact(std::vector<Rule> &out) {
  out.push_back(pii("email-address", Confidence::kHigh, kEmailBefore, kEmailAddress, kEmailAfter,
                    34 + 64 + 1 + 253 + 1, Validator::kNone,
                    {{"Contact: jane.doe+billing@mail.example-corp.com.", "jane.doe+billing@mail.example-corp.com"},
                     {"\"email\": \"j.smith@example.org\"", "j.smith@example.org"},
                     {"ann.lee@example.org is on call", "ann.lee@example.org"},
                     {"<a href=\"mailto:r.okafor@example.net\">mail</a>", "r.okafor@example.net"},
                     {"Reply-To:billing-team@example.co.uk", "billing-team@example.co.uk"},
                     {"owners=(dev.lead@example.com,qa.lead@example.com)", "qa.lead@example.com"}},
                    {"npm install lodash@4.17.21", "user@localhost", "@Override public void run()",
                     "image@sha256:abcdef", "git clone ssh://git@git.example.com/acme/app.git",
                     "svn co svn+ssh://builder@svn.example.org/trunk"}));
  // The left-boundary prefix makes the address's bounded repeat expensive to scan for; the
  // candidate scan looks for the address alone and confirmation checks the boundary.
  out.back().trigger = std::string(kEmailAddress) + kEmailAfter;
  out.push_back(pii("phone-number-nanp", Confidence::kMedium, "",
                    "(?:\\+1[ .\\-]?)?(?:\\([2-9][0-9]{2}\\) ?|\\b[2-9][0-9]{2}[ .\\-])[2-9][0-9]{2}[ .\\-][0-9]{4}",
                    kEndDigit, 20, Validator::kNone,
                    {{"Call me at (415) 555-0142 tomorrow", "(415) 555-0142"},
                     {"phone: +1 212.555.0199", "+1 212.555.0199"},
                     {"cell 646-555-0123", "646-555-0123"}},
                    {"build 2024-01-15", "version 1.2.3", "ticket 12-345-6789", "at 10:30:45", "4155550142"}));
  out.back().flags |= kDigitRun;
  out.push_back(pii("phone-number-e164", Confidence::kMedium, "", "\\+[1-9][0-9]{7,14}", kEndDigit, 17,
                    Validator::kNone, {{"to: +447700900123", "+447700900123"}, {"\"phone\":\"+14155550142\"", "+14155550142"}},
                    {"+12", "x+1234567", "1+1=2"}));
  out.push_back(pii("phone-number-international", Confidence::kMedium, "",
                    "\\+[1-9][0-9]{0,2}[\\s.\\-][0-9]{1,4}(?:[\\s.\\-][0-9]{2,4}){2,4}", kEndDigit, 28,
                    Validator::kNone, {{"Tel. +44 20 7946 0958", "+44 20 7946 0958"}, {"+49 30 1234 5678", "+49 30 1234 5678"}},
                    {"+1 2", "score +3 4"}));
}

void add_government(std::vector<Rule> &out) {
  out.push_back(pii("us-ssn", Confidence::kHigh, "\\b", "[0-9]{3}-[0-9]{2}-[0-9]{4}", "(?:[^0-9\\-]|$)", 12,
                    Validator::kSsn, {{"SSN: 536-22-1234", "536-22-1234"}, {"ssn=212-67-4455;", "212-67-4455"}},
                    {"000-12-3456", "666-12-3456", "912-34-5678", "536-00-1234", "536-22-0000", "2024-01-15"}));
  out.back().flags |= kDigitRun;
  Rule ssn = pii("us-ssn-named", Confidence::kMedium, "", "[0-9]{9}", kEndDigit, 80 + 10, Validator::kSsn,
                   {{"SSN: 536221234", "536221234"}, {"social_security_number=212674455", "212674455"}},
                   {"ssn: 000221234", "ssn: 666221234"});
  ssn.prefix = named("ssn|social[_\\- ]?security(?:[_\\- ]?(?:number|no))?");
  ssn.flags |= kCaseless;
  out.push_back(std::move(ssn));
}

// Card numbers: 4-digit groups with optional blank or dash separators; the Luhn validator
// rejects the look-alikes (order numbers, timestamps) that fit the shape.
void add_cards(std::vector<Rule> &out) {
  const auto card = [&](const char *id, const char *secret, uint32_t max, Example pos, const char *bad) {
    out.push_back(pii(id, Confidence::kHigh, "\\b", secret, kEndCard, max + 1, Validator::kLuhn, {std::move(pos)},
                      {bad}));
    out.back().flags |= kDigitRun;
  };
  card("card-visa", "4[0-9]{3}(?:[ \\-]?[0-9]{4}){3}(?:[0-9]{3})?", 22,
       {"card: 4539 1488 0343 6467 exp 12/29", "4539 1488 0343 6467"}, "4539 1488 0343 6468");
  card("card-mastercard", "(?:5[1-5][0-9]{2}|2(?:2[2-9][0-9]|[3-6][0-9]{2}|7[01][0-9]|720))(?:[ \\-]?[0-9]{4}){3}", 19,
       {"pan=5425233430109903", "5425233430109903"}, "5425233430109904");
  card("card-amex", "3[47][0-9]{2}[ \\-]?[0-9]{6}[ \\-]?[0-9]{5}", 17,
       {"Amex 3714-496353-98431 on file", "3714-496353-98431"}, "3714-496353-98432");
  card("card-discover", "6(?:011|5[0-9]{2}|4[4-9][0-9])(?:[ \\-]?[0-9]{4}){3}", 19,
       {"discover: 6011 1111 1111 1117", "6011 1111 1111 1117"}, "6011 1111 1111 1118");
  card("card-jcb", "35(?:2[89]|[3-8][0-9])(?:[ \\-]?[0-9]{4}){3}", 19,
       {"jcb 3530111333300000", "3530111333300000"}, "3530111333300001");
  card("card-diners", "3(?:0[0-5]|[68][0-9])[0-9][ \\-]?[0-9]{6}[ \\-]?[0-9]{4}", 16,
       {"diners 3056 930902 5904", "3056 930902 5904"}, "3056 930902 5905");
  card("card-unionpay", "62[0-9]{2}(?:[ \\-]?[0-9]{4}){3}(?:[0-9]{1,3})?", 22,
       {"unionpay 6200000000000005", "6200000000000005"}, "6200000000000006");
}

// IBAN: country code, 2 check digits, then the country's BBAN length, printed compact or
// in groups of four; the mod-97 validator confirms.
std::string iban_pattern(const char *country, int bban_len) {
  std::string p = std::string(country) + "[0-9]{2}";
  int groups = bban_len / 4, rest = bban_len % 4;
  p += "(?: ?[A-Z0-9]{4}){" + std::to_string(groups) + "}";
  if (rest) p += " ?[A-Z0-9]{" + std::to_string(rest) + "}";
  return p;
}

void add_ibans(std::vector<Rule> &out) {
  struct Country {
    const char *id, *code;
    int bban;
    const char *example;
  };
  static const Country kCountries[] = {
      {"iban-de", "DE", 18, "DE89 3704 0044 0532 0130 00"}, {"iban-gb", "GB", 18, "GB29NWBK60161331926819"},
      {"iban-fr", "FR", 23, "FR14 2004 1010 0505 0001 3M02 606"}, {"iban-es", "ES", 20, "ES91 2100 0418 4502 0005 1332"},
      {"iban-it", "IT", 23, "IT60 X054 2811 1010 0000 0123 456"}, {"iban-nl", "NL", 14, "NL91ABNA0417164300"},
      {"iban-ch", "CH", 17, "CH93 0076 2011 6238 5295 7"},     {"iban-be", "BE", 12, "BE68 5390 0754 7034"},
  };
  for (const Country &c : kCountries) {
    std::string secret = iban_pattern(c.code, c.bban);
    Rule r = pii(c.id, Confidence::kHigh, "\\b", "", "(?:[^A-Za-z0-9]|$)", 4 + c.bban + c.bban / 4 + 2,
                 Validator::kIbanMod97, {{std::string("IBAN: ") + c.example + ".", c.example}},
                 {std::string(c.code) + "00 0000"});
    r.secret = secret;
    out.push_back(std::move(r));
  }
}

void add_network(std::vector<Rule> &out) {
  Rule v4 = pii("ipv4-address", Confidence::kLow, "\\b", "(?:[0-9]{1,3}\\.){3}[0-9]{1,3}", "(?:[^0-9.]|\\.[^0-9]|\\.?$)", 17,
                Validator::kIpv4, {{"client 203.0.113.42 connected", "203.0.113.42"}},
                {"version 1.2.3", "999.1.1.1 is not an address"});
  v4.flags |= kDefaultOff;
  out.push_back(std::move(v4));
  Rule v6 = pii("ipv6-address", Confidence::kLow, "\\b",
                "[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{0,4}){2,7}", "(?:[^0-9A-Fa-f:]|$)", 40, Validator::kIpv6,
                {{"peer [2001:db8:85a3::8a2e:370:7334]:443", "2001:db8:85a3::8a2e:370:7334"}},
                {"at 10:30:45 UTC", "std::vector"});
  v6.flags |= kDefaultOff;
  out.push_back(std::move(v6));
}

}  // namespace

void add_pii_rules(std::vector<Rule> &out) {
  add_contact(out);
  add_government(out);
  add_cards(out);
  add_ibans(out);
  add_network(out);
}

}  // namespace ag::scrub
