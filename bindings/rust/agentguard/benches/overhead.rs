//! Per-call overhead from Rust: `cargo bench --offline` (plain timing loop, no harness).
use std::time::Instant;

fn per_call_ns(iters: u32, mut f: impl FnMut()) -> f64 {
    for _ in 0..iters / 10 {
        f();
    }
    let t = Instant::now();
    for _ in 0..iters {
        f();
    }
    t.elapsed().as_nanos() as f64 / iters as f64
}

fn main() {
    let mut sum = 0u64; // consumed below so the calls are not optimised away
    let ns = per_call_ns(2_000_000, || sum = sum.wrapping_add(agentguard::version_number() as u64));
    println!("rust ag_version_number: {:.1} ns/call (checksum {})", ns, sum % 10);

    let engine = agentguard::Engine::new(None).expect("engine");
    let scrubber = agentguard::Scrubber::new(&engine, agentguard::Style::Default);
    let line = "user asked about the deploy; token ghp_a1B2c3D4e5a1B2c3D4e5a1B2c3D4e5a1B2c3 and mail bob@example.com ";
    let text = line.repeat(12).into_bytes();
    let text = &text[..1024];
    match scrubber.scrub(text) {
        Ok(_) => {
            let ns = per_call_ns(20_000, || sum = sum.wrapping_add(scrubber.scrub(text).unwrap().1 as u64));
            println!("rust scrub 1 KB: {:.2} us/call (checksum {})", ns / 1000.0, sum % 10);
        }
        Err(e) => println!("rust scrub 1 KB: unavailable ({})", e),
    }
}
