// Loader for the genai-prices v2 feed: an array of providers, each with models carrying an
// id, match rules and prices. What this table keeps of it:
//   - text-token prices: input_mtok, output_mtok, cache_read_mtok, cache_write_mtok (or
//     cache_write_5m_mtok), cache_write_1h_mtok, output_reasoning_mtok; a missing one costs
//     nothing, as in the feed. Audio, image and per-search prices are not token prices of
//     this table and are left out.
//   - one tier ({"base", "tiers": [{"start", "price"}]}) shared by all tiered prices.
//   - dated price lists: the last entry whose start_date is not after `today`.
// Skipped (and counted): per-request fees, several tiers or thresholds, time-of-day prices,
// malformed or out-of-range numbers.
// Names: the model id and every "equals" rule; "starts_with" rules become prefix rules.
// "contains", "ends_with", "regex" and "and" rules are not used. First-party providers (those
// with a model_match rule) are registered first, and the first provider to claim a name
// keeps it.
#include <chrono>
#include <cstdio>
#include <set>
#include <simdjson.h>

#include "budget/model_name.h"
#include "budget/pricing.h"
#include "core/json.h"
#include "core/status.h"

namespace ag {
namespace {

namespace od = simdjson::ondemand;

constexpr int64_t kMaxTierStart = 1'000'000'000;  // tokens

struct FeedModel {
  std::string id;
  std::vector<std::string> names;     // id and "equals" rules
  std::vector<std::string> prefixes;  // "starts_with" rules
  std::optional<ModelPrice> price;    // empty: not representable
  bool first_party = false;
};

// One price field as read: base, and at most one tier.
struct FieldPrice {
  int64_t base = -1;
  uint64_t tier_start = 0;
  int64_t above = -1;
};

class FeedParser {
 public:
  FeedParser(std::string_view json, std::string_view today) : padded_(json), today_(today) {}

  std::vector<FeedModel> parse();

 private:
  template <class T>
  T check(simdjson::simdjson_result<T> r);
  [[noreturn]] void parse_error(simdjson::error_code code);
  void provider(od::object obj, std::vector<FeedModel> *out);
  FeedModel model(od::object obj);
  void match(od::value v, FeedModel *m, int depth);
  std::optional<ModelPrice> prices(od::value v);
  std::optional<ModelPrice> price_set(od::object obj);
  std::optional<FieldPrice> field(od::value v);
  std::optional<int64_t> number(od::value v, int scale, int64_t max);
  std::optional<int64_t> price(od::value v) { return number(v, 9, kMaxPricePerMtok); }

  simdjson::padded_string padded_;
  std::string today_;
  od::parser parser_;
  od::document doc_;
  bool doc_ready_ = false;  // iterate() succeeded: doc_ may be asked for locations
};

std::string utc_today() {
  using namespace std::chrono;
  year_month_day ymd{floor<days>(system_clock::now())};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

void FeedParser::parse_error(simdjson::error_code code) {
  auto loc = doc_ready_ ? doc_.current_location() : simdjson::OUT_OF_BOUNDS;
  std::string what = std::string("genai-prices: ") + simdjson::error_message(code);
  if (loc.error() == simdjson::SUCCESS)
    fail(AG_E_PARSE, json::at_byte(what, static_cast<size_t>(loc.value_unsafe() - padded_.data())));
  fail(AG_E_PARSE, what);
}

template <class T>
T FeedParser::check(simdjson::simdjson_result<T> r) {
  if (r.error() != simdjson::SUCCESS) parse_error(r.error());
  return std::move(r).value_unsafe();
}

std::vector<FeedModel> FeedParser::parse() {
  if (today_.empty()) today_ = utc_today();
  doc_ = check(parser_.iterate(padded_));
  doc_ready_ = true;
  std::vector<FeedModel> out;
  od::array providers = check(doc_.get_array());
  for (auto p : providers) provider(check(check(std::move(p)).get_object()), &out);
  if (doc_.current_location().error() != simdjson::OUT_OF_BOUNDS)  // not at the end
    fail(AG_E_PARSE, "genai-prices: trailing content after the provider array");
  return out;
}

void FeedParser::provider(od::object obj, std::vector<FeedModel> *out) {
  size_t first = out->size();
  bool first_party = false;
  std::string id;
  for (auto f : obj) {
    od::field fld = check(std::move(f));
    std::string_view key = check(fld.unescaped_key());
    if (key == "id") {
      id = std::string(check(fld.value().get_string()));
    } else if (key == "model_match") {
      first_party = true;
    } else if (key == "models") {
      od::array models = check(fld.value().get_array());
      for (auto m : models) out->push_back(model(check(check(std::move(m)).get_object())));
    }
  }
  for (size_t i = first; i < out->size(); ++i) {
    (*out)[i].first_party = first_party;
    if ((*out)[i].price) (*out)[i].price->provider = id;
  }
}

FeedModel FeedParser::model(od::object obj) {
  FeedModel m;
  bool has_prices = false;
  for (auto f : obj) {
    od::field fld = check(std::move(f));
    std::string_view key = check(fld.unescaped_key());
    if (key == "id") {
      m.id = std::string(check(fld.value().get_string()));
      m.names.push_back(m.id);
    } else if (key == "match") {
      match(fld.value(), &m, 0);
    } else if (key == "prices") {
      m.price = prices(fld.value());
      has_prices = true;
    }
  }
  if (m.id.empty() || !has_prices) m.price.reset();
  return m;
}

void FeedParser::match(od::value v, FeedModel *m, int depth) {
  if (check(v.type()) != od::json_type::object || depth > 32) return;
  od::object obj = check(v.get_object());
  for (auto f : obj) {
    od::field fld = check(std::move(f));
    std::string_view key = check(fld.unescaped_key());
    od::value val = fld.value();
    if (key == "equals" && check(val.type()) == od::json_type::string) {
      m->names.emplace_back(check(val.get_string()));
    } else if (key == "starts_with" && check(val.type()) == od::json_type::string) {
      m->prefixes.emplace_back(check(val.get_string()));
    } else if (key == "or" && check(val.type()) == od::json_type::array) {
      for (auto clause : check(val.get_array())) match(check(std::move(clause)), m, depth + 1);
    }
  }
}

std::optional<ModelPrice> FeedParser::prices(od::value v) {
  od::json_type t = check(v.type());
  if (t == od::json_type::object) return price_set(check(v.get_object()));
  if (t != od::json_type::array) return std::nullopt;
  // Conditional prices: keep the last entry in force today; time-of-day prices vary within
  // a day and are not representable.
  std::optional<ModelPrice> chosen;
  bool representable = true;
  for (auto e : check(v.get_array())) {
    od::value entry = check(std::move(e));
    if (check(entry.type()) != od::json_type::object) return std::nullopt;
    bool in_force = true;
    std::optional<ModelPrice> p;
    for (auto f : check(entry.get_object())) {
      od::field fld = check(std::move(f));
      std::string_view key = check(fld.unescaped_key());
      if (key == "constraint") {
        od::object c = check(fld.value().get_object());
        for (auto cf : c) {
          od::field cfld = check(std::move(cf));
          std::string_view ck = check(cfld.unescaped_key());
          if (ck == "start_date") {
            in_force = check(cfld.value().get_string()) <= std::string_view(today_);
          } else {
            representable = false;
          }
        }
      } else if (key == "prices" && check(fld.value().type()) == od::json_type::object) {
        p = price_set(check(fld.value().get_object()));
      }
    }
    if (in_force) chosen = p;
  }
  if (!representable) return std::nullopt;
  return chosen;
}

std::optional<ModelPrice> FeedParser::price_set(od::object obj) {
  ModelPrice p;
  bool ok = true;
  uint64_t tier = 0;
  auto apply = [&](const std::optional<FieldPrice> &fp, int64_t *base, int64_t *above) {
    if (!fp || (fp->tier_start && !above) || (fp->tier_start && tier && fp->tier_start != tier)) {
      ok = false;
      return;
    }
    *base = fp->base;
    if (fp->tier_start) {
      tier = fp->tier_start;
      *above = fp->above;
    }
  };
  for (auto f : obj) {
    od::field fld = check(std::move(f));
    std::string_view key = check(fld.unescaped_key());
    if (key == "input_mtok") {
      apply(field(fld.value()), &p.input, &p.input_above);
    } else if (key == "output_mtok") {
      apply(field(fld.value()), &p.output, &p.output_above);
    } else if (key == "cache_read_mtok") {
      apply(field(fld.value()), &p.cache_read, &p.cache_read_above);
    } else if (key == "cache_write_mtok" || key == "cache_write_5m_mtok") {
      apply(field(fld.value()), &p.cache_write_5m, &p.cache_write_above);
    } else if (key == "cache_write_1h_mtok") {
      apply(field(fld.value()), &p.cache_write_1h, &p.cache_write_1h_above);
    } else if (key == "output_reasoning_mtok") {
      apply(field(fld.value()), &p.reasoning, nullptr);
    } else if (key == "requests_kcount") {
      std::optional<int64_t> fee = price(fld.value());
      ok = ok && fee && *fee == 0;
    }
  }
  if (!ok) return std::nullopt;
  if (p.input < 0) p.input = 0;
  if (p.output < 0) p.output = 0;
  p.tier_threshold = tier;
  return p;
}

std::optional<FieldPrice> FeedParser::field(od::value v) {
  od::json_type t = check(v.type());
  if (t == od::json_type::number) {
    std::optional<int64_t> n = price(v);
    if (!n) return std::nullopt;
    return FieldPrice{*n, 0, -1};
  }
  if (t != od::json_type::object) return std::nullopt;
  FieldPrice fp;
  size_t tiers = 0;
  bool ok = true;
  for (auto f : check(v.get_object())) {
    od::field fld = check(std::move(f));
    std::string_view key = check(fld.unescaped_key());
    if (key == "base") {
      std::optional<int64_t> n = price(fld.value());
      ok = ok && n;
      fp.base = n.value_or(-1);
    } else if (key == "tiers" && check(fld.value().type()) == od::json_type::array) {
      for (auto tv : check(fld.value().get_array())) {
        ++tiers;
        od::value tier = check(std::move(tv));
        if (check(tier.type()) != od::json_type::object) return std::nullopt;
        for (auto tf : check(tier.get_object())) {
          od::field tfld = check(std::move(tf));
          std::string_view tk = check(tfld.unescaped_key());
          if (tk == "start") {
            std::optional<int64_t> n = number(tfld.value(), 0, kMaxTierStart);
            ok = ok && n;
            fp.tier_start = static_cast<uint64_t>(n.value_or(0));
          } else if (tk == "price") {
            std::optional<int64_t> n = price(tfld.value());
            ok = ok && n;
            fp.above = n.value_or(-1);
          }
        }
      }
    }
  }
  if (!ok || tiers != 1 || fp.base < 0 || fp.above < 0 || fp.tier_start == 0) return std::nullopt;
  return fp;
}

// A non-negative number as value * 10^scale, exactly; nullopt when it is not one or
// exceeds max.
std::optional<int64_t> FeedParser::number(od::value v, int scale, int64_t max) {
  if (check(v.type()) != od::json_type::number) return std::nullopt;
  std::string_view raw = v.raw_json_token();
  while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\n' || raw.back() == '\r' ||
                          raw.back() == '\t'))
    raw.remove_suffix(1);
  int64_t n = 0;
  if (json::parse_decimal(raw, scale, &n) != json::Decimal::kOk || n > max)
    return std::nullopt;
  return n;
}

}  // namespace

PriceLoadStats PriceTable::load_genai_prices_json(std::string_view json, std::string_view today) {
  json::check_document(json, "genai-prices");
  std::vector<FeedModel> models = FeedParser(json, today).parse();
  PriceLoadStats stats;
  std::set<std::string> claimed;
  for (bool first_party : {true, false}) {
    for (FeedModel &m : models) {
      if (m.first_party != first_party) continue;
      if (!m.price) {
        ++stats.skipped;
        continue;
      }
      std::string canonical;
      for (const std::string &name : m.names) {
        std::string key = lower_trimmed(name);
        if (key.empty() || !claimed.insert(key).second) continue;
        if (canonical.empty()) canonical = key;
        set(key, *m.price);
      }
      if (canonical.empty()) continue;
      ++stats.models;
      for (const std::string &prefix : m.prefixes) add_prefix_rule(prefix, canonical);
    }
  }
  return stats;
}

PriceLoadStats PriceTable::load_genai_prices_file(const std::string &path, std::string_view today) {
  std::string text = json::read_document_file(path);
  try {
    return load_genai_prices_json(text, today);
  } catch (const Error &e) {
    fail(e.status(), path + ": " + e.what());
  }
}

}  // namespace ag
