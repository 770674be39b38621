"""Runs the language-neutral vectors of tests/conformance/ through the Python binding."""
from __future__ import annotations

import json
import os
from dataclasses import asdict
from typing import Any, Dict

import agentguard as ag

VECTOR_DIR = os.environ.get("AGENTGUARD_CONFORMANCE_DIR") or os.path.join(
    os.path.dirname(__file__), "..", "..", "..", "tests", "conformance")

SCOPES = {"run": ag.Scope.RUN, "user": ag.Scope.USER, "tenant": ag.Scope.TENANT,
          "global": ag.Scope.GLOBAL}
WINDOWS = {"total": ag.Window.TOTAL, "hour": ag.Window.HOUR, "day": ag.Window.DAY,
           "month": ag.Window.MONTH}


def load(name: str) -> Dict[str, Any]:
    with open(os.path.join(VECTOR_DIR, name), encoding="utf-8") as f:
        return json.load(f)


def case_files():
    return sorted(n for n in os.listdir(VECTOR_DIR) if n.endswith(".json") and n != "status.json")


def status_code(name: str) -> int:
    return int(ag.Status.from_c_name(name))


class CaseRunner:
    """Executes one case; tc is the unittest.TestCase used for assertions."""

    def __init__(self, tc, case: Dict[str, Any]) -> None:
        self.tc, self.case = tc, case
        self.runs: Dict[str, ag.Run] = {}
        self.reservations: Dict[str, int] = {}

    def run(self) -> None:
        case = self.case
        policy = case.get("policy_text", case.get("policy"))
        expect = status_code(case.get("engine_expect", "AG_OK"))
        try:
            engine = ag.Engine(policy)
        except ag.AgentGuardError as e:
            self.tc.assertEqual(e.code, expect, f"engine: {e}")
            self.tc.assertIn(case.get("engine_error_contains", ""), e.message)
            return
        self.tc.assertEqual(expect, ag.Status.OK, "engine creation succeeded")
        with engine, engine.ledger() as ledger:
            self.engine, self.ledger = engine, ledger
            try:
                for i, step in enumerate(case.get("steps", [])):
                    with self.tc.subTest(step=i, op=step["op"]):
                        self.step(step)
            finally:
                for r in self.runs.values():
                    r.close()

    def step(self, step: Dict[str, Any]) -> None:
        expect = status_code(step.get("expect", "AG_OK"))
        try:
            getattr(self, "op_" + step["op"])(step)
        except ag.AgentGuardError as e:
            self.tc.assertEqual(e.code, expect, str(e))
            self.tc.assertIn(step.get("error_contains", ""), e.message)
            return
        self.tc.assertEqual(ag.Status.OK, expect, f"{step['op']} succeeded")

    def _run(self, step) -> ag.Run:
        return self.runs[step.get("run", "run")]

    def _fields(self, actual: Dict[str, Any], want: Dict[str, Any]) -> None:
        for k, v in want.items():
            got = actual[k]
            if k == "state":
                v = status_code(v)
            self.tc.assertEqual(got, v, k)

    def op_set_time(self, s):
        self.ledger.set_time(s["now_ms"])

    def op_begin(self, s):
        opts = s.get("opts_text", s.get("opts"))
        self.runs[s.get("as", "run")] = self.ledger.begin(opts)

    def op_run_id(self, s):
        self.tc.assertEqual(self._run(s).id, s["id"])

    def op_reserve(self, s):
        rid = self._run(s).reserve(s["model"], s["input_tokens"], s["max_output_tokens"])
        if "as" in s:
            self.reservations[s["as"]] = rid

    def op_commit(self, s):
        cost = self._run(s).commit(self.reservations[s["reservation"]], s["usage"])
        if "cost_nusd" in s:
            self.tc.assertEqual(cost, s["cost_nusd"])

    def op_release(self, s):
        self._run(s).release(self.reservations[s["reservation"]])

    def op_check(self, s):
        self._run(s).check_state()

    def op_turn(self, s):
        self._run(s).turn()

    def op_tool_call(self, s):
        self._run(s).tool_call(s["tool"])

    def op_step_timeout(self, s):
        t = self._run(s).step_timeout_ms()
        if "timeout_ms" in s:
            self.tc.assertEqual(-1 if t is None else t, s["timeout_ms"])

    def op_stats(self, s):
        self._fields(asdict(self._run(s).stats()), s["fields"])

    def op_kill(self, s):
        self.ledger.kill(SCOPES[s["scope"]], s.get("id", ""), s.get("reason", ""))

    def op_revive(self, s):
        self.ledger.revive(SCOPES[s["scope"]], s.get("id", ""))

    def op_set_limit(self, s):
        self.ledger.set_limit(SCOPES[s["scope"]], s.get("id", ""), WINDOWS[s["window"]],
                              s["usd_nusd"], s["tokens"])

    def op_clear_limit(self, s):
        self.ledger.clear_limit(SCOPES[s["scope"]], s.get("id", ""), WINDOWS[s["window"]])

    def op_counter(self, s):
        c = self.ledger.counter(SCOPES[s["scope"]], s.get("id", ""), WINDOWS[s["window"]])
        self._fields(asdict(c), s["fields"])

    def op_get(self, s):
        spent, reserved = self.ledger.get(SCOPES[s["scope"]], s.get("id", ""),
                                          WINDOWS[s["window"]])
        self.tc.assertEqual((spent, reserved), (s["spent_nusd"], s["reserved_nusd"]))

    def op_price(self, s):
        cost = self.engine.price(s["model"], s["usage"])
        if "cost_nusd" in s:
            self.tc.assertEqual(cost, s["cost_nusd"])

    def op_model_price(self, s):
        p = self.engine.model_price(s["model"])
        if "name" in s:
            self.tc.assertEqual(p.name, s["name"])
        self._fields(asdict(p), s.get("fields", {}))

    # ---- provider responses ----------------------------------------------------------

    def _provider(self, s):
        name = s.get("provider", "auto")
        return next(p for p in ag.Provider if ag.provider_str(p) == name)

    def _body(self, s) -> bytes:
        return s["body_text"].encode() if "body_text" in s else json.dumps(s["body"]).encode()

    def _usage_subset(self, usage: ag.Usage, want) -> None:
        self._fields(asdict(usage), want or {})

    def op_parse_response(self, s):
        with ag.Response.parse(self._body(s), self._provider(s)) as r:
            if "provider_is" in s:
                self.tc.assertEqual(ag.provider_str(r.provider), s["provider_is"])
            if "finish" in s:
                self.tc.assertEqual(ag.finish_reason_str(r.finish), s["finish"])
            for key in ("model", "text"):
                if key in s:
                    self.tc.assertEqual(getattr(r, key), s[key])
            self._usage_subset(r.usage, s.get("usage"))
            if "tool_calls" in s:
                self.tc.assertEqual([asdict(c) for c in r.tool_calls], s["tool_calls"])

    def op_stream_parse(self, s):
        with ag.StreamParser(self._provider(s)) as p:
            text = ""
            for chunk in s["chunks"]:
                p.write(chunk.encode())
                text += p.take_text()
            want = status_code(s.get("finish_expect", "AG_OK"))
            try:
                p.finish()
                got = ag.Status.OK
            except ag.AgentGuardError as e:
                got = e.code
            self.tc.assertEqual(got, want)
            self.tc.assertEqual(text + p.take_text(), s.get("text", text))
            with p.result() as r:
                self._usage_subset(r.usage, s.get("usage"))
                self.tc.assertEqual(r.truncated, s.get("truncated", r.truncated))

    def op_classify_error(self, s):
        body = s["body_text"].encode() if "body_text" in s else json.dumps(s.get("body", {})).encode()
        info = ag.classify_error(s["http_status"], body, s.get("headers", ""), self._provider(s))
        self.tc.assertEqual(ag.error_class_str(info.error_class), s["class"])
        self.tc.assertEqual(info.retryable, s.get("retryable", info.retryable))
        if "retry_after_ms" in s:
            self.tc.assertEqual(info.retry_after_ms, s["retry_after_ms"])
        self.tc.assertIn(s.get("message", ""), info.message)

    def op_record_response(self, s):
        usage, cost = ag.record_response(self._run(s), self.reservations[s["reservation"]],
                                         self._body(s), self._provider(s))
        self._usage_subset(usage, s.get("usage"))
        if "cost_nusd" in s:
            self.tc.assertEqual(cost, s["cost_nusd"])

    def op_encoding_for_model(self, s):
        self.tc.assertEqual(int(ag.encoding_for_model(s["model"])), s["encoding"])

    # ---- scrubbing -------------------------------------------------------------------

    STYLES = {"default": ag.Style.DEFAULT, "label": ag.Style.LABEL, "mask": ag.Style.MASK,
              "hash": ag.Style.HASH, "detect": ag.Style.DETECT}

    def op_scrub(self, s):
        out, n = ag.Scrubber(self.engine, self.STYLES[s.get("style", "default")]).scrub_counted(
            s["input"].encode())
        self.tc.assertEqual(out.decode(), s["output"])
        if "findings" in s:
            self.tc.assertEqual(n, s["findings"])

    def op_scan(self, s):
        found = ag.Scrubber(self.engine).scan(s["input"].encode())
        self.tc.assertEqual([{"rule": f.rule, "start": f.start, "end": f.end} for f in found],
                            s["findings"])

    def op_scrub_stream(self, s):
        scrubber = ag.Scrubber(self.engine)
        data = s["input"].encode()
        block, n = scrubber.scrub_counted(data)
        for size in s["chunk_sizes"]:
            with scrubber.stream() as st:
                out = b"".join(st.write(data[i:i + size]) for i in range(0, len(data), size))
                out += st.finish()
                self.tc.assertEqual(out, block, f"chunk size {size}")
                self.tc.assertEqual(len(st.findings()), n)
