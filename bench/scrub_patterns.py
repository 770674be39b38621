#!/usr/bin/env python3
"""A typical hand-written scrubber: a list of regexes applied one re.sub at a time.

usage: scrub_patterns.py rg            print ripgrep arguments (-e PATTERN per line)
       scrub_patterns.py scrub FILE    scrub FILE to stdout
"""
import re
import sys

PATTERNS = [
    ("aws-access-key-id", r"\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}\b"),
    ("aws-secret", r"(?i)aws_secret_access_key\s*[=:]\s*[A-Za-z0-9/+=]{40}"),
    ("github-pat", r"\bghp_[A-Za-z0-9]{36}\b"),
    ("github-oauth", r"\bgho_[A-Za-z0-9]{36}\b"),
    ("github-app", r"\b(?:ghu|ghs)_[A-Za-z0-9]{36}\b"),
    ("github-fine-grained", r"\bgithub_pat_[A-Za-z0-9_]{82}\b"),
    ("gitlab-pat", r"\bglpat-[A-Za-z0-9_\-]{20}\b"),
    ("openai-key", r"\bsk-(?:proj-)?[A-Za-z0-9_\-]{20,}T3BlbkFJ[A-Za-z0-9_\-]{20,}"),
    ("openai-legacy", r"\bsk-[A-Za-z0-9]{48}\b"),
    ("anthropic-key", r"\bsk-ant-(?:api|admin)\d{2}-[A-Za-z0-9_\-]{80,120}"),
    ("slack-token", r"\bxox[abposr]-[A-Za-z0-9\-]{10,72}"),
    ("slack-webhook", r"https://hooks\.slack\.com/services/T[A-Z0-9]+/B[A-Z0-9]+/[A-Za-z0-9]+"),
    ("stripe-key", r"\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{24,99}\b"),
    ("google-api-key", r"\bAIza[A-Za-z0-9_\-]{35}"),
    ("google-oauth", r"\bya29\.[A-Za-z0-9_\-]{30,}"),
    ("sendgrid", r"\bSG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43}\b"),
    ("twilio", r"\bSK[0-9a-fA-F]{32}\b"),
    ("mailgun", r"\bkey-[0-9a-zA-Z]{32}\b"),
    ("npm-token", r"\bnpm_[A-Za-z0-9]{36}\b"),
    ("pypi-token", r"\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_\-]{50,}"),
    ("huggingface", r"\bhf_[A-Za-z0-9]{34}\b"),
    ("digitalocean", r"\bdop_v1_[a-f0-9]{64}\b"),
    ("shopify", r"\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b"),
    ("square", r"\bEAAA[A-Za-z0-9_\-]{60}\b"),
    ("azure-storage", r"AccountKey=[A-Za-z0-9+/=]{88}"),
    ("private-key", r"-----BEGIN [A-Z ]*PRIVATE KEY-----[A-Za-z0-9+/=\s]+-----END [A-Z ]*PRIVATE KEY-----"),
    ("jwt", r"\beyJ[A-Za-z0-9_\-]{10,}\.eyJ[A-Za-z0-9_\-]{10,}\.[A-Za-z0-9_\-]{10,}"),
    ("postgres-url", r"postgres(?:ql)?://[^:\s]+:[^@\s]+@[^\s/]+"),
    ("mysql-url", r"mysql://[^:\s]+:[^@\s]+@[^\s/]+"),
    ("mongodb-url", r"mongodb(?:\+srv)?://[^:\s]+:[^@\s]+@[^\s/]+"),
    ("redis-url", r"redis://[^:\s]*:[^@\s]+@[^\s/]+"),
    ("bearer", r"(?i)authorization:\s*bearer\s+[A-Za-z0-9_\-\.=]{20,}"),
    ("basic-auth", r"(?i)authorization:\s*basic\s+[A-Za-z0-9+/=]{16,}"),
    ("password-assign", r"(?i)(?:password|passwd|pwd)\s*[=:]\s*[^\s\x22']{8,}"),
    ("secret-assign", r"(?i)(?:secret|client_secret)\s*[=:]\s*[^\s\x22']{8,}"),
    ("api-key-assign", r"(?i)api[_-]?key\s*[=:]\s*[A-Za-z0-9_\-]{16,}"),
    ("token-assign", r"(?i)(?:access|auth|refresh)?_?token\s*[=:]\s*[A-Za-z0-9_\-\.]{16,}"),
    ("email", r"\b[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}\b"),
    ("credit-card", r"\b(?:4[0-9]{3}|5[1-5][0-9]{2}|3[47][0-9]{2})[ -]?[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{1,4}\b"),
    ("us-ssn", r"\b[0-9]{3}-[0-9]{2}-[0-9]{4}\b"),
    ("iban", r"\b[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}\b"),
    ("phone", r"\+?1?[ .-]?\(?[0-9]{3}\)?[ .-][0-9]{3}[ .-][0-9]{4}\b"),
]


def main() -> None:
    if sys.argv[1] == "rg":
        for _, p in PATTERNS:
            print("-e")
            print(p)
        return
    with open(sys.argv[2], encoding="utf-8", errors="surrogateescape") as f:
        text = f.read()
    for name, p in PATTERNS:
        text = re.sub(p, f"[REDACTED:{name}]", text)
    sys.stdout.write(text.encode("utf-8", "surrogateescape").decode("utf-8", "replace"))


if __name__ == "__main__":
    main()
