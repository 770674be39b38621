// Run snapshots: JSON that carries a run across processes (ag_run_snapshot / ag_run_restore).
//
// {"version":1,"run_id":"...","user":"...","tenant":"...","started_ms":0,"turns":0,
//  "tool_calls":0,"spent_nusd":0,"spent_tokens":0,"overrun":false,
//  "limits":{"usd_nusd":-1,"tokens":-1,"turns":-1,"tool_calls":-1,"deadline_ms":-1,
//            "step_timeout_ms":-1}}
//
// Every key is required and no other key is accepted. Open reservations are not carried.
#pragma once

#include <string>
#include <string_view>

#include "policy/policy.h"
#include "run/run.h"

namespace ag {

inline constexpr int64_t kSnapshotVersion = 1;
inline constexpr size_t kSnapshotMaxBytes = 1 << 20;

struct RunSnapshot {
  RunOptions options;
  RunProgress progress;
};

std::string write_snapshot(const RunSnapshot &s);

// Throws ag::Error: AG_E_TOO_LARGE, AG_E_PARSE (malformed JSON or UTF-8, a missing, unknown,
// repeated or mistyped key; the message names the key), AG_E_VERSION (another version).
RunSnapshot parse_snapshot(std::string_view json);

}  // namespace ag
