#!/usr/bin/env python3
"""Writes SIZE_MB of mostly clean tool output with sparse secrets (about one per 16 KB).

usage: scrub_corpus.py OUT SIZE_MB
"""
import random
import sys

LINES = [
    "2024-05-01T10:00:00.123Z INFO  http request served method=GET path=/v1/items/{a} status=200 ms={b}\n",
    '{{"id": "{a}", "object": "chat.completion", "model": "gpt-4o", "usage": {{"total_tokens": {b}}}}}\n',
    "The deployment finished after {a} retries; the cache hit rate was {b} percent overall.\n",
    "  at com.example.service.Handler.process(Handler.java:{a}) commit 9fceb02d0ae598e95dc970b74767f19372d6{b:04d}\n",
]
SECRETS = [
    "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPL{a}\n",
    "Authorization: Bearer ghp_16C7e42F292c6912E7710c838347Ae178B4a{a}\n",
    "export OPENAI_API_KEY=sk-proj-abcDEF1234567890ghiJKL{a}T3BlbkFJxyz0987654321QWERTYuiop\n",
    "contact jane.doe{a}@example.com for access\n",
]


def main() -> None:
    out, size = sys.argv[1], int(sys.argv[2]) << 20
    rng = random.Random(1)
    parts, total, next_secret = [], 0, 16384
    while total < size:
        line = rng.choice(LINES).format(a=rng.randrange(100000), b=rng.randrange(1000))
        if total >= next_secret:
            line += rng.choice(SECRETS).format(a=rng.randrange(10))
            next_secret += 16384
        parts.append(line)
        total += len(line)
    with open(out, "w", encoding="ascii") as f:
        f.write("".join(parts)[:size])


if __name__ == "__main__":
    main()
