"""The parts of the C ABI that the conformance vectors do not reach."""
import ctypes
import io
import json
import os
import tempfile
import unittest

import agentguard as ag
from agentguard._native import ScrubOpts

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


MIB = 1 << 20
SECRETS = [b"AKIAIOSFODNN7EXAMPLQ", b"AKIAZ7Q2K9D4M1X8P3LQ", b"AKIA4HJK2M5N8P0R3T6W",
           b"ghp_a1B2c3D4e5a1B2c3D4e5a1B2c3D4e5a1B2c3", b"ghp_Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2",
           b"ghp_0123456789abcdefghijABCDEFGHIJ012345", b"jane.doe@example.com",
           b"ops.alerts@acme-corp.io", b"billing+ref7@mail.example.org"]


def big_scrub_input():
    """(about 5 MiB of log lines, the secrets planted in it): each secret starts 3 bytes
    before one of 4 KiB, 1 MiB, 1.25 MiB, 2 MiB, 2.5 MiB, the middle, 3.75 MiB, 4 MiB and the
    end, so it straddles where a split into parts may fall."""
    lines, size, i = [], 0, 0
    while size < 5 * MIB + 40000:
        line = (f"2026-01-15T10:{i // 60 % 60:02d}:{i % 60:02d}.123Z INFO worker={i % 8} "
                f"request={i:07d} GET /api/v1/items?page={i % 50} status=200 took={i % 997}ms\n")
        lines.append(line.encode())
        size += len(line)
        i += 1
    data = bytearray(b"".join(lines)[:5 * MIB + 40000])
    offsets = [4096, MIB, MIB + MIB // 4, 2 * MIB, 5 * MIB // 2, len(data) // 2,
               3 * MIB + 3 * MIB // 4, 4 * MIB, len(data) - 200]
    for secret, at in zip(SECRETS, offsets):
        planted = b" " + secret + b" "
        data[at - 4:at - 4 + len(planted)] = planted
    return bytes(data), SECRETS


SCRUB_TO_SECRETS = [b"AKIAIOSFODNN7EXAMPLE", b"ghp_a1B2c3D4e5a1B2c3D4e5a1B2c3D4e5a1B2c3",
                    b"a1@example.org"]


def scrub_to_input():
    """(about 3 MiB of log lines with a line of three secrets every ~64 KiB, the number of
    secrets): the AWS key, the GitHub token and the e-mail address are each redacted by the
    default engine."""
    lines, size, secrets, i = [], 0, 0, 0
    while size < 3 * MIB:
        if i % 600 == 599:
            line = b"creds aws=%s gh=%s to=%s\n" % tuple(SCRUB_TO_SECRETS)
            secrets += 3
        else:
            line = (f"2026-01-15T10:{i // 60 % 60:02d}:{i % 60:02d}.123Z INFO worker={i % 8} "
                    f"request={i:07d} GET /api/v1/items status=200\n").encode()
        lines.append(line)
        size += len(line)
        i += 1
    return b"".join(lines), secrets


class DiskFull(Exception):
    pass


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

    def test_threads_give_the_same_output_and_findings(self):
        data, planted = big_scrub_input()
        s = ag.Scrubber(self.engine, ag.Style.LABEL)
        out1, n1 = s.scrub_counted(data, threads=1)
        out4, n4 = s.scrub_counted(data, threads=4)
        out0, n0 = s.scrub_counted(data)
        self.assertEqual(ag.Scrubber(self.engine, ag.Style.LABEL, threads=4).scrub_counted(data),
                         (out4, n4))
        self.assertEqual(out4, out1)
        self.assertEqual(n4, n1)
        self.assertEqual((out0, n0), (out1, n1))
        self.assertGreaterEqual(n1, len(planted))
        for secret in planted:
            self.assertNotIn(secret, out4)
        # scan: the same findings on 1 and 4 threads, as many as scrub counts.
        found1 = s.scan(data, threads=1)
        self.assertEqual(len(found1), n1)
        self.assertEqual(s.scan(data, threads=4), found1)
        self.assertEqual(ag.Scrubber(self.engine, threads=4).scan(data), found1)

    def test_output_much_longer_than_input_is_retried_with_the_exact_size(self):
        # 2000 e-mail addresses, each replaced by a longer label: the output outgrows the
        # first buffer scrub tries (len + len/8 + 4096), so the exact-size retry runs.
        secret = b"a1@example.org"
        data = b" ".join([secret] * 2000)
        s = ag.Scrubber(self.engine)
        out, n = s.scrub_counted(data)
        self.assertGreater(len(out), len(data) + len(data) // 8 + 4096)
        self.assertEqual(n, 2000)
        self.assertNotIn(secret, out)
        self.assertEqual(s.scrub(data.decode()), out.decode())
        # More findings than scan's first array (16 plus one per 4 KiB): the exact-size retry.
        found = s.scan(data)
        self.assertEqual(len(found), 2000)
        self.assertEqual(found[1999].start, len(data) - len(secret))
        with s.stream() as st:
            streamed = b"".join(st.write(data[i:i + 4096]) for i in range(0, len(data), 4096))
            streamed += st.finish()
            self.assertEqual(len(st.findings()), n)
        self.assertEqual(streamed, out)

    def test_too_many_threads_is_an_invalid_argument(self):
        s = ag.Scrubber(self.engine)
        for threads in (ag.SCRUB_THREADS_MAX + 1, -1, 1 << 32):
            with self.assertRaises(ag.InvalidArgument) as cm:
                s.scrub("k=ghp_a1B2c3D4e5a1B2c3D4e5a1B2c3D4e5a1B2c3", threads=threads)
            self.assertEqual(cm.exception.code, ag.Status.INVALID_ARGUMENT)
        with self.assertRaises(ag.InvalidArgument):
            ag.Scrubber(self.engine, threads=257).scrub(b"x")
        with self.assertRaises(ag.InvalidArgument):
            s.scan(b"x", threads=ag.SCRUB_THREADS_MAX + 1)
        self.assertEqual(s.scrub(b"x", threads=ag.SCRUB_THREADS_MAX), b"x")

    def test_scrub_to_matches_scrub(self):
        big, big_secrets = scrub_to_input()
        small = b"aws %s then %s, mail %s." % tuple(SCRUB_TO_SECRETS)
        for name, data, secrets in (("small", small, 3), ("3 MiB", big, big_secrets)):
            for threads in (1, 2):
                with self.subTest(input=name, threads=threads):
                    s = ag.Scrubber(self.engine, threads=threads)
                    want, want_n = s.scrub_counted(data)
                    chunks = []
                    n = s.scrub_to(data, chunks.append)
                    self.assertEqual(b"".join(chunks), want)
                    self.assertEqual(n, want_n)
                    self.assertEqual(n, secrets)
                    self.assertTrue(chunks)
                    self.assertTrue(all(type(c) is bytes and c for c in chunks))
                    for secret in SCRUB_TO_SECRETS:
                        self.assertNotIn(secret, b"".join(chunks))
                    # threads per call, as scrub takes it; str input as well
                    per_call = []
                    self.assertEqual(ag.Scrubber(self.engine).scrub_to(
                        data.decode(), per_call.append, threads=threads), n)
                    self.assertEqual(b"".join(per_call), want)

    def test_scrub_to_write_exception_stops_the_scrub(self):
        data, _ = scrub_to_input()
        for threads in (1, 2):
            with self.subTest(threads=threads):
                s = ag.Scrubber(self.engine, threads=threads)
                every = []
                s.scrub_to(data, every.append)
                self.assertGreater(len(every), 3)
                boom = DiskFull("no space left")
                seen = []

                def write(chunk):
                    seen.append(chunk)
                    if len(seen) == 3:
                        raise boom

                with self.assertRaises(DiskFull) as cm:
                    s.scrub_to(data, write)
                self.assertIs(cm.exception, boom)
                self.assertEqual(len(seen), 3, "pieces delivered after the failing one")
                self.assertEqual(seen[:2], every[:2])
        # Not only Exception: a KeyboardInterrupt raised by write comes back too.
        with self.assertRaises(KeyboardInterrupt):
            ag.Scrubber(self.engine).scrub_to(b"x a1@example.org y", self._interrupt)

    @staticmethod
    def _interrupt(_chunk):
        raise KeyboardInterrupt

    def test_scrub_to_invalid_threads_is_an_invalid_argument(self):
        s = ag.Scrubber(self.engine, threads=257)
        with self.assertRaises(ag.InvalidArgument):
            s.scrub(b"x a1@example.org")
        calls = []
        with self.assertRaises(ag.InvalidArgument) as cm:
            s.scrub_to(b"x a1@example.org", calls.append)
        self.assertEqual(cm.exception.code, ag.Status.INVALID_ARGUMENT)
        with self.assertRaises(ag.InvalidArgument):
            ag.Scrubber(self.engine).scrub_to(b"x", calls.append, threads=257)
        with self.assertRaises(ag.InvalidArgument):
            ag.Scrubber(self.engine).scrub_to(b"x", None)
        self.assertEqual(ag.Scrubber(self.engine).scrub_to(b"", calls.append), 0)
        self.assertEqual(calls, [])

    def test_scrub_to_bytes_io_and_a_file(self):
        data, secrets = scrub_to_input()
        s = ag.Scrubber(self.engine, ag.Style.LABEL)
        want, want_n = s.scrub_counted(data)
        buf = io.BytesIO()
        self.assertEqual(s.scrub_to(data, buf.write), want_n)
        self.assertEqual(buf.getvalue(), want)
        with tempfile.TemporaryFile() as f:
            self.assertEqual(s.scrub_to(data, f.write, threads=2), secrets)
            f.seek(0)
            self.assertEqual(f.read(), want)
        # A text file's write refuses bytes: its TypeError is what comes back.
        with self.assertRaises(TypeError):
            s.scrub_to(data, io.StringIO().write)

    def test_scrub_to_engine_closed_by_write_is_freed_after_the_call(self):
        data, secrets = scrub_to_input()
        e = ag.Engine()
        s = ag.Scrubber(e)
        chunks = []

        def write(chunk):
            chunks.append(chunk)
            e.close()

        self.assertEqual(s.scrub_to(data, write), secrets)
        self.assertTrue(e.closed)
        self.assertNotIn(SCRUB_TO_SECRETS[1], b"".join(chunks))
        with self.assertRaises(ag.AgentGuardError) as cm:
            s.scrub_to(b"x", chunks.append)
        self.assertEqual(cm.exception.code, ag.Status.STATE)

    def test_options_struct_is_the_current_size(self):
        self.assertEqual(ctypes.sizeof(ScrubOpts), 12)
        self.assertEqual((ag.SCRUB_PART_MIN, ag.SCRUB_THREADS_MAX), (1 << 20, 256))

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
