// The policy document: every key, and every kind of bad input with its path.
#include <gtest/gtest.h>

#include <string>

#include "core/status.h"
#include "policy/policy.h"

namespace {

constexpr std::string_view kFull = R"({
  "version": 1,
  "budgets": {
    "run": {"usd": 2.0, "tokens": 50000, "turns": 20, "tool_calls": 100,
            "deadline_ms": 120000, "step_timeout_ms": 30000},
    "user": {"day": {"usd": 5}, "month": {"usd": 50, "tokens": 1000000}, "hour": {"tokens": 1000}},
    "tenant": {"usd": 1000, "tokens": 5},
    "global": {"total": {"usd": 0.075}},
    "reservation_ttl_ms": 60000
  },
  "pricing": {
    "file": "prices.json",
    "models": {
      "acme-large": {"input_mtok": 1, "output_mtok": 4, "cache_read_mtok": 0.1,
                     "cache_write_mtok": 1.25, "cache_write_1h_mtok": 2, "reasoning_mtok": 5,
                     "tier_threshold_tokens": 200000, "input_above_mtok": 2,
                     "output_above_mtok": 8, "cache_read_above_mtok": 0.2,
                     "cache_write_above_mtok": 2.5},
      "acme-small": {"input_mtok": 0.075, "output_mtok": 0.3}
    },
    "default": {"input_mtok": 10, "output_mtok": 30}
  },
  "scrub": {"rules": "none", "disable": ["aws-access-key-id"], "enable": ["ipv4", "ipv6"],
            "custom": [{"id": "acme-token", "pattern": "acme_[a-z0-9]{32}", "max_len": 37,
                        "family": "ai", "confidence": "high", "validator": "entropy"}],
            "style": "hash", "pii": false, "identifiers": true, "hash_key": "k3y"},
  "tokenizers": {"dir": "tok"},
  "store": "memory"
})";

TEST(Policy, ReadsEveryKey) {
  ag::Policy p = ag::parse_policy(kFull, "/etc/agentguard");
  EXPECT_EQ(p.version, 1);
  const ag::RunLimits &run = p.budgets.run;
  EXPECT_EQ(run.usd_nusd, 2'000'000'000);
  EXPECT_EQ(run.tokens, 50000);
  EXPECT_EQ(run.turns, 20);
  EXPECT_EQ(run.tool_calls, 100);
  EXPECT_EQ(run.deadline_ms, 120000);
  EXPECT_EQ(run.step_timeout_ms, 30000);
  EXPECT_EQ(p.budgets.user.window[AG_WINDOW_DAY].usd_nusd, 5'000'000'000);
  EXPECT_EQ(p.budgets.user.window[AG_WINDOW_DAY].tokens, -1);
  EXPECT_EQ(p.budgets.user.window[AG_WINDOW_MONTH].usd_nusd, 50'000'000'000);
  EXPECT_EQ(p.budgets.user.window[AG_WINDOW_MONTH].tokens, 1'000'000);
  EXPECT_EQ(p.budgets.user.window[AG_WINDOW_HOUR].tokens, 1000);
  EXPECT_FALSE(p.budgets.user.window[AG_WINDOW_TOTAL].any());
  EXPECT_EQ(p.budgets.tenant.window[AG_WINDOW_TOTAL].usd_nusd, 1'000'000'000'000);
  EXPECT_EQ(p.budgets.tenant.window[AG_WINDOW_TOTAL].tokens, 5);
  EXPECT_EQ(p.budgets.global.window[AG_WINDOW_TOTAL].usd_nusd, 75'000'000);
  EXPECT_EQ(p.budgets.reservation_ttl_ms, 60000);

  EXPECT_EQ(p.pricing.file, "/etc/agentguard/prices.json");
  ASSERT_EQ(p.pricing.models.size(), 2u);
  EXPECT_EQ(p.pricing.models[0].first, "acme-large");
  const ag::ModelPrice &m = p.pricing.models[0].second;
  EXPECT_EQ(m.input, 1'000'000'000);
  EXPECT_EQ(m.output, 4'000'000'000);
  EXPECT_EQ(m.cache_read, 100'000'000);
  EXPECT_EQ(m.cache_write_5m, 1'250'000'000);
  EXPECT_EQ(m.cache_write_1h, 2'000'000'000);
  EXPECT_EQ(m.reasoning, 5'000'000'000);
  EXPECT_EQ(m.tier_threshold, 200000u);
  EXPECT_EQ(m.input_above, 2'000'000'000);
  EXPECT_EQ(m.output_above, 8'000'000'000);
  EXPECT_EQ(m.cache_read_above, 200'000'000);
  EXPECT_EQ(m.cache_write_above, 2'500'000'000);
  EXPECT_EQ(p.pricing.models[1].second.input, 75'000'000);  // exact, no float
  ASSERT_TRUE(p.pricing.default_price.has_value());
  EXPECT_EQ(p.pricing.default_price->output, 30'000'000'000);

  EXPECT_EQ(p.scrub.rules, "none");
  EXPECT_EQ(p.scrub.disable, std::vector<std::string>{"aws-access-key-id"});
  EXPECT_EQ(p.scrub.enable, (std::vector<std::string>{"ipv4", "ipv6"}));
  ASSERT_EQ(p.scrub.custom.size(), 1u);
  EXPECT_EQ(p.scrub.custom[0].id, "acme-token");
  EXPECT_EQ(p.scrub.custom[0].pattern, "acme_[a-z0-9]{32}");
  EXPECT_EQ(p.scrub.custom[0].max_len, 37u);
  EXPECT_EQ(p.scrub.custom[0].family, "ai");
  EXPECT_EQ(p.scrub.custom[0].confidence, "high");
  EXPECT_EQ(p.scrub.custom[0].validator, "entropy");
  EXPECT_EQ(p.scrub.style, "hash");
  EXPECT_FALSE(p.scrub.pii);
  EXPECT_TRUE(p.scrub.identifiers);
  EXPECT_EQ(p.scrub.hash_key, "k3y");
  EXPECT_EQ(p.tokenizers_dir, "/etc/agentguard/tok");
  EXPECT_EQ(p.store, "memory");
}

TEST(Policy, DefaultsForAnEmptyObject) {
  ag::Policy p = ag::parse_policy("{}");
  EXPECT_EQ(p.budgets.run.usd_nusd, -1);
  EXPECT_EQ(p.budgets.reservation_ttl_ms, 600000);
  EXPECT_FALSE(p.budgets.user.window[AG_WINDOW_DAY].any());
  EXPECT_TRUE(p.pricing.file.empty());
  EXPECT_EQ(p.scrub.rules, "default");
  EXPECT_EQ(p.scrub.style, "label");
  EXPECT_TRUE(p.scrub.pii);
  EXPECT_FALSE(p.scrub.identifiers);
  EXPECT_EQ(p.store, "memory");
}

TEST(Policy, PathsStayAsGivenWithoutABaseDir) {
  ag::Policy p = ag::parse_policy(R"({"pricing": {"file": "p.json"}, "tokenizers": {"dir": "/abs"}})");
  EXPECT_EQ(p.pricing.file, "p.json");
  EXPECT_EQ(p.tokenizers_dir, "/abs");
}

TEST(Policy, ExactDecimals) {
  auto usd = [](std::string_view number) {
    std::string doc = R"({"budgets": {"run": {"usd": )" + std::string(number) + "}}}";
    return ag::parse_policy(doc).budgets.run.usd_nusd;
  };
  EXPECT_EQ(usd("0.075"), 75'000'000);
  EXPECT_EQ(usd("0.1"), 100'000'000);
  EXPECT_EQ(usd("0.3"), 300'000'000);
  EXPECT_EQ(usd("1e-9"), 1);
  EXPECT_EQ(usd("1.5e3"), 1'500'000'000'000);
  EXPECT_EQ(usd("1000000000"), 1'000'000'000'000'000'000);
  EXPECT_EQ(usd("0"), 0);
  EXPECT_EQ(usd("null"), -1);  // null: no limit
}

// Parses doc expecting failure with `status`; returns the message.
std::string error_of(std::string_view doc, ag_status status = AG_E_POLICY) {
  try {
    ag::parse_policy(doc);
  } catch (const ag::Error &e) {
    EXPECT_EQ(e.status(), status) << e.what();
    return e.what();
  }
  ADD_FAILURE() << "accepted: " << doc;
  return "";
}

TEST(PolicyErrors, UnknownKeysAtEveryLevel) {
  EXPECT_EQ(error_of(R"({"budget": {}})"), "budget: unknown key");
  EXPECT_EQ(error_of(R"({"budgets": {"runs": {}}})"), "budgets.runs: unknown key");
  EXPECT_EQ(error_of(R"({"budgets": {"run": {"dollars": 1}}})"), "budgets.run.dollars: unknown key");
  EXPECT_EQ(error_of(R"({"budgets": {"user": {"week": {"usd": 1}}}})"), "budgets.user.week: unknown key");
  EXPECT_EQ(error_of(R"({"budgets": {"tenant": {"day": {"eur": 1}}}})"),
            "budgets.tenant.day.eur: unknown key");
  EXPECT_EQ(error_of(R"({"pricing": {"files": "x"}})"), "pricing.files: unknown key");
  EXPECT_EQ(error_of(R"({"pricing": {"models": {"m": {"input_mtok": 1, "output_mtok": 1, "x": 1}}}})"),
            "pricing.models.m.x: unknown key");
  EXPECT_EQ(error_of(R"({"pricing": {"default": {"input_mtok": 1, "output_mtok": 1, "x": 1}}})"),
            "pricing.default.x: unknown key");
  EXPECT_EQ(error_of(R"({"scrub": {"mode": "x"}})"), "scrub.mode: unknown key");
  EXPECT_EQ(error_of(R"({"scrub": {"custom": [{"id": "a", "pattern": "b", "max_len": 1, "flags": 1}]}})"),
            "scrub.custom[0].flags: unknown key");
  EXPECT_EQ(error_of(R"({"tokenizers": {"path": "x"}})"), "tokenizers.path: unknown key");
  EXPECT_EQ(error_of(R"({"a.b": 1})"), "[\"a.b\"]: unknown key");
}

TEST(PolicyErrors, WrongTypes) {
  EXPECT_EQ(error_of(R"({"budgets": []})"), "budgets: must be an object");
  EXPECT_EQ(error_of(R"({"budgets": {"run": {"usd": "2"}}})"),
            "budgets.run.usd: must be a non-negative number");
  EXPECT_EQ(error_of(R"({"budgets": {"run": {"turns": true}}})"),
            "budgets.run.turns: must be a non-negative integer");
  EXPECT_EQ(error_of(R"({"budgets": {"user": {"day": 5}}})"), "budgets.user.day: must be an object");
  EXPECT_EQ(error_of(R"({"scrub": {"pii": "yes"}})"), "scrub.pii: must be true or false");
  EXPECT_EQ(error_of(R"({"scrub": {"identifiers": 1}})"), "scrub.identifiers: must be true or false");
  EXPECT_EQ(error_of(R"({"scrub": {"disable": "x"}})"), "scrub.disable: must be an array");
  EXPECT_EQ(error_of(R"({"scrub": {"disable": [1]}})"), "scrub.disable[0]: must be a string");
  EXPECT_EQ(error_of(R"({"store": 1})"), "store: must be a string");
  EXPECT_EQ(error_of(R"({"version": "1"})"), "version: must be 1");
  EXPECT_EQ(error_of(R"({"pricing": {"file": ""}})"), "pricing.file: must not be empty");
}

TEST(PolicyErrors, NegativeFractionalAndAbsurdValues) {
  EXPECT_EQ(error_of(R"({"budgets": {"run": {"usd": -1}}})"),
            "budgets.run.usd: must be a non-negative number");
  EXPECT_EQ(error_of(R"({"budgets": {"run": {"usd": 1e10}}})"),
            "budgets.run.usd: must be at most 1000000000 (USD)");
  EXPECT_EQ(error_of(R"({"budgets": {"run": {"usd": 0.0000000001}}})"),
            "budgets.run.usd: has more than 9 decimal places");
  EXPECT_EQ(error_of(R"({"budgets": {"run": {"tokens": 1.5}}})"),
            "budgets.run.tokens: must be a non-negative integer");
  EXPECT_EQ(error_of(R"({"budgets": {"run": {"turns": 1e12}}})"),
            "budgets.run.turns: must be at most 1000000000");
  EXPECT_EQ(error_of(R"({"budgets": {"run": {"deadline_ms": 2592000001}}})"),
            "budgets.run.deadline_ms: must be between 1 and 2592000000 (30 days, in milliseconds)");
  EXPECT_EQ(error_of(R"({"budgets": {"run": {"step_timeout_ms": 0}}})"),
            "budgets.run.step_timeout_ms: must be between 1 and 2592000000 (30 days, in milliseconds)");
  EXPECT_EQ(error_of(R"({"budgets": {"reservation_ttl_ms": -5}})"),
            "budgets.reservation_ttl_ms: must be a positive integer (milliseconds)");
  EXPECT_EQ(error_of(R"({"version": 2})"), "version: must be 1 (the only policy version)");
  EXPECT_EQ(error_of(R"({"pricing": {"models": {"m": {"input_mtok": 2000000, "output_mtok": 1}}}})"),
            "pricing.models.m.input_mtok: must be at most 1000000 (USD per million tokens)");
}

TEST(PolicyErrors, ValuesOfEnumsAndRules) {
  EXPECT_EQ(error_of(R"({"store": "redis"})"), "store: only \"memory\" is supported");
  EXPECT_EQ(error_of(R"({"scrub": {"style": "blur"}})"),
            "scrub.style: must be one of \"label\", \"mask\", \"hash\", \"detect\"");
  EXPECT_EQ(error_of(R"({"scrub": {"rules": "all"}})"), "scrub.rules: must be one of \"default\", \"none\"");
  EXPECT_EQ(error_of(R"({"scrub": {"disable": ["Bad_ID"]}})"),
            "scrub.disable[0]: must be kebab-case (lowercase letters and digits joined by '-')");
  auto custom = [](std::string_view rule) {
    return error_of(R"({"scrub": {"custom": [)" + std::string(rule) + "]}}");
  };
  EXPECT_EQ(custom(R"({"id": "a--b", "pattern": "x", "max_len": 1})"),
            "scrub.custom[0].id: must be kebab-case (lowercase letters and digits joined by '-')");
  EXPECT_EQ(custom(R"({"id": "a", "pattern": "x", "max_len": 0})"),
            "scrub.custom[0].max_len: must be between 1 and 65536 (bytes)");
  EXPECT_EQ(custom(R"({"id": "a", "pattern": "x", "max_len": 65537})"),
            "scrub.custom[0].max_len: must be between 1 and 65536 (bytes)");
  EXPECT_EQ(custom(R"({"id": "a", "pattern": "x", "max_len": 5, "family": "misc"})"),
            "scrub.custom[0].family: must be one of \"cloud\", \"ai\", \"vcs\", \"payments\", "
            "\"messaging\", \"database\", \"crypto-key\", \"pii\", \"generic\"");
  EXPECT_EQ(custom(R"({"id": "a", "pattern": "x", "max_len": 5, "confidence": "certain"})"),
            "scrub.custom[0].confidence: must be one of \"high\", \"medium\", \"low\"");
  EXPECT_EQ(custom(R"({"id": "a", "pattern": "x", "max_len": 5, "validator": "md5"})"),
            "scrub.custom[0].validator: must be one of \"\", \"luhn\", \"iban\", \"jwt\", \"entropy\", "
            "\"ssn\", \"ipv4\", \"ipv6\"");
  EXPECT_EQ(custom(R"({"id": "a", "max_len": 5})"), "scrub.custom[0].pattern: required");
  EXPECT_EQ(custom(R"({"id": "a", "pattern": "x", "max_len": 5}, {"id": "a", "pattern": "y", "max_len": 5})"),
            "scrub.custom[1].id: \"a\" is used by another custom rule");
  EXPECT_EQ(custom("7"), "scrub.custom[0]: must be an object");
}

TEST(PolicyErrors, PricingModels) {
  EXPECT_EQ(error_of(R"({"pricing": {"models": {"m": {"input_mtok": 1}}}})"),
            "pricing.models.m.output_mtok: required");
  EXPECT_EQ(error_of(R"({"pricing": {"models": {"a.b": {"output_mtok": 1}}}})"),
            "pricing.models[\"a.b\"].input_mtok: required");
  EXPECT_EQ(error_of(R"({"pricing": {"models": {"m": {"input_mtok": 1, "output_mtok": 1, "input_above_mtok": 2}}}})"),
            "pricing.models.m.tier_threshold_tokens: required when an *_above_mtok price is given");
  EXPECT_EQ(error_of(R"({"pricing": {"models": {"m": {"input_mtok": 1, "output_mtok": 1, "tier_threshold_tokens": 9}}}})"),
            "pricing.models.m.tier_threshold_tokens: needs at least one *_above_mtok price");
  EXPECT_EQ(error_of(R"({"pricing": {"models": {"M": {"input_mtok": 1, "output_mtok": 1},
                                                 "m": {"input_mtok": 1, "output_mtok": 1}}}})"),
            "pricing.models.m: names another model already given (model names ignore case)");
}

TEST(PolicyErrors, ScopeTotalGivenTwice) {
  EXPECT_EQ(error_of(R"({"budgets": {"user": {"usd": 1, "total": {"usd": 2}}}})"),
            "budgets.user: usd/tokens on the scope are its total window; give them there or in "
            "\"total\", not both");
}

TEST(PolicyErrors, DuplicateKeys) {
  EXPECT_EQ(error_of(R"({"version": 1, "version": 1})"), "version: duplicate key");
  EXPECT_EQ(error_of(R"({"budgets": {"run": {"usd": 1, "usd": 2}}})"), "budgets.run.usd: duplicate key");
}

TEST(PolicyErrors, CollectsEveryError) {
  std::string msg = error_of(
      R"({"budgets": {"run": {"usd": -1, "turns": "x"}, "user": {"week": {}}}, "store": "sql", "extra": 1})");
  EXPECT_EQ(msg,
            "budgets.run.usd: must be a non-negative number\n"
            "budgets.run.turns: must be a non-negative integer\n"
            "budgets.user.week: unknown key\n"
            "store: only \"memory\" is supported\n"
            "extra: unknown key");
}

TEST(PolicyErrors, ManyErrorsAreCapped) {
  std::string doc = "{";
  for (int i = 0; i < 200; ++i) doc += (i ? ",\"k" : "\"k") + std::to_string(i) + "\": 1";
  doc += "}";
  std::string msg = error_of(doc);
  EXPECT_NE(msg.find("k49: unknown key\n(150 more errors)"), std::string::npos) << msg;
}

TEST(PolicyErrors, MalformedJson) {
  for (std::string_view doc : {"{", "{\"a\": }", "{\"version\": 1,}", "{\"x\": [1,,2]}", "{\"x\": tru}",
                               "{\"x\": 01}", "{\"x\": \"\\q\"}", "{'a': 1}", "{\"x\": [1, 2}",
                               "{\"budgets\": {\"run\": {\"usd\": 1.}}}",
                               "{\"x\": \"raw\ttab\"}"}) {
    std::string msg = error_of(doc, AG_E_PARSE);
    EXPECT_EQ(msg.rfind("policy: malformed JSON", 0), 0u) << doc << " -> " << msg;
  }
}

TEST(PolicyErrors, TrailingGarbage) {
  for (std::string_view doc : {"{} x", "{}{}", "{} 1", "{\"version\": 1} ]"}) {
    std::string msg = error_of(doc, AG_E_PARSE);
    EXPECT_EQ(msg.rfind("policy: malformed JSON", 0), 0u) << doc << " -> " << msg;
  }
}

TEST(PolicyErrors, InvalidUtf8SaysWhere) {
  EXPECT_EQ(error_of("{\"store\": \"mem\xffory\"}", AG_E_PARSE), "policy: invalid UTF-8 at byte 14");
  // A lone surrogate escape is not a character.
  EXPECT_EQ(error_of("{\"scrub\": {\"hash_key\": \"\\ud800\"}}", AG_E_PARSE)
                .rfind("policy: malformed JSON", 0),
            0u);
}

TEST(PolicyErrors, EmptyAndNonObjectDocuments) {
  EXPECT_EQ(error_of("", AG_E_PARSE), "policy: empty document");
  EXPECT_EQ(error_of(" \n\t ", AG_E_PARSE), "policy: empty document");
  for (std::string_view doc : {"[]", "1", "\"x\"", "null", "true"})
    EXPECT_EQ(error_of(doc), "policy: the top level must be a JSON object") << doc;
}

TEST(PolicyErrors, HugeInput) {
  std::string doc = "{\"pad\": \"" + std::string(16u << 20, 'a') + "\"}";
  std::string msg = error_of(doc, AG_E_TOO_LARGE);
  EXPECT_NE(msg.find("more than the limit"), std::string::npos) << msg;
}

TEST(PolicyErrors, DeepNestingInAnUnknownKey) {
  std::string doc = "{\"x\": " + std::string(500, '[') + std::string(500, ']') + "}";
  std::string msg = error_of(doc, AG_E_PARSE);
  EXPECT_NE(msg.find("nested deeper"), std::string::npos) << msg;
}

}  // namespace
