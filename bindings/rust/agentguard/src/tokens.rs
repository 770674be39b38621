//! Token counting: exact BPE counts (tiktoken rank files) and a safe estimate.
use std::ptr;

use agentguard_sys as sys;

use crate::engine::Engine;
use crate::error::{Error, Result, Status};
use crate::ffi;

/// Encoding of a tokenizer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Estimate = sys::AG_ENCODING_ESTIMATE as isize,
    O200kBase = sys::AG_ENCODING_O200K_BASE as isize,
    Cl100kBase = sys::AG_ENCODING_CL100K_BASE as isize,
}

/// The encoding of a model's tokenizer (Estimate when none is public).
pub fn encoding_for_model(model: &str) -> Encoding {
    let (m, n) = ffi::arg(model.as_bytes());
    // SAFETY: pointer valid for the call.
    match unsafe { sys::ag_encoding_for_model(m, n) } {
        sys::AG_ENCODING_O200K_BASE => Encoding::O200kBase,
        sys::AG_ENCODING_CL100K_BASE => Encoding::Cl100kBase,
        _ => Encoding::Estimate,
    }
}

/// A deliberately high estimate of the token count.
pub fn estimate_tokens(text: &[u8]) -> Result<u64> {
    let (t, n) = ffi::arg(text);
    let mut count = 0u64;
    // SAFETY: pointers valid for the call.
    let s = unsafe { sys::ag_tokens_estimate(t, n, &mut count) };
    if s != sys::AG_OK {
        return Err(Error::new(Status::from_code(s), "ag_tokens_estimate failed"));
    }
    Ok(count)
}

impl Engine {
    /// Exact count with the engine's tokenizers (Estimate gives `estimate_tokens`).
    pub fn count_tokens(&self, text: &[u8], encoding: Encoding) -> Result<u64> {
        let (t, n) = ffi::arg(text);
        let mut count = 0u64;
        // SAFETY: pointers valid for the call.
        let s = unsafe { sys::ag_tokens_count(self.inner.0, encoding as i32, t, n, &mut count) };
        self.inner.check(s).map(|_| count)
    }
}

/// A tokenizer without an engine. Send + Sync.
pub struct Tokenizer {
    ptr: *mut sys::ag_tokenizer,
}

// SAFETY: the C contract makes a tokenizer thread-safe.
unsafe impl Send for Tokenizer {}
unsafe impl Sync for Tokenizer {}

impl Drop for Tokenizer {
    fn drop(&mut self) {
        // SAFETY: freed once.
        unsafe { sys::ag_tokenizer_free(self.ptr) }
    }
}

impl Tokenizer {
    /// Rank files from `dir` (`None` = $AGENTGUARD_TOKENIZER_DIR), loaded on first use.
    pub fn new(dir: Option<&str>) -> Result<Tokenizer> {
        ffi::ensure_version()?;
        let (d, n) = dir.map_or((ptr::null(), 0), |d| ffi::arg(d.as_bytes()));
        let mut out = ptr::null_mut();
        // SAFETY: pointers valid for the call.
        let s = unsafe { sys::ag_tokenizer_new(d, n, &mut out) };
        if s != sys::AG_OK {
            return Err(Error::new(Status::from_code(s), "ag_tokenizer_new failed"));
        }
        Ok(Tokenizer { ptr: out })
    }

    pub fn count(&self, text: &[u8], encoding: Encoding) -> Result<u64> {
        let (t, n) = ffi::arg(text);
        let mut count = 0u64;
        // SAFETY: pointers valid for the call.
        let s = unsafe { sys::ag_tokenizer_count(self.ptr, encoding as i32, t, n, &mut count) };
        if s == sys::AG_OK {
            return Ok(count);
        }
        // SAFETY: live handle.
        let msg = ffi::last_error(|b, c| unsafe { sys::ag_tokenizer_last_error(self.ptr, b, c) });
        Err(Error::new(Status::from_code(s), msg))
    }
}
