// The built-in rule table as data: shape, Hyperscan compilation, and every rule's own
// positive and negative examples.
#include <hs/hs.h>

#include <gtest/gtest.h>

#include <cctype>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "agentguard.h"
#include "scrub/json_variant.h"
#include "scrub/rule.h"
#include "scrub/validators.h"

namespace ag::scrub {
namespace {

struct DbFree {
  void operator()(hs_database_t *db) const { hs_free_database(db); }
};
struct ScratchFree {
  void operator()(hs_scratch_t *s) const { hs_free_scratch(s); }
};
using Db = std::unique_ptr<hs_database_t, DbFree>;
using Scratch = std::unique_ptr<hs_scratch_t, ScratchFree>;

unsigned hs_flags(const Rule &r, bool som = false) {
  unsigned f = 0;
  if (r.flags & kCaseless) f |= HS_FLAG_CASELESS;
  if (som) f |= HS_FLAG_SOM_LEFTMOST;
  return f;
}

std::string full_pattern(const Rule &r) { return r.prefix + r.secret + r.suffix; }

// Every byte that is not alphanumeric as \xHH, so the text is matched literally.
std::string escape_literal(const std::string &s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c)) {
      out += static_cast<char>(c);
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    }
  }
  return out;
}

// Compiles one pattern; on failure returns null and sets *error.
Db compile(const std::string &pattern, unsigned flags, std::string *error) {
  hs_database_t *db = nullptr;
  hs_compile_error_t *err = nullptr;
  if (hs_compile(pattern.c_str(), flags, HS_MODE_BLOCK, nullptr, &db, &err) != HS_SUCCESS) {
    *error = err && err->message ? err->message : "unknown error";
    hs_free_compile_error(err);
    return nullptr;
  }
  return Db(db);
}

struct Span {
  unsigned id;
  unsigned long long from, to;
};

std::vector<Span> scan(const hs_database_t *db, const std::string &text) {
  hs_scratch_t *raw = nullptr;
  EXPECT_EQ(hs_alloc_scratch(db, &raw), HS_SUCCESS);
  Scratch scratch(raw);
  std::vector<Span> hits;
  auto on_match = [](unsigned id, unsigned long long from, unsigned long long to, unsigned,
                     void *ctx) -> int {
    static_cast<std::vector<Span> *>(ctx)->push_back({id, from, to});
    return 0;
  };
  EXPECT_EQ(hs_scan(db, text.data(), static_cast<unsigned>(text.size()), 0, scratch.get(),
                    on_match, &hits),
            HS_SUCCESS);
  return hits;
}

bool kebab_case(const std::string &id) {
  if (id.empty() || id.front() == '-' || id.back() == '-') return false;
  for (size_t i = 0; i < id.size(); ++i) {
    char c = id[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || (c == '-' && id[i + 1] == '-')) return false;
  }
  return true;
}

TEST(BuiltinRules, ShapeIsValid) {
  const auto &rules = builtin_rules();
  EXPECT_GE(rules.size(), 150u);
  std::set<std::string> ids;
  std::set<Family> families;
  for (const Rule &r : rules) {
    SCOPED_TRACE(r.id);
    EXPECT_TRUE(kebab_case(r.id));
    EXPECT_TRUE(ids.insert(r.id).second) << "duplicate id";
    families.insert(r.family);
    EXPECT_GT(r.max_len, 0u);
    EXPECT_FALSE(r.secret.empty());
    EXPECT_FALSE(r.positives.empty());
    EXPECT_FALSE(r.negatives.empty());
    if (!r.mask_prefix.empty()) {
      for (const Example &e : r.positives) EXPECT_EQ(e.secret.rfind(r.mask_prefix, 0), 0u);
    }
  }
  for (Family f : {Family::kCloud, Family::kAi, Family::kVcs, Family::kPayments,
                   Family::kMessaging, Family::kDatabase, Family::kCryptoKey, Family::kPii,
                   Family::kGeneric}) {
    EXPECT_TRUE(families.count(f)) << family_name(f);
  }
}

TEST(BuiltinRules, NamesAreStable) {
  EXPECT_STREQ(family_name(Family::kCryptoKey), "crypto-key");
  EXPECT_STREQ(confidence_name(Confidence::kHigh), "high");
  EXPECT_EQ(&builtin_rules(), &builtin_rules());
}

Db compile_all(const std::vector<Rule> &rules, std::string *error) {
  std::vector<std::string> patterns;
  std::vector<const char *> exprs;
  std::vector<unsigned> flags, ids;
  for (const Rule &r : rules) patterns.push_back(full_pattern(r));
  for (size_t i = 0; i < rules.size(); ++i) {
    exprs.push_back(patterns[i].c_str());
    flags.push_back(hs_flags(rules[i]));
    ids.push_back(static_cast<unsigned>(i));
  }
  hs_database_t *db = nullptr;
  hs_compile_error_t *err = nullptr;
  if (hs_compile_multi(exprs.data(), flags.data(), ids.data(),
                       static_cast<unsigned>(exprs.size()), HS_MODE_BLOCK, nullptr, &db,
                       &err) != HS_SUCCESS) {
    *error = err ? rules[static_cast<size_t>(err->expression < 0 ? 0 : err->expression)].id +
                       ": " + err->message
                 : "unknown error";
    hs_free_compile_error(err);
    return nullptr;
  }
  return Db(db);
}

TEST(BuiltinRules, CompileTogetherWithoutSom) {
  std::string error;
  EXPECT_TRUE(compile_all(builtin_rules(), &error)) << error;
}

// Hyperscan-level check of each example: the example secret is exactly one `secret`
// match, and prefix . secret . suffix with that literal secret matches the text (so the
// whole rule matches it) within max_len bytes.
TEST(BuiltinRules, PositivesMatchTheirRule) {
  for (const Rule &r : builtin_rules()) {
    SCOPED_TRACE(r.id);
    std::string error;
    Db secret = compile("^(?:" + r.secret + ")$", hs_flags(r), &error);
    ASSERT_TRUE(secret) << error;
    for (const Example &e : r.positives) {
      SCOPED_TRACE(e.text);
      EXPECT_NE(e.text.find(e.secret), std::string::npos);
      EXPECT_FALSE(scan(secret.get(), e.secret).empty()) << "secret is not a secret match";
      Db pinned = compile(r.prefix + escape_literal(e.secret) + r.suffix, hs_flags(r), &error);
      ASSERT_TRUE(pinned) << error;
      // A rule with a trigger is confirmed as if a newline preceded the data.
      const std::string text = r.trigger.empty() ? e.text : "\n" + e.text;
      auto hits = scan(pinned.get(), text);
      ASSERT_FALSE(hits.empty()) << "secret does not sit between prefix and suffix";
      // Some match of at most max_len bytes ends where the first one ends.
      size_t end = static_cast<size_t>(hits.front().to);
      size_t begin = end > r.max_len ? end - r.max_len : 0;
      bool fits = false;
      for (const Span &h : scan(pinned.get(), text.substr(begin, end - begin))) {
        fits = fits || h.to == end - begin;
      }
      EXPECT_TRUE(fits) << "match longer than max_len " << r.max_len;
    }
  }
}

// A rule's trigger (the candidate scan's pattern) ends wherever its whole pattern ends, on
// every rule's examples, raw and JSON-escaped; otherwise the trigger would lose findings.
// It also fires on the whole match alone (with the byte before it and the rest of the text
// after it): a part of the input scanned on its own (EngineScrub::scrub_parts) starts
// before the window of every match it keeps, but may start after an earlier, longer
// trigger match.
TEST(BuiltinRules, TriggersFireWhereverTheWholePatternMatches) {
  std::vector<std::string> texts;
  for (const Rule &r : builtin_rules()) {
    for (const Example &e : r.positives) texts.push_back(e.text);
    for (const std::string &n : r.negatives) texts.push_back(n);
  }
  for (size_t i = 0, n = texts.size(); i < n; ++i) texts.push_back("\n" + texts[i]);
  int triggers = 0;
  for (const Rule &r : builtin_rules()) {
    if (r.trigger.empty()) continue;
    ++triggers;
    SCOPED_TRACE(r.id);
    for (bool escaped : {false, true}) {
      auto form = [&](const std::string &p) { return escaped ? json_escaped_variant(p) : p; };
      std::string error;
      Db whole = compile("(?:" + form(r.prefix) + ")(?:" + form(r.secret) + ")(?:" + form(r.suffix) + ")",
                         hs_flags(r), &error);
      ASSERT_TRUE(whole) << error;
      Db trigger = compile(form(r.trigger), hs_flags(r), &error);
      ASSERT_TRUE(trigger) << error;
      for (const std::string &text : texts) {
        std::set<unsigned long long> ends;
        for (const Span &h : scan(trigger.get(), text)) ends.insert(h.to);
        for (const Span &h : scan(whole.get(), text)) {
          EXPECT_TRUE(ends.count(h.to)) << "escaped=" << escaped << " the trigger misses the match ending at "
                                        << h.to << " in: " << text;
          // The shortest match ending there: the latest start from which the text has it.
          size_t from = h.to;
          for (bool found = false; !found && from > 0;) {
            --from;
            for (const Span &w : scan(whole.get(), text.substr(from))) found |= w.to + from == h.to;
          }
          bool alone = false;
          for (const Span &t : scan(trigger.get(), text.substr(from))) alone |= t.to + from == h.to;
          EXPECT_TRUE(alone) << "escaped=" << escaped << " the trigger needs bytes before the match ["
                             << from << ", " << h.to << ") in: " << text;
        }
      }
    }
  }
  EXPECT_GT(triggers, 0);
}

// No rule without a validator fires on any rule's negative example. (A rule with a
// validator may match a negative that its validator then rejects; the engine test below
// covers those.)
TEST(BuiltinRules, NegativesMatchNoUnvalidatedRule) {
  const auto &rules = builtin_rules();
  std::string error;
  Db all = compile_all(rules, &error);
  ASSERT_TRUE(all) << error;
  for (const Rule &owner : rules) {
    for (const std::string &neg : owner.negatives) {
      for (const Span &hit : scan(all.get(), neg)) {
        const Rule &r = rules[hit.id];
        // Identifier rules redact hosts and names that other rules' negatives may hold.
        if ((r.flags & kIdentifier) && !(owner.flags & kIdentifier)) continue;
        EXPECT_NE(r.validator, Validator::kNone)
            << r.id << " fires on a negative of " << owner.id << ": " << neg;
      }
    }
  }
}

// Scrubs `in` with `engine` through the C API.
std::string scrub_with(ag_engine *engine, const std::string &in) {
  size_t cap = 0;
  EXPECT_EQ(ag_scrub_bound(engine, nullptr, in.size(), &cap), AG_OK);
  std::string out(cap, '\0');
  size_t len = 0;
  EXPECT_EQ(ag_scrub(engine, nullptr, in.data(), in.size(), out.data(), out.size(), &len, nullptr), AG_OK);
  out.resize(len);
  return out;
}

// An engine with the default rules and every default-off rule whose flags have all of
// `with` (0: every one) and none of `without`; with scrub.identifiers when `identifiers`.
ag_engine *engine_enabling(uint32_t with, uint32_t without, bool identifiers) {
  std::string policy = R"({"version": 1, "scrub": {"identifiers": )";
  policy += identifiers ? "true" : "false";
  policy += R"(, "enable": [)";
  bool first = true;
  for (const Rule &r : builtin_rules()) {
    if (!(r.flags & kDefaultOff) || (r.flags & with) != with || (r.flags & without)) continue;
    policy += (first ? "\"" : ", \"") + r.id + "\"";
    first = false;
  }
  policy += "]}}";
  ag_engine *engine = nullptr;
  char err[512] = "";
  EXPECT_EQ(ag_engine_new(policy.data(), policy.size(), &engine, err, sizeof err), AG_OK) << err;
  return engine;
}

// The real engine, through the C API: one engine with every built-in rule switched on
// (default-off ones enabled) but the identifier rules, shared by the tests below because
// compiling the full rule set is the expensive part, redacts each positive's secret and
// leaves each negative alone. Identifier rules are checked the same way by an engine with
// scrub.identifiers on (IdentifierExamples): they redact host and user names that other
// rules' negatives are free to hold.
class EngineExamples : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { engine_ = engine_enabling(0, kIdentifier, false); }
  static void TearDownTestSuite() {
    ag_engine_free(engine_);
    engine_ = nullptr;
  }
  static std::string scrub(const std::string &in) { return scrub_with(engine_, in); }
  static ag_engine *engine_;
};

ag_engine *EngineExamples::engine_ = nullptr;

TEST_F(EngineExamples, PositivesAreRedacted) {
  for (const Rule &r : builtin_rules()) {
    if (r.flags & kIdentifier) continue;
    for (const Example &e : r.positives) {
      std::string out = scrub(e.text);
      EXPECT_EQ(out.find(e.secret), std::string::npos)
          << r.id << ": secret survives in \"" << out << "\"";
    }
  }
}

TEST_F(EngineExamples, NegativesAreUnchanged) {
  for (const Rule &r : builtin_rules()) {
    if (r.flags & kIdentifier) continue;
    for (const std::string &neg : r.negatives) {
      EXPECT_EQ(scrub(neg), neg) << r.id;
    }
  }
}

// scrub.identifiers turns on every identifier rule (and nothing else that is off by
// default); each redacts its positives and leaves its negatives alone with all of them on.
TEST(IdentifierExamples, ScrubIdentifiersTurnsThemOn) {
  ag_engine *on = engine_enabling(kIdentifier, 0, true);
  ag_engine *off = nullptr;  // the default rules
  ASSERT_NE(on, nullptr);
  ASSERT_EQ(ag_engine_new(nullptr, 0, &off, nullptr, 0), AG_OK);
  size_t identifiers = 0;
  for (const Rule &r : builtin_rules()) {
    if (!(r.flags & kIdentifier)) continue;
    ++identifiers;
    EXPECT_TRUE(r.flags & kDefaultOff) << r.id;
    EXPECT_EQ(r.confidence, Confidence::kLow) << r.id;
    for (const Example &e : r.positives) {
      std::string out = scrub_with(on, e.text);
      EXPECT_EQ(out.find(e.secret), std::string::npos) << r.id << ": identifier survives in \"" << out << "\"";
      EXPECT_NE(out.find("[REDACTED:" + r.id + "]"), std::string::npos) << r.id << ": " << out;
      EXPECT_NE(scrub_with(off, e.text).find(e.secret), std::string::npos) << r.id << " is on by default";
    }
    for (const std::string &neg : r.negatives) EXPECT_EQ(scrub_with(on, neg), neg) << r.id;
  }
  EXPECT_GE(identifiers, 15u);
  ag_engine_free(on);
  ag_engine_free(off);
}

// A password inside a URI is the URI rule's finding, and the user name beside it is
// uri-username's; the host, port and database stay readable (the e-mail rule must not take
// `pw@host`), and so does a user name without a password.
TEST_F(EngineExamples, UriPasswordKeepsTheHost) {
  const struct {
    const char *in, *out;
  } cases[] = {
      {"DATABASE_URL=postgres://orders_rw:Vq7tLp2nXc@orders-db.cluster-ro.eu-west-1.rds.amazonaws.com:5432/orders",
       "DATABASE_URL=postgres://[REDACTED:uri-username]:[REDACTED:postgres-uri-password]@orders-db.cluster-ro.eu-west-1.rds.amazonaws.com:5432/orders"},
      {"uri: \"mongodb+srv://reportingService:k9Rt%40nWq2z@cluster7.abcde.mongodb.net/?retryWrites=true\"",
       "uri: \"mongodb+srv://[REDACTED:uri-username]:[REDACTED:mongodb-uri-password]@cluster7.abcde.mongodb.net/?retryWrites=true\""},
      {"mongodb://internalReporting:Wq2zK9Rt@rs1.example.net:27017,rs2.example.net:27017/?replicaSet=rs0",
       "mongodb://[REDACTED:uri-username]:[REDACTED:mongodb-uri-password]@rs1.example.net:27017,rs2.example.net:27017/?replicaSet=rs0"},
      {"{\"url\": \"mysql://root:Hn3tRq9Lm@db.example.org/shop\"}",
       "{\"url\": \"mysql://[REDACTED:uri-username]:[REDACTED:mysql-uri-password]@db.example.org/shop\"}"},
      {"amqps://worker:Tz5mKq8Wd@broker.example.org/vhost",
       "amqps://[REDACTED:uri-username]:[REDACTED:amqp-uri-password]@broker.example.org/vhost"},
      {"mongodb+srv://etl:Kp7@Vw2nQ@cluster7.abcde.mongodb.net/db",
       "mongodb+srv://[REDACTED:uri-username]:[REDACTED:mongodb-uri-password]@cluster7.abcde.mongodb.net/db"},
      {"postgres://app@db.internal:5432/orders", "postgres://app@db.internal:5432/orders"},
      {"contact ops.oncall@example.org or mailto:dba@example.org",
       "contact [REDACTED:email-address] or mailto:[REDACTED:email-address]"},
  };
  for (const auto &c : cases) EXPECT_EQ(scrub(c.in), c.out);
}

// The entropy gate rejects typed-in placeholders that still have a spread of bytes, and keeps
// generated values.
TEST(EntropyGate, RejectsMadeUpRunsKeepsRandomValues) {
  for (const char *made_up : {"OOzkR1+hF+1ABCsIFDJMEUtqmtnZ1234567890", "px-api-a1b2c3d4-e5f6-g7h8-i8j0-k0l3m3n4o0p5",
                              "00Qx7Lm-Tr2c-ABCDEFGHIJKL-9pVw-Hs3k-Ye5nZa", "Zk3qW9xL0000000vT2mR8pN4", "zyxwvutKq93Lm2Xc8Rt"}) {
    EXPECT_FALSE(entropy_valid(made_up)) << made_up;
  }
  for (const char *random : {"f355f223400490ab991edd20a166adb7", "zUedioOftc3aCeShC8ZQeRHcMZzbuwHhO9Um58My",
                             "5d906347def4ed80404dadc5a6302773eab04880", "3jkyyXlnayBVVf21lrWHMGD2nAhmxSTj"}) {
    EXPECT_TRUE(entropy_valid(random)) << random;
  }
}

// docs/rules.md lists every rule id, so the table there cannot fall behind the code.
TEST(BuiltinRules, DocumentedInRulesMd) {
  std::ifstream f(std::string(AG_SOURCE_DIR) + "/docs/rules.md");
  ASSERT_TRUE(f) << "docs/rules.md missing";
  std::stringstream doc;
  doc << f.rdbuf();
  for (const Rule &r : builtin_rules()) {
    EXPECT_NE(doc.str().find("`" + r.id + "`"), std::string::npos) << r.id << " not in docs/rules.md";
  }
}

}  // namespace
}  // namespace ag::scrub
