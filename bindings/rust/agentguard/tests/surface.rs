//! The parts of the C ABI that the conformance vectors do not reach.
use std::path::PathBuf;

use agentguard::{encoding_for_model, estimate_tokens, Encoding, Engine, Ledger, Provider, Response, Scrubber, Status,
                 StreamParser, Style, Tokenizer};

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

#[test]
fn ledger_clock_and_expiry() {
    let e = Engine::new(Some(PRICED)).unwrap();
    let l = Ledger::new(&e, None).unwrap();
    l.set_time(1_767_225_600_000).unwrap();
    assert_eq!(l.now(), 1_767_225_600_000);
    assert_eq!(l.expire().unwrap(), 0);
}
