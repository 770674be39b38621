// ag_engine_* : build, free, errors, prices.
#include <cstring>
#include <string>

#include "agentguard.h"
#include "budget/pricing.h"
#include "capi/guard.h"
#include "core/engine.h"

extern "C" {

AG_API ag_status ag_engine_new(const char *policy_json, size_t policy_len, ag_engine **out,
                               char *errbuf, size_t errbuf_cap) {
  ag::LastError err;
  if (out == nullptr) {
    ag::write_errbuf(errbuf, errbuf_cap, "out: must not be NULL");
    return AG_E_INVALID_ARGUMENT;
  }
  *out = nullptr;
  if (policy_json == nullptr && policy_len != 0) {
    ag::write_errbuf(errbuf, errbuf_cap, "policy_json: NULL with a non-zero length");
    return AG_E_INVALID_ARGUMENT;
  }
  ag_status s = ag::guarded(&err, [&] {
    auto e = ag::build_engine(std::string_view(policy_json ? policy_json : "", policy_len),
                              policy_json != nullptr);
    *out = e.release();
    return AG_OK;
  });
  if (s != AG_OK) {
    std::string msg(err.copy(nullptr, 0) + 1, '\0');  // policy errors may run to many lines
    msg.resize(err.copy(msg.data(), msg.size()));
    ag::write_errbuf(errbuf, errbuf_cap, msg);
  } else {
    ag::write_errbuf(errbuf, errbuf_cap, "");
  }
  return s;
}

AG_API void ag_engine_free(ag_engine *engine) { delete engine; }

AG_API size_t ag_engine_last_error(const ag_engine *engine, char *buf, size_t cap) {
  return ag::last_error_of(engine, "engine is NULL", buf, cap);
}

AG_API ag_status ag_engine_price(const ag_engine *engine, const char *model, size_t model_len,
                                 const ag_usage *usage, int64_t *cost_nusd) {
  if (engine == nullptr) return AG_E_INVALID_ARGUMENT;
  return ag::guarded(&engine->last_error, [&]() -> ag_status {
    if ((model == nullptr && model_len) || usage == nullptr || cost_nusd == nullptr)
      ag::fail(AG_E_INVALID_ARGUMENT, "model, usage and cost_nusd must not be NULL");
    if (!ag::struct_size_ok(usage->struct_size, offsetof(ag_usage, cache_write_1h_tokens),
                            sizeof(ag_usage)))
      ag::fail(AG_E_STRUCT_SIZE, "usage.struct_size: " + std::to_string(usage->struct_size) +
                                     " is not a known size of ag_usage");
    ag_usage u{};
    std::memcpy(&u, usage, usage->struct_size);
    std::string_view name(model ? model : "", model_len);
    const ag::ModelPrice *p = engine->prices.find(name);
    if (p == nullptr)
      ag::fail(AG_E_UNKNOWN_MODEL, "model '" + std::string(name) +
                                       "' has no price (set pricing.models or a default price)");
    ag_status s = ag::price_usage(*p, u, cost_nusd);
    if (s != AG_OK)
      ag::fail(s, "usage: cached_input_tokens + cache_write_tokens exceed input_tokens, or "
                  "reasoning_tokens exceed output_tokens");
    return AG_OK;
  });
}

AG_API ag_status ag_engine_model_price(const ag_engine *engine, const char *model,
                                       size_t model_len, ag_model_price *out, char *name_buf,
                                       size_t name_cap, size_t *name_len) {
  if (engine == nullptr) return AG_E_INVALID_ARGUMENT;
  return ag::guarded(&engine->last_error, [&]() -> ag_status {
    if ((model == nullptr && model_len) || out == nullptr)
      ag::fail(AG_E_INVALID_ARGUMENT, "model and out must not be NULL");
    if (out->struct_size != sizeof(ag_model_price))
      ag::fail(AG_E_STRUCT_SIZE, "out.struct_size must be sizeof(ag_model_price)");
    std::string canonical;
    std::string_view name(model ? model : "", model_len);
    const ag::ModelPrice *p = engine->prices.find(name, &canonical);
    if (p == nullptr) ag::fail(AG_E_UNKNOWN_MODEL, "model '" + std::string(name) + "' has no price");
    out->input_per_mtok_nusd = p->input;
    out->cached_input_per_mtok_nusd = p->cache_read >= 0 ? p->cache_read : p->input;
    out->cache_write_5m_per_mtok_nusd = p->cache_write_5m >= 0 ? p->cache_write_5m : p->input;
    out->cache_write_1h_per_mtok_nusd =
        p->cache_write_1h >= 0 ? p->cache_write_1h : out->cache_write_5m_per_mtok_nusd;
    out->output_per_mtok_nusd = p->output;
    out->reasoning_per_mtok_nusd = p->reasoning >= 0 ? p->reasoning : p->output;
    out->tier_threshold_tokens = p->tier_threshold;
    out->input_above_per_mtok_nusd = p->input_above >= 0 ? p->input_above : p->input;
    out->output_above_per_mtok_nusd = p->output_above >= 0 ? p->output_above : p->output;
    if (name_len == nullptr && name_buf == nullptr) return AG_OK;
    return ag::copy_out(canonical.data(), canonical.size(), name_buf, name_cap, name_len);
  });
}

}  // extern "C"
