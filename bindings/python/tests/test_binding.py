import os
import threading
import time
import unittest

import agentguard as ag

PRICED = {"version": 1, "budgets": {"run": {"usd": 1}},
          "pricing": {"models": {"acme-large": {"input_mtok": 1, "output_mtok": 4}}}}


class Version(unittest.TestCase):
    def test_loaded_library_matches(self):
        self.assertEqual(ag.version_number() // 10000, ag.EXPECTED_MAJOR)
        self.assertRegex(ag.version(), r"^\d+\.\d+\.\d+")

    def test_other_major_is_refused(self):
        ag.check_version(ag.EXPECTED_MAJOR * 10000 + 907)
        with self.assertRaises(ag.VersionMismatch) as cm:
            ag.check_version((ag.EXPECTED_MAJOR + 1) * 10000)
        self.assertEqual(cm.exception.code, ag.Status.VERSION)
        self.assertIn("needs major version", str(cm.exception))


class Errors(unittest.TestCase):
    def test_policy_error_carries_code_and_message(self):
        with self.assertRaises(ag.ParseError) as cm:
            ag.Engine("{")
        self.assertEqual(cm.exception.code, ag.Status.PARSE)
        self.assertTrue(cm.exception.message)
        self.assertIsInstance(cm.exception, ag.AgentGuardError)

    def test_unknown_model_message_names_the_model(self):
        with ag.Engine(PRICED) as e:
            with self.assertRaises(ag.UnknownModel) as cm:
                e.price("no-such-model-xyz", ag.Usage(input_tokens=1))
            self.assertIn("no-such-model-xyz", cm.exception.message)

    def test_budget_exceeded_is_not_retryable(self):
        with ag.Engine(PRICED) as e, e.ledger() as l, l.begin() as run:
            with self.assertRaises(ag.BudgetExceeded) as cm:
                run.reserve("acme-large", 1_000_000, 1_000_000)
            self.assertFalse(ag.is_retryable(cm.exception.code))
            self.assertTrue(cm.exception.message)

    def test_use_after_close_raises(self):
        e = ag.Engine(PRICED)
        e.close()
        with self.assertRaises(ag.AgentGuardError) as cm:
            e.price("acme-large", {})
        self.assertEqual(cm.exception.code, ag.Status.STATE)


class Lifecycle(unittest.TestCase):
    def test_double_close_is_safe(self):
        e = ag.Engine()
        l = e.ledger()
        r = l.begin()
        for h in (r, r, l, l, e, e):
            h.close()
        self.assertTrue(e.closed and l.closed and r.closed)

    def test_parent_closed_first_stays_usable_by_children(self):
        e = ag.Engine(PRICED)
        l = e.ledger()
        run = l.begin()
        e.close()
        l.close()
        rid = run.reserve("acme-large", 10, 10)
        self.assertEqual(run.commit(rid, {"input_tokens": 10, "output_tokens": 1}), 14000)
        run.close()
        self.assertIsNone(e._ptr)

    def test_create_free_cycles_do_not_leak(self):
        # A million runs and stream parsers (and two thousand engines) are created and
        # closed; resident memory may not grow by more than 64 bytes per cycle. A leaked run
        # or parser is several hundred bytes, a leaked engine over 100 KB.
        def rss_bytes():
            with open("/proc/self/statm") as f:
                return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

        def cycles(n, make):
            for _ in range(1000):  # warm caches and free lists first
                make().close()
            before = rss_bytes()
            t0 = time.perf_counter()
            for _ in range(n):
                make().close()
            us = (time.perf_counter() - t0) / n * 1e6
            return us, rss_bytes() - before

        with ag.Engine() as e, e.ledger() as l:
            results = {"Engine()": (2_000, cycles(2_000, ag.Engine)),
                       "Ledger.begin()": (1_000_000, cycles(1_000_000, l.begin)),
                       "StreamParser()": (1_000_000, cycles(1_000_000, ag.StreamParser))}
            self.assertEqual(l.begin().stats().open_reservations, 0)
        for name, (n, (_, grown)) in results.items():
            self.assertLess(grown, 64 * 1024 * 1024,
                            f"{name}: resident memory grew {grown} bytes over {n} create/close cycles")
        print("\n" + ", ".join(f"{k}+close x{n}: {us:.1f} us, rss {grown // 1024:+d} KB"
                               for k, (n, (us, grown)) in results.items()))

    def test_snapshot_restore_round_trip(self):
        with ag.Engine(PRICED) as e, e.ledger() as l:
            with l.begin({"run_id": "snap-1", "user": "u"}) as run:
                rid = run.reserve("acme-large", 100, 100)
                run.commit(rid, {"input_tokens": 100, "output_tokens": 10})
                run.turn()
                snap = run.snapshot()
            self.assertIn("snap-1", snap)
            with l.restore(snap, ag.RESTORE_DEFAULT) as back:
                self.assertEqual(back.id, "snap-1")
                st = back.stats()
                self.assertEqual((st.spent_nusd, st.turns), (140000, 1))


class Concurrency(unittest.TestCase):
    def test_threads_never_overspend(self):
        policy = {"version": 1, "budgets": {"run": {"usd": 0.01}},
                  "pricing": {"models": {"acme-large": {"input_mtok": 1, "output_mtok": 4}}}}
        with ag.Engine(policy) as e, e.ledger() as l, l.begin() as run:
            granted = []
            lock = threading.Lock()

            def worker():
                for _ in range(200):
                    try:
                        rid = run.reserve("acme-large", 100, 0)  # 100000 nano-USD each
                    except ag.BudgetExceeded:
                        continue
                    run.commit(rid, {"input_tokens": 100})
                    with lock:
                        granted.append(rid)

            threads = [threading.Thread(target=worker) for _ in range(4)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            self.assertEqual(len(granted), 100)
            self.assertEqual(len(set(granted)), 100)
            self.assertEqual(run.stats().spent_nusd, 10_000_000)


if __name__ == "__main__":
    unittest.main()
