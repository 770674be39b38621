#include "generator.h"

#include <random>

namespace ag::scrub::testing {
namespace {

const char kAlnum[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const char kUpper32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const char kHex[] = "0123456789abcdef";
const char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const char kB64Url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

const char *const kWords[] = {"request", "served",  "cache",   "user",   "order",  "retry",
                              "the",     "service", "returned", "items", "deploy", "build",
                              "window",  "queue",   "worker",  "ready",  "failed", "latency"};
const char *const kNames[] = {"alice", "bob", "carol", "dave", "erin", "frank"};

class Gen {
 public:
  explicit Gen(uint32_t seed) : rng_(seed) {}

  uint32_t below(uint32_t n) { return static_cast<uint32_t>(rng_() % n); }
  template <size_t N>
  std::string pick(const char (&alphabet)[N], size_t len) {
    std::string s;
    for (size_t i = 0; i < len; ++i) s += alphabet[below(N - 1)];
    return s;
  }
  std::string word() { return kWords[below(sizeof kWords / sizeof *kWords)]; }
  std::string name() { return kNames[below(sizeof kNames / sizeof *kNames)]; }
  std::string words(int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += (i ? " " : "") + word();
    return s;
  }

  // ---- secrets ----
  std::string secret(int kind, std::string *context) {
    switch (kind % 12) {
      case 0: *context = "AWS_ACCESS_KEY_ID="; return "AKIA" + pick(kUpper32, 16);
      case 1: *context = "GITHUB_TOKEN="; return "ghp_" + pick(kAlnum, 36);
      case 2: *context = "OPENAI_API_KEY="; return "sk-proj-" + pick(kAlnum, 40) + "T3BlbkFJ" + pick(kAlnum, 40);
      case 3: *context = "ANTHROPIC_API_KEY="; return "sk-ant-api03-" + pick(kB64Url, 93) + "AA";
      case 4: *context = "SLACK_BOT_TOKEN="; return "xoxb-" + digits(11) + "-" + digits(12) + "-" + pick(kAlnum, 24);
      case 5: *context = "STRIPE_SECRET_KEY="; return "sk_live_" + pick(kAlnum, 32);
      case 6: *context = "GOOGLE_API_KEY="; return "AIza" + pick(kB64Url, 35);
      case 7: *context = "Authorization: Bearer "; return jwt();
      case 8: *context = "DB_PASSWORD="; return pick(kAlnum, 12) + "#" + pick(kAlnum, 6);
      case 9: *context = "contact: "; return name() + "." + name() + std::to_string(below(100)) + "@example-mail.com";
      case 10: *context = "card: "; return card(true);
      default: *context = "DATABASE_URL=postgres://app:"; return pick(kAlnum, 20);  // plant() appends the host
    }
  }
  std::string digits(size_t n) {
    std::string s;
    for (size_t i = 0; i < n; ++i) s += static_cast<char>('0' + below(10));
    return s;
  }
  std::string card(bool valid) {
    std::string d = "4" + digits(14);
    int sum = 0;
    for (size_t i = 0; i < d.size(); ++i) {  // the check digit doubles every other from the right
      int v = d[d.size() - 1 - i] - '0';
      if (i % 2 == 0) v = v * 2 > 9 ? v * 2 - 9 : v * 2;
      sum += v;
    }
    int check = (10 - sum % 10) % 10;
    if (!valid) check = (check + 1 + static_cast<int>(below(9))) % 10;
    d += static_cast<char>('0' + check);
    return d.substr(0, 4) + " " + d.substr(4, 4) + " " + d.substr(8, 4) + " " + d.substr(12, 4);
  }
  std::string jwt() {
    std::string header = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";  // {"alg":"HS256","typ":"JWT"}
    return header + ".eyJzdWIiOi" + pick(kB64Url, 40) + "." + pick(kB64Url, 43);
  }
  std::string pem() {
    std::string s = "-----BEGIN RSA PRIVATE KEY-----\n";
    for (int i = 0; i < 12; ++i) s += pick(kB64, 64) + "\n";
    return s + pick(kB64, 20) + "==\n-----END RSA PRIVATE KEY-----";
  }

  // ---- look-alikes ----
  std::string lookalike(int kind) {
    switch (kind % 6) {
      case 0: return pick(kHex, 8) + "-" + pick(kHex, 4) + "-4" + pick(kHex, 3) + "-a" + pick(kHex, 3) + "-" + pick(kHex, 12);
      case 1: return pick(kHex, 40);
      case 2: return pick(kHex, 64);
      case 3: return "v" + std::to_string(below(20)) + "." + std::to_string(below(40)) + "." + std::to_string(below(100));
      case 4: return "2024-0" + std::to_string(1 + below(9)) + "-1" + std::to_string(below(10)) + "T0" + std::to_string(below(10)) + ":1" + std::to_string(below(10)) + ":3" + std::to_string(below(10)) + "Z";
      default: return card(false);
    }
  }

 private:
  std::mt19937 rng_;
};

}  // namespace

Corpus generate_corpus(uint32_t seed, size_t bytes, int secret_every) {
  Gen g(seed);
  Corpus c;
  int doc = 0;
  auto plant = [&](std::string *out) {
    std::string context;
    int kind = static_cast<int>(g.below(12));
    std::string s = g.secret(kind, &context);
    c.secrets.push_back(s);
    *out += context + s + (kind == 11 ? "@db.internal:5432/app" : "");
  };
  auto look = [&]() {
    std::string l = g.lookalike(static_cast<int>(g.below(6)));
    c.lookalikes.push_back(l);
    return l;
  };
  while (c.text.size() < bytes) {
    bool secret = (doc++ % secret_every) == 0;
    std::string d;
    switch (g.below(6)) {
      case 0:  // .env file
        d += "# " + g.words(4) + "\nNODE_ENV=production\nPORT=" + std::to_string(3000 + g.below(1000)) + "\n";
        d += "BUILD_SHA=" + look() + "\n";
        if (secret) {
          plant(&d);
          d += "\n";
        }
        d += "LOG_LEVEL=info\n";
        break;
      case 1:  // JSON API response
        d += "{\"id\": \"" + look() + "\", \"status\": \"" + g.word() + "\", \"count\": " +
             std::to_string(g.below(100000)) + ", \"created\": \"" + look() + "\"";
        if (secret) {
          d += ", \"config\": \"";
          plant(&d);
          d += "\\n\"";
        }
        d += "}\n";
        break;
      case 2:  // log lines
        for (int i = 0; i < 3; ++i)
          d += look() + " INFO " + g.words(6) + " id=" + look() + " ms=" + std::to_string(g.below(900)) + "\n";
        if (secret) {
          d += "2024-05-01T10:00:00Z DEBUG env ";
          plant(&d);
          d += "\n";
        }
        break;
      case 3:  // stack trace
        d += "Traceback (most recent call last):\n  File \"/srv/app/" + g.word() + ".py\", line " +
             std::to_string(g.below(900)) + ", in handler\n    " + g.words(3) + "()\n";
        d += "ValueError: " + g.words(5) + " (digest " + look() + ")\n";
        if (secret) {
          d += "  locals: ";
          plant(&d);
          d += "\n";
        }
        break;
      case 4: {  // prose
        d += "The " + g.word() + " release " + look() + " " + g.words(12) + ". ";
        if (secret) {
          d += "Use ";
          plant(&d);
          d += " to connect. ";
        }
        d += g.words(10) + ".\n\n";
        break;
      }
      default: {  // a key file, raw or inside JSON
        if (!secret) {
          d += "ssh-keygen output: fingerprint SHA256:" + look() + "\n";
          break;
        }
        std::string key = g.pem();
        c.secrets.push_back(key.substr(32, 64));  // a body line stands for the key
        if (g.below(2)) {
          d += key + "\n";
        } else {
          std::string esc;
          for (char ch : key) esc += ch == '\n' ? std::string("\\n") : std::string(1, ch);
          d += "{\"private_key\": \"" + esc + "\", \"type\": \"service_account\"}\n";
        }
        break;
      }
    }
    c.text += d;
  }
  return c;
}

}  // namespace ag::scrub::testing
