#!/usr/bin/env python3
"""Runs ag_bench_providers and measures Python's json.loads + dict walk on the same bodies.

usage: bench/compare_providers.py BUILD_DIR
Prints one table: usage extraction from the ~4 KB body, and SSE stream parsing in MB/s.
agentguard's figures are CPU time (the build machine is shared; wall time there mostly
measures the neighbours).
"""
import json
import os
import subprocess
import sys
import tempfile
import timeit


def python_usage(body):
    d = json.loads(body)
    u = d["usage"]
    details = u.get("prompt_tokens_details") or {}
    out_details = u.get("completion_tokens_details") or {}
    return (d["model"], u["prompt_tokens"], details.get("cached_tokens", 0),
            u["completion_tokens"], out_details.get("reasoning_tokens", 0),
            d["choices"][0]["finish_reason"])


def python_stream(sse):
    text, usage = [], {}
    for block in sse.split("\n\n"):
        data = [line[5:].lstrip(" ") for line in block.split("\n") if line.startswith("data:")]
        if not data:
            continue
        ev = json.loads("\n".join(data))
        t = ev.get("type")
        if t == "content_block_delta" and ev["delta"].get("type") == "text_delta":
            text.append(ev["delta"]["text"])
        elif t in ("message_start", "message_delta"):
            usage.update((ev.get("message") or ev).get("usage") or {})
    return "".join(text), usage


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else "build/h-prov-rel"
    exe = os.path.join(build, "bench", "ag_bench_providers")
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, AG_BENCH_DUMP=tmp)
        out = subprocess.run([exe, "--benchmark_format=json", "--benchmark_min_time=0.2",
                              "--benchmark_filter=UsageFromBody|UsageNoText|SseStream"],
                             env=env, check=True, capture_output=True, text=True).stdout
        body = open(os.path.join(tmp, "body.json"), encoding="utf-8").read()
        sse = open(os.path.join(tmp, "stream.sse"), encoding="utf-8").read()
    results = {b["name"]: b for b in json.loads(out)["benchmarks"]}

    n = 20000
    py_body_ns = timeit.timeit(lambda: python_usage(body), number=n) / n * 1e9
    reps = 5
    py_sse_s = timeit.timeit(lambda: python_stream(sse), number=reps) / reps
    py_sse_mbs = len(sse) / py_sse_s / 1e6

    def ns(name):
        b = results[name]
        scale = {"ns": 1, "us": 1e3, "ms": 1e6}[b["time_unit"]]
        return b["cpu_time"] * scale

    print(f"{'measure':52} {'agentguard':>14} {'python json':>14}")
    print(f"{'usage from %d-byte chat body (ns/body)' % len(body):52} "
          f"{ns('BM_UsageFromBody/openai_chat'):14.0f} {py_body_ns:14.0f}")
    print(f"{'  same, provider auto-detected (ns/body)':52} "
          f"{ns('BM_UsageFromBody/auto_detect'):14.0f} {'':>14}")
    print(f"{'  same, usage only (text not kept) (ns/body)':52} "
          f"{ns('BM_UsageNoText/openai_chat'):14.0f} {'':>14}")
    for chunk in (64, 4096, 1 << 20):
        name = f"BM_SseStream/{chunk}"
        mbs = len(sse) / (ns(name) / 1e9) / 1e6
        py = f"{py_sse_mbs:14.1f}" if chunk == 1 << 20 else f"{'':>14}"
        print(f"{'SSE %d-byte stream, %d-byte chunks (MB/s)' % (len(sse), chunk):52} {mbs:14.1f} {py}")


if __name__ == "__main__":
    main()
