"""The parts of the C ABI that the conformance vectors do not reach."""
import json
import os
import unittest

import agentguard as ag

TOKENIZERS = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "shared", "data",
                          "tokenizers")
CHUNK = ('data: {"id":"c1","object":"chat.completion.chunk","model":"acme-large","choices":'
         '[{"index":0,"delta":{"content":"Hi"},"finish_reason":"stop"}]}\n\n'
         'data: {"id":"c1","object":"chat.completion.chunk","model":"acme-large","choices":[],'
         '"usage":{"prompt_tokens":10,"completion_tokens":3,"total_tokens":13}}\n\ndata: [DONE]\n\n')
PRICED = {"version": 1, "pricing": {"models": {"acme-large": {"input_mtok": 1, "output_mtok": 4}}}}


class Responses(unittest.TestCase):
    def test_fields_and_json(self):
        body = {"id": "chatcmpl-9", "object": "chat.completion", "model": "m",
                "choices": [{"index": 0, "finish_reason": "length",
                             "message": {"role": "assistant", "content": "abc"}}],
                "usage": {"prompt_tokens": 1, "completion_tokens": 2, "total_tokens": 3}}
        with ag.Response.parse(json.dumps(body), ag.Provider.OPENAI_CHAT) as r:
            self.assertEqual((r.id, r.finish_raw, r.finish), ("chatcmpl-9", "length", ag.Finish.LENGTH))
            self.assertFalse(r.truncated)
            doc = r.to_json()
            self.assertEqual(doc["usage"]["output_tokens"], 2)
            self.assertEqual(doc["text"], "abc")

    def test_parse_error_names_the_problem(self):
        with self.assertRaises(ag.ParseError) as cm:
            ag.Response.parse(b"{", ag.Provider.OPENAI_CHAT)
        self.assertTrue(cm.exception.message)

    def test_record_stream_commits_usage(self):
        with ag.Engine(PRICED) as e, e.ledger() as l, l.begin() as run, ag.StreamParser() as p:
            rid = run.reserve("acme-large", 10, 10)
            p.write(CHUNK)
            self.assertTrue(p.done)
            p.finish()
            usage, cost = ag.record_stream(run, rid, p)
            self.assertEqual((usage.input_tokens, usage.output_tokens, cost), (10, 3, 22000))

    def test_stream_write_after_finish_is_a_state_error(self):
        with ag.StreamParser() as p:
            p.write(CHUNK)
            p.finish()
            with self.assertRaises(ag.AgentGuardError) as cm:
                p.write(CHUNK)
            self.assertEqual(cm.exception.code, ag.Status.STATE)


class Tokens(unittest.TestCase):
    def test_estimate_and_encodings(self):
        self.assertGreater(ag.estimate_tokens("hello world, this is a test"), 0)
        self.assertEqual(ag.estimate_tokens(b""), 0)
        self.assertEqual(ag.encoding_for_model("gpt-4o"), ag.Encoding.O200K_BASE)

    def test_missing_rank_files_are_reported(self):
        with ag.Tokenizer("/nonexistent-agentguard-dir") as t:
            with self.assertRaises(ag.AgentGuardError) as cm:
                t.count("hello")
            self.assertEqual(cm.exception.code, ag.Status.TOKENIZER)
            self.assertIn("nonexistent-agentguard-dir", cm.exception.message)

    @unittest.skipUnless(os.path.isdir(TOKENIZERS), "shared/data/tokenizers absent")
    def test_exact_counts(self):
        with ag.Tokenizer(TOKENIZERS) as t:
            self.assertEqual(t.count("hello world", ag.Encoding.O200K_BASE), 2)
            self.assertEqual(t.count("hello world", ag.Encoding.CL100K_BASE), 2)
        policy = {"version": 1, "tokenizers": {"dir": os.path.abspath(TOKENIZERS)}}
        try:
            e = ag.Engine(policy)
        except ag.PolicyError as err:
            self.skipTest(f"policy has no tokenizers.dir: {err}")
        with e:
            self.assertEqual(ag.count_tokens(e, "hello world"), 2)


class Scrubbing(unittest.TestCase):
    def setUp(self):
        self.engine = ag.Engine()
        self.addCleanup(self.engine.close)
        try:
            ag.Scrubber(self.engine).scan(b"x")
        except ag.AgentGuardError as e:
            self.fail(f"scrub database unavailable: {e}")

    def test_rules_are_listed(self):
        rules = ag.Scrubber(self.engine).rules()
        self.assertIn("github-pat", {r.id for r in rules})
        self.assertTrue(all(r.max_len > 0 and r.family for r in rules))

    def test_str_in_str_out_and_bytes_in_bytes_out(self):
        s = ag.Scrubber(self.engine, ag.Style.LABEL)
        secret = "ghp_a1B2c3D4e5a1B2c3D4e5a1B2c3D4e5a1B2c3"
        self.assertEqual(s.scrub(f"k={secret}"), "k=[REDACTED:github-pat]")
        self.assertEqual(s.scrub(f"k={secret}".encode()), b"k=[REDACTED:github-pat]")

    def test_stream_after_finish_is_a_state_error(self):
        with ag.Scrubber(self.engine).stream() as st:
            st.finish()
            with self.assertRaises(ag.AgentGuardError) as cm:
                st.write(b"more")
            self.assertEqual(cm.exception.code, ag.Status.STATE)


class Ledger(unittest.TestCase):
    def test_clock_and_expiry(self):
        with ag.Engine(PRICED) as e, e.ledger() as l:
            l.set_time(1_767_225_600_000)
            self.assertEqual(l.now(), 1_767_225_600_000)
            self.assertEqual(l.expire(), 0)


if __name__ == "__main__":
    unittest.main()
