#include "test_rules.h"

#include <memory>

#include "core/engine.h"

namespace ag::scrub::testing {

Rule make_rule(std::string id, std::string prefix, std::string secret, std::string suffix,
               uint32_t max_len, Validator validator, Confidence confidence) {
  Rule r;
  r.id = std::move(id);
  r.prefix = std::move(prefix);
  r.secret = std::move(secret);
  r.suffix = std::move(suffix);
  r.max_len = max_len;
  r.validator = validator;
  r.confidence = confidence;
  return r;
}

std::vector<Rule> sample_rules() {
  std::vector<Rule> rules;
  rules.push_back(make_rule("test-aws-key", "", "AKIA[0-9A-Z]{16}", "(?:[^0-9A-Za-z]|$)", 21));
  rules.back().family = Family::kCloud;
  rules.push_back(make_rule("test-sk", "", "sk-[A-Za-z0-9]{20,60}", "(?:[^A-Za-z0-9]|$)", 64));
  rules.back().mask_prefix = "sk-";
  rules.back().family = Family::kAi;
  rules.push_back(make_rule("test-pem", "",
                            "-----BEGIN [A-Z ]{0,20}PRIVATE KEY-----[A-Za-z0-9+/=\\s]{16,}"
                            "-----END [A-Z ]{0,20}PRIVATE KEY-----",
                            "", 4200));
  rules.back().family = Family::kCryptoKey;
  rules.push_back(make_rule("test-card", "\\b", "[0-9]{4}(?:[ -]?[0-9]{4}){3}", "(?:[^0-9]|$)",
                            20, Validator::kLuhn));
  rules.back().family = Family::kPayments;
  rules.push_back(make_rule("test-password", "password\\s{0,3}[=:]\\s{0,3}", "[^\\s\"']{8,64}",
                            "(?:[\\s\"']|$)", 80, Validator::kNone, Confidence::kMedium));
  rules.back().family = Family::kGeneric;
  rules.push_back(make_rule("test-jwt", "",
                            "eyJ[A-Za-z0-9_-]{8,512}\\.[A-Za-z0-9_-]{8,1024}\\.[A-Za-z0-9_-]{0,512}",
                            "(?:[^A-Za-z0-9_.-]|$)", 2060, Validator::kJwt));
  rules.back().family = Family::kGeneric;
  rules.push_back(make_rule("test-email", "",
                            "[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63}){0,4}\\.[A-Za-z]{2,24}",
                            "(?:[^A-Za-z0-9.-]|$)", 420, Validator::kNone, Confidence::kMedium));
  rules.back().family = Family::kPii;
  rules.back().flags = kPii;
  return rules;
}

std::shared_ptr<EngineScrub> default_engine() {
  static const std::shared_ptr<EngineScrub> e = make_engine_scrub(Policy{});
  return e;
}

std::string scrub_block(const EngineScrub &e, Style style, std::string_view in,
                        std::vector<Finding> *findings) {
  std::string out(e.bound(style, in.size()), '\0');
  Sink sink{out.data(), out.size(), 0};
  e.scrub(style, in, &sink, findings);
  out.resize(sink.len);
  return out;
}

std::string scrub_chunked(const EngineScrub &e, Style style, std::string_view in,
                          const std::vector<size_t> &sizes, std::vector<Finding> *findings) {
  Redactor r(e, style);
  std::unique_ptr<Scratch> scratch = e.acquire_scratch();
  std::string out;
  size_t pos = 0, k = 0;
  auto step = [&](const char *p, size_t n, bool finish) {
    std::string buf(r.bound(n), '\0');
    Sink sink{buf.data(), buf.size(), 0};
    if (finish) {
      r.finish(scratch->s, &sink);
    } else {
      r.write(p, n, scratch->s, &sink);
    }
    out.append(buf.data(), sink.len);
  };
  while (pos < in.size()) {
    size_t n = std::min(sizes[k++ % sizes.size()], in.size() - pos);
    step(in.data() + pos, n, false);
    pos += n;
  }
  step(nullptr, 0, true);
  if (findings) *findings = r.findings();
  e.release_scratch(std::move(scratch));
  return out;
}

}  // namespace ag::scrub::testing
