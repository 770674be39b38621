"""Per-call overhead from Python: python3 bench/overhead.py (AGENTGUARD_LIB as for tests)."""
import time

import agentguard as ag
from agentguard._native import lib


def per_call_ns(n, fn):
    for _ in range(n // 10):
        fn()
    t0 = time.perf_counter_ns()
    for _ in range(n):
        fn()
    return (time.perf_counter_ns() - t0) / n


def main():
    print(f"python ag_version_number (raw ctypes): {per_call_ns(1_000_000, lib.ag_version_number):.0f} ns/call")
    print(f"python version_number(): {per_call_ns(1_000_000, ag.version_number):.0f} ns/call")
    with ag.Engine() as engine:
        scrubber = ag.Scrubber(engine)
        text = (b"user asked about the deploy; token ghp_a1B2c3D4e5a1B2c3D4e5a1B2c3D4e5a1B2c3 "
                b"and mail bob@example.com ") * 12
        text = text[:1024]
        try:
            scrubber.scrub(text)
        except ag.AgentGuardError as e:
            print(f"python scrub 1 KB: unavailable ({e})")
            return
        print(f"python scrub 1 KB: {per_call_ns(20_000, lambda: scrubber.scrub(text)) / 1000:.2f} us/call")


if __name__ == "__main__":
    main()
