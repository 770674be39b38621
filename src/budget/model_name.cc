#include "budget/model_name.h"

#include <algorithm>
#include <array>

namespace ag {
namespace {

// Words before a '.' that route a Bedrock-style id: regions and model vendors.
constexpr std::array<std::string_view, 18> kDottedPrefixes = {
    "us",     "eu",     "apac",   "global",  "jp",       "au",   "ca",     "us-gov", "anthropic",
    "meta",   "mistral", "amazon", "cohere", "ai21",     "deepseek", "qwen", "openai", "google"};

// Version or packaging words that never change the price family.
constexpr std::array<std::string_view, 7> kSuffixWords = {"-latest",   "-preview", "-exp", "-instruct",
                                                          "-it",       "-hf",      "-fp8"};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), is_digit);
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() > suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// "-05-20": a month-day pair as in "gemini-2.5-flash-preview-05-20".
bool ends_with_month_day(std::string_view s) {
  if (s.size() < 7) return false;
  std::string_view t = s.substr(s.size() - 6);
  return t[0] == '-' && digits(t.substr(1, 2)) && t[3] == '-' && digits(t.substr(4, 2));
}

// "-v2", "-v0.2": a version tag.
bool version_tag(std::string_view tail) {
  if (tail.size() < 2 || tail[0] != 'v') return false;
  std::string_view rest = tail.substr(1);
  size_t dot = rest.find('.');
  if (dot == std::string_view::npos) return digits(rest);
  return digits(rest.substr(0, dot)) && digits(rest.substr(dot + 1));
}

// Length of one version-like suffix at the end of s, or 0.
size_t suffix_length(std::string_view s) {
  size_t at = s.rfind('@');
  if (at != std::string_view::npos && at > 0) return s.size() - at;
  size_t colon = s.rfind(':');
  if (colon != std::string_view::npos && colon > 0) return s.size() - colon;
  for (std::string_view w : kSuffixWords)
    if (ends_with(s, w)) return w.size();
  if (ends_with_month_day(s)) return 6;
  size_t dash = s.rfind('-');
  if (dash == std::string_view::npos || dash == 0) return 0;
  std::string_view tail = s.substr(dash + 1);
  bool dated = digits(tail) && (tail.size() == 3 || tail.size() == 4 || tail.size() == 8);
  return dated || version_tag(tail) ? s.size() - dash : 0;
}

std::string_view strip_routing(std::string_view s) {
  size_t slash = s.rfind('/');
  if (slash != std::string_view::npos) s.remove_prefix(slash + 1);
  for (;;) {
    size_t dot = s.find('.');
    if (dot == std::string_view::npos) return s;
    std::string_view head = s.substr(0, dot);
    if (std::find(kDottedPrefixes.begin(), kDottedPrefixes.end(), head) == kDottedPrefixes.end())
      return s;
    s.remove_prefix(dot + 1);
  }
}

void add(std::vector<std::string> *out, std::string_view s) {
  if (s.empty()) return;
  if (std::find(out->begin(), out->end(), s) == out->end()) out->emplace_back(s);
}

}  // namespace

std::string lower_trimmed(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  std::string out(s);
  for (char &c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::vector<std::string> model_name_candidates(std::string_view model) {
  std::vector<std::string> out;
  std::string name = lower_trimmed(model);
  add(&out, name);
  std::string base(strip_routing(name));
  if (base.rfind("claude", 0) == 0) std::replace(base.begin(), base.end(), '.', '-');
  add(&out, base);
  std::string_view s = base;
  for (size_t n = suffix_length(s); n > 0 && n < s.size(); n = suffix_length(s)) {
    s.remove_suffix(n);
    add(&out, s);
  }
  return out;
}

}  // namespace ag
