//! Idiomatic behaviour of the Rust binding: errors, ownership, threads, version checks.
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::Instant;

use agentguard::{check_version, Engine, Ledger, Restore, Run, ScrubStream, Scope, Status, StreamParser, Usage, Window,
                 EXPECTED_MAJOR};

const PRICED: &[u8] =
    br#"{"version":1,"budgets":{"run":{"usd":1}},"pricing":{"models":{"acme-large":{"input_mtok":1,"output_mtok":4}}}}"#;

fn assert_send_sync<T: Send + Sync>() {}
fn assert_send<T: Send>() {}

#[test]
fn thread_safety_follows_the_c_contract() {
    assert_send_sync::<Engine>();
    assert_send_sync::<Ledger>();
    assert_send_sync::<Run>();
    assert_send::<ScrubStream>();
    assert_send::<StreamParser>();
}

#[test]
fn version_is_checked() {
    assert_eq!(agentguard::version_number() / 10000, EXPECTED_MAJOR);
    assert!(!agentguard::version().is_empty());
    assert!(check_version(EXPECTED_MAJOR * 10000 + 907, EXPECTED_MAJOR).is_ok());
    let err = check_version((EXPECTED_MAJOR + 1) * 10000, EXPECTED_MAJOR).unwrap_err();
    assert_eq!(err.status, Status::Version);
    assert!(err.message.contains("needs major version"), "{}", err);
}

#[test]
fn errors_carry_status_and_message() {
    let err = Engine::new(Some(b"{")).err().expect("malformed policy refused");
    assert_eq!(err.status, Status::Parse);
    assert_eq!(err.code(), -6);
    assert!(!err.message.is_empty());
    let e = Engine::new(Some(PRICED)).unwrap();
    let err = e.price("no-such-model-xyz", Usage { input_tokens: 1, ..Default::default() }).unwrap_err();
    assert_eq!(err.status, Status::UnknownModel);
    assert!(err.message.contains("no-such-model-xyz"), "{}", err);
    let l = Ledger::new(&e, None).unwrap();
    let run = l.begin(None).unwrap();
    let err = run.reserve("acme-large", 1_000_000, 1_000_000).unwrap_err();
    assert_eq!(err.status, Status::BudgetExceeded);
    assert!(!err.status.is_retryable() && !err.message.is_empty());
}

#[test]
fn children_keep_their_parents_alive() {
    let run = {
        let e = Engine::new(Some(PRICED)).unwrap();
        let l = Ledger::new(&e, None).unwrap();
        l.begin(None).unwrap()
    }; // engine and ledger handles dropped here; the run still owns them
    let id = run.reserve("acme-large", 10, 10).unwrap();
    assert_eq!(run.commit(id, Usage { input_tokens: 10, output_tokens: 1, ..Default::default() }).unwrap(), 14000);
}

/// The process's resident set size in bytes, from /proc/self/statm (4 KiB pages).
fn rss_bytes() -> i64 {
    let statm = std::fs::read_to_string("/proc/self/statm").expect("/proc/self/statm");
    let pages: i64 = statm.split_whitespace().nth(1).unwrap().parse().unwrap();
    pages * 4096
}

/// A million runs and stream parsers (and two thousand engines) are created and dropped;
/// resident memory may not grow by more than 64 bytes per cycle. A leaked run or parser
/// is several hundred bytes, a leaked engine over 100 KB.
#[test]
fn create_free_cycles_do_not_leak() {
    let e = Engine::new(None).unwrap();
    let l = Ledger::new(&e, None).unwrap();
    let cycles = |name: &str, n: u32, f: &dyn Fn()| {
        for _ in 0..1000 {
            f(); // warm caches and free lists first
        }
        let before = rss_bytes();
        let t = Instant::now();
        for _ in 0..n {
            f();
        }
        let us = t.elapsed().as_secs_f64() * 1e6 / n as f64;
        let grown = rss_bytes() - before;
        println!("{} x{}: {:.1} us, rss {:+} KB", name, n, us, grown / 1024);
        assert!(grown < 64 << 20, "{}: resident memory grew {} bytes over {} create/drop cycles", name, grown, n);
    };
    cycles("Engine::new+drop", 2_000, &|| drop(Engine::new(None).unwrap()));
    cycles("begin+drop", 1_000_000, &|| drop(l.begin(None).unwrap()));
    cycles("StreamParser::new+drop", 1_000_000, &|| drop(StreamParser::new(agentguard::Provider::Auto).unwrap()));
    assert_eq!(l.begin(None).unwrap().stats().unwrap().open_reservations, 0);
}

#[test]
fn snapshot_restore_round_trip() {
    let e = Engine::new(Some(PRICED)).unwrap();
    let l = Ledger::new(&e, None).unwrap();
    let snap = {
        let run = l.begin(Some(br#"{"run_id":"snap-1","user":"u"}"#)).unwrap();
        let id = run.reserve("acme-large", 100, 100).unwrap();
        run.commit(id, Usage { input_tokens: 100, output_tokens: 10, ..Default::default() }).unwrap();
        run.turn().unwrap();
        run.snapshot().unwrap()
    };
    let back = l.restore(snap.as_bytes(), Restore::Default).unwrap();
    assert_eq!(back.id().unwrap(), "snap-1");
    let st = back.stats().unwrap();
    assert_eq!((st.spent_nusd, st.turns), (140000, 1));
}

#[test]
fn threads_never_overspend() {
    let e = Engine::new(Some(
        br#"{"version":1,"budgets":{"user":{"day":{"usd":0.01}}},"pricing":{"models":{"acme-large":{"input_mtok":1,"output_mtok":4}}}}"#,
    ))
    .unwrap();
    let l = Ledger::new(&e, None).unwrap();
    let shared = Arc::new(l.begin(Some(br#"{"user":"shared"}"#)).unwrap());
    let granted = Arc::new(AtomicI64::new(0));
    let threads: Vec<_> = (0..8)
        .map(|i| {
            let (l, run, granted) = (l.clone(), shared.clone(), granted.clone());
            std::thread::spawn(move || {
                // Half the threads share one run, half have their own: both hit one user budget.
                let own = l.begin(Some(br#"{"user":"shared"}"#)).unwrap();
                let run: &Run = if i % 2 == 0 { &run } else { &own };
                for _ in 0..100 {
                    match run.reserve("acme-large", 100, 0) {
                        Ok(id) => {
                            run.commit(id, Usage { input_tokens: 100, ..Default::default() }).unwrap();
                            granted.fetch_add(1, Ordering::SeqCst);
                        }
                        Err(e) => assert_eq!(e.status, Status::BudgetExceeded),
                    }
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    assert_eq!(granted.load(Ordering::SeqCst), 100);
    assert_eq!(l.counter(Scope::User, "shared", Window::Day).unwrap().spent_nusd, 10_000_000);
}
