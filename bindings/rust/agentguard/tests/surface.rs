//! The parts of the C ABI that the conformance vectors do not reach.
use std::path::PathBuf;

use agentguard::{encoding_for_model, estimate_tokens, sys, Encoding, Engine, Ledger, Provider, Response, Scrubber,
                 Status, StreamParser, Style, Tokenizer, SCRUB_PART_MIN, SCRUB_THREADS_MAX};

const CHUNK: &str = concat!(
    r#"data: {"id":"c1","object":"chat.completion.chunk","model":"acme-large","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":"stop"}]}"#,
    "\n\n",
    r#"data: {"id":"c1","object":"chat.completion.chunk","model":"acme-large","choices":[],"usage":{"prompt_tokens":10,"completion_tokens":3,"total_tokens":13}}"#,
    "\n\ndata: [DONE]\n\n"
);
const PRICED: &[u8] = br#"{"version":1,"pricing":{"models":{"acme-large":{"input_mtok":1,"output_mtok":4}}}}"#;

#[test]
fn response_fields_and_json() {
    let r = Response::parse(
        Provider::OpenAiChat,
        br#"{"id":"chatcmpl-9","object":"chat.completion","model":"m","choices":[{"index":0,"finish_reason":"length","message":{"role":"assistant","content":"abc"}}],"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}}"#,
    )
    .unwrap();
    assert_eq!(r.id().unwrap(), "chatcmpl-9");
    assert_eq!(r.finish_raw().unwrap(), "length");
    assert_eq!(r.finish(), agentguard::sys::AG_FINISH_LENGTH);
    assert!(!r.truncated());
    assert!(r.to_json().unwrap().contains("\"output_tokens\":2"));
    let err = Response::parse(Provider::OpenAiChat, b"{").err().unwrap();
    assert_eq!(err.status, Status::Parse);
}

#[test]
fn record_stream_commits_usage() {
    let e = Engine::new(Some(PRICED)).unwrap();
    let l = Ledger::new(&e, None).unwrap();
    let run = l.begin(None).unwrap();
    let mut p = StreamParser::new(Provider::Auto).unwrap();
    let id = run.reserve("acme-large", 10, 10).unwrap();
    p.write(CHUNK.as_bytes()).unwrap();
    assert!(p.done());
    p.finish().unwrap();
    let (u, cost) = run.record_stream(id, &p).unwrap();
    assert_eq!((u.input_tokens, u.output_tokens, cost), (10, 3, 22000));
    assert_eq!(p.write(CHUNK.as_bytes()).unwrap_err().status, Status::State);
}

#[test]
fn tokens() {
    assert!(estimate_tokens(b"hello world, this is a test").unwrap() > 0);
    assert_eq!(encoding_for_model("gpt-4o"), Encoding::O200kBase);
    let missing = Tokenizer::new(Some("/nonexistent-agentguard-dir")).unwrap();
    let err = missing.count(b"hello", Encoding::O200kBase).unwrap_err();
    assert_eq!(err.status, Status::Tokenizer);
    assert!(err.message.contains("nonexistent-agentguard-dir"), "{}", err);
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../../shared/data/tokenizers");
    if !dir.is_dir() {
        eprintln!("skipped exact counts: shared/data/tokenizers absent");
        return;
    }
    let t = Tokenizer::new(dir.to_str()).unwrap();
    assert_eq!(t.count(b"hello world", Encoding::Cl100kBase).unwrap(), 2);
    let e = Engine::new(None).unwrap();
    assert!(e.count_tokens(b"hello", Encoding::Estimate).unwrap() > 0);
}

#[test]
fn scrub_surface() {
    let e = Engine::new(None).unwrap();
    let s = Scrubber::new(&e, Style::Label);
    assert!(s.rules().unwrap().iter().any(|r| r.id == "github-pat" && r.max_len > 0));
    assert_eq!(s.scrub_str("k=ghp_a1B2c3D4e5a1B2c3D4e5a1B2c3D4e5a1B2c3").unwrap(), "k=[REDACTED:github-pat]");
    let mut st = s.stream().unwrap();
    st.finish().unwrap();
    assert_eq!(st.write(b"more").unwrap_err().status, Status::State);
}

const MIB: usize = 1 << 20;
const SECRETS: [&str; 9] = [
    "AKIAIOSFODNN7EXAMPLQ",
    "AKIAZ7Q2K9D4M1X8P3LQ",
    "AKIA4HJK2M5N8P0R3T6W",
    "ghp_a1B2c3D4e5a1B2c3D4e5a1B2c3D4e5a1B2c3",
    "ghp_Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2",
    "ghp_0123456789abcdefghijABCDEFGHIJ012345",
    "jane.doe@example.com",
    "ops.alerts@acme-corp.io",
    "billing+ref7@mail.example.org",
];

/// About 5 MiB of log lines with SECRETS planted: each starts 3 bytes before one of 4 KiB,
/// 1 MiB, 1.25 MiB, 2 MiB, 2.5 MiB, the middle, 3.75 MiB, 4 MiB and the end, so it straddles
/// where a split into parts may fall.
fn big_scrub_input() -> Vec<u8> {
    let len = 5 * MIB + 40_000;
    let mut data = Vec::with_capacity(len + 200);
    let mut i = 0usize;
    while data.len() < len {
        let line = format!(
            "2026-01-15T10:{:02}:{:02}.123Z INFO worker={} request={:07} GET /api/v1/items?page={} \
             status=200 took={}ms\n",
            i / 60 % 60, i % 60, i % 8, i, i % 50, i % 997
        );
        data.extend_from_slice(line.as_bytes());
        i += 1;
    }
    data.truncate(len);
    let offsets = [4096, MIB, MIB + MIB / 4, 2 * MIB, 5 * MIB / 2, len / 2, 3 * MIB + 3 * MIB / 4, 4 * MIB, len - 200];
    for (secret, at) in SECRETS.iter().zip(offsets) {
        let planted = format!(" {} ", secret);
        data[at - 4..at - 4 + planted.len()].copy_from_slice(planted.as_bytes());
    }
    data
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn scrub_threads_give_the_same_output_and_findings() {
    let e = Engine::new(None).unwrap();
    let data = big_scrub_input();
    let s = Scrubber::new(&e, Style::Label);
    let (out1, n1) = s.clone().with_threads(1).scrub(&data).unwrap();
    let (out4, n4) = s.clone().with_threads(4).scrub(&data).unwrap();
    let (out0, n0) = s.scrub(&data).unwrap();
    assert!(out4 == out1, "threads 4 and 1 differ");
    assert_eq!(n4, n1);
    assert!(out0 == out1, "the default and threads 1 differ");
    assert_eq!(n0, n1);
    assert!(n1 >= SECRETS.len(), "{} findings", n1);
    for secret in SECRETS {
        assert!(!contains(&out4, secret), "{} survived", secret);
    }
    // scan: the same findings on 1 and 4 threads, as many as scrub counts.
    let found1 = s.clone().with_threads(1).scan(&data).unwrap();
    let found4 = s.clone().with_threads(4).scan(&data).unwrap();
    assert_eq!(found1.len(), n1);
    assert!(found4 == found1, "scan on 4 threads differs from 1");
}

/// 2000 e-mail addresses, each replaced by a longer label: the output outgrows the first
/// buffer `scrub` tries (len + len/8 + 4096), so the exact-size retry runs.
#[test]
fn scrub_output_longer_than_input_is_retried() {
    let e = Engine::new(None).unwrap();
    let secret = "a1@example.org";
    let data = vec![secret; 2000].join(" ").into_bytes();
    let s = Scrubber::new(&e, Style::Default);
    let (out, n) = s.scrub(&data).unwrap();
    assert!(out.len() > data.len() + data.len() / 8 + 4096, "{} bytes in, {} out", data.len(), out.len());
    assert_eq!(n, 2000);
    assert!(!contains(&out, secret), "a secret survived");
    assert!(s.scrub_str(std::str::from_utf8(&data).unwrap()).unwrap().as_bytes() == &out[..]);
    // More findings than scan's first array (16 plus one per 4 KiB): the exact-size retry.
    let found = s.scan(&data).unwrap();
    assert_eq!(found.len(), 2000);
    assert_eq!(found[1999].start as usize, data.len() - secret.len());
    let mut st = s.stream().unwrap();
    let mut streamed = Vec::new();
    for part in data.chunks(4096) {
        streamed.extend_from_slice(&st.write(part).unwrap());
    }
    streamed.extend_from_slice(&st.finish().unwrap());
    assert!(streamed == out, "stream output ({} bytes) differs from scrub ({} bytes)", streamed.len(), out.len());
    assert_eq!(st.findings().unwrap().len(), n);
}

#[test]
fn scrub_threads_over_the_maximum_are_invalid() {
    let e = Engine::new(None).unwrap();
    let s = Scrubber::new(&e, Style::Label);
    let err = s.clone().with_threads(SCRUB_THREADS_MAX + 1).scrub(b"x").unwrap_err();
    assert_eq!(err.status, Status::InvalidArgument);
    assert_eq!(err.code(), sys::AG_E_INVALID_ARGUMENT);
    let err = s.clone().with_threads(SCRUB_THREADS_MAX + 1).scan(b"x").unwrap_err();
    assert_eq!(err.status, Status::InvalidArgument);
    assert_eq!(s.with_threads(SCRUB_THREADS_MAX).scrub(b"x").unwrap(), (b"x".to_vec(), 0));
}

/// About 3 MiB of log lines with a line of three secrets every ~64 KiB (the AWS key, the
/// GitHub token and the e-mail address are each redacted by the default engine), and the
/// number of secrets.
fn scrub_to_input() -> (Vec<u8>, usize) {
    let mut data = Vec::with_capacity(3 * MIB + 200);
    let mut lines = 0;
    let mut i = 0usize;
    while data.len() < 3 * MIB {
        if i % 600 == 599 {
            data.extend_from_slice(
                b"creds aws=AKIAIOSFODNN7EXAMPLE gh=ghp_a1B2c3D4e5a1B2c3D4e5a1B2c3D4e5a1B2c3 to=a1@example.org\n",
            );
            lines += 1;
        } else {
            let line = format!(
                "2026-01-15T10:{:02}:{:02}.123Z INFO worker={} request={:07} GET /api/v1/items status=200\n",
                i / 60 % 60, i % 60, i % 8, i
            );
            data.extend_from_slice(line.as_bytes());
        }
        i += 1;
    }
    (data, 3 * lines)
}

const SCRUB_TO_SECRETS: [&str; 3] =
    ["AKIAIOSFODNN7EXAMPLE", "ghp_a1B2c3D4e5a1B2c3D4e5a1B2c3D4e5a1B2c3", "a1@example.org"];

/// Gathers scrub_to's output and counts the pieces; the `fail_at`-th piece (from 1) fails
/// with a BrokenPipe error, or panics when `panic` is set.
#[derive(Default)]
struct PieceWriter {
    out: Vec<u8>,
    pieces: usize,
    empty: usize,
    fail_at: usize,
    panic: bool,
}

impl std::io::Write for PieceWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.pieces += 1;
        if buf.is_empty() {
            self.empty += 1;
        }
        if self.pieces == self.fail_at {
            if self.panic {
                panic!("writer broke");
            }
            return Err(std::io::Error::new(std::io::ErrorKind::BrokenPipe, "pipe closed"));
        }
        self.out.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn scrub_to_matches_scrub() {
    let e = Engine::new(None).unwrap();
    let (big, big_secrets) = scrub_to_input();
    let small = b"aws AKIAIOSFODNN7EXAMPLE then ghp_a1B2c3D4e5a1B2c3D4e5a1B2c3D4e5a1B2c3, mail a1@example.org.".to_vec();
    for (name, data, secrets) in [("small", &small, 3), ("3 MiB", &big, big_secrets)] {
        for threads in [1, 2] {
            let s = Scrubber::new(&e, Style::Default).with_threads(threads);
            let (want, want_n) = s.scrub(data).unwrap();
            let mut w = PieceWriter::default();
            let n = s.scrub_to(data, &mut w).unwrap();
            assert!(w.out == want, "{} threads {}: scrub_to gave {} bytes, scrub {}", name, threads, w.out.len(),
                    want.len());
            assert_eq!(n, want_n, "{} threads {}", name, threads);
            assert_eq!(n, secrets, "{} threads {}", name, threads);
            assert!(w.pieces > 0 && w.empty == 0, "{} threads {}: {} pieces, {} empty", name, threads, w.pieces,
                    w.empty);
            for secret in SCRUB_TO_SECRETS {
                assert!(!contains(&w.out, secret), "{} threads {}: {} survived", name, threads, secret);
            }
            // Any io::Write, unsized too.
            let mut v: Vec<u8> = Vec::new();
            let dynamic: &mut dyn std::io::Write = &mut v;
            assert_eq!(s.scrub_to(data, dynamic).unwrap(), want_n);
            assert!(v == want);
        }
    }
}

#[test]
fn scrub_to_writer_error_stops_the_scrub() {
    let e = Engine::new(None).unwrap();
    let (data, _) = scrub_to_input();
    for threads in [1, 2] {
        let s = Scrubber::new(&e, Style::Default).with_threads(threads);
        let mut all = PieceWriter::default();
        s.scrub_to(&data, &mut all).unwrap();
        assert!(all.pieces > 3, "threads {}: only {} pieces", threads, all.pieces);
        let mut w = PieceWriter { fail_at: 3, ..Default::default() };
        let err = s.scrub_to(&data, &mut w).unwrap_err();
        assert_eq!(err.status, Status::Io);
        let io = err.io_error().expect("the writer's io::Error is kept");
        assert_eq!(io.kind(), std::io::ErrorKind::BrokenPipe);
        assert_eq!(io.to_string(), "pipe closed");
        assert!(err.to_string().contains("pipe closed"), "{}", err);
        assert!(std::error::Error::source(&err).is_some());
        assert_eq!(w.pieces, 3, "threads {}: pieces delivered after the failing one", threads);
        assert!(!w.out.is_empty() && all.out.starts_with(&w.out), "threads {}: the first two pieces", threads);
        let back = std::io::Error::from(err);
        assert_eq!((back.kind(), back.to_string()), (std::io::ErrorKind::BrokenPipe, "pipe closed".to_string()));
    }
}

#[test]
fn scrub_to_writer_panic_resumes_after_the_call() {
    let e = Engine::new(None).unwrap();
    let (data, _) = scrub_to_input();
    let s = Scrubber::new(&e, Style::Default);
    let mut w = PieceWriter { fail_at: 2, panic: true, ..Default::default() };
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| s.scrub_to(&data, &mut w)));
    let payload = caught.expect_err("the writer's panic resumes");
    assert_eq!(payload.downcast_ref::<&str>(), Some(&"writer broke"));
    assert_eq!(w.pieces, 2);
    assert_eq!(Scrubber::new(&e, Style::Label).scrub_str("k=ghp_a1B2c3D4e5a1B2c3D4e5a1B2c3D4e5a1B2c3").unwrap(),
               "k=[REDACTED:github-pat]");
}

#[test]
fn scrub_to_invalid_threads_is_an_invalid_argument() {
    let e = Engine::new(None).unwrap();
    let s = Scrubber::new(&e, Style::Default).with_threads(257);
    let block = s.scrub(b"x a1@example.org").unwrap_err();
    let mut w = PieceWriter::default();
    let err = s.scrub_to(b"x a1@example.org", &mut w).unwrap_err();
    assert_eq!((err.status, block.status), (Status::InvalidArgument, Status::InvalidArgument));
    assert_eq!(err.code(), sys::AG_E_INVALID_ARGUMENT);
    assert!(err.io_error().is_none());
    assert_eq!(w.pieces, 0);
    assert_eq!(std::io::Error::from(err).kind(), std::io::ErrorKind::InvalidInput);
    assert_eq!(Scrubber::new(&e, Style::Default).scrub_to(b"", &mut w).unwrap(), 0);
    assert_eq!(w.pieces, 0);
}

#[test]
fn scrub_opts_layout() {
    assert_eq!(std::mem::size_of::<sys::ag_scrub_opts>(), 12);
    assert_eq!((SCRUB_PART_MIN, SCRUB_THREADS_MAX), (1 << 20, 256));
}

#[test]
fn ledger_clock_and_expiry() {
    let e = Engine::new(Some(PRICED)).unwrap();
    let l = Ledger::new(&e, None).unwrap();
    l.set_time(1_767_225_600_000).unwrap();
    assert_eq!(l.now(), 1_767_225_600_000);
    assert_eq!(l.expire().unwrap(), 0);
}
