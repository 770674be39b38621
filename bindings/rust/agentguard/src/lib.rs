//! Guardrails for LLM agents over libagentguard's C ABI: budgets that cannot be overspent,
//! deadlines, kill switches, secret scrubbing and provider response parsing.
//!
//! ```no_run
//! use agentguard::{Engine, Ledger, Usage};
//! let engine = Engine::new(Some(br#"{"version":1,"budgets":{"run":{"usd":0.5}}}"#))?;
//! let ledger = Ledger::new(&engine, None)?;
//! let run = ledger.begin(None)?;
//! let id = run.reserve("gpt-4o", 1200, 512)?;
//! // ... call the model ...
//! run.commit(id, Usage { input_tokens: 1200, output_tokens: 300, ..Default::default() })?;
//! let clean = agentguard::Scrubber::new(&engine, agentguard::Style::Label).scrub_str("key ghp_...")?;
//! # Ok::<(), agentguard::Error>(())
//! ```
mod engine;
mod error;
mod ffi;
mod ledger;
mod providers;
mod run;
mod scrub;
mod tokens;

pub use engine::{Engine, ModelPrice, Usage};
pub use error::{Error, Result, Status};
pub use ffi::{check_version, EXPECTED_MAJOR};
pub use ledger::{Counter, Ledger, Restore, Scope, Window};
pub use providers::{
    classify_error, error_class_str, finish_reason_str, provider_str, ErrorInfo, Provider, Response,
    StreamParser, ToolCall,
};
pub use run::{Run, RunStats};
pub use scrub::{Finding, RuleInfo, ScrubStream, Scrubber, Style, SCRUB_PART_MIN, SCRUB_THREADS_MAX};
pub use tokens::{encoding_for_model, estimate_tokens, Encoding, Tokenizer};
pub use agentguard_sys as sys;

/// The loaded library's version string.
pub fn version() -> &'static str {
    // SAFETY: a static NUL-terminated string.
    unsafe { std::ffi::CStr::from_ptr(agentguard_sys::ag_version_string()) }.to_str().unwrap_or("")
}

/// MAJOR*10000 + MINOR*100 + PATCH of the loaded library.
pub fn version_number() -> u32 {
    // SAFETY: no arguments.
    unsafe { agentguard_sys::ag_version_number() }
}
