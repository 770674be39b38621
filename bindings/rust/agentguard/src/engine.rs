//! Engine: a compiled policy.
use std::os::raw::c_char;
use std::ptr;
use std::sync::Arc;

use agentguard_sys as sys;

use crate::error::{Error, Result, Status};
use crate::ffi;

/// Token counts of one model call (input includes cache reads and writes; output includes
/// reasoning).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Usage {
    pub input_tokens: u64,
    pub cached_input_tokens: u64,
    pub cache_write_tokens: u64,
    pub output_tokens: u64,
    pub reasoning_tokens: u64,
    pub cache_write_1h_tokens: u64,
}

impl Usage {
    pub(crate) fn to_c(self) -> sys::ag_usage {
        sys::ag_usage {
            struct_size: std::mem::size_of::<sys::ag_usage>() as u32,
            input_tokens: self.input_tokens,
            cached_input_tokens: self.cached_input_tokens,
            cache_write_tokens: self.cache_write_tokens,
            output_tokens: self.output_tokens,
            reasoning_tokens: self.reasoning_tokens,
            cache_write_1h_tokens: self.cache_write_1h_tokens,
        }
    }

    pub(crate) fn from_c(u: &sys::ag_usage) -> Usage {
        Usage {
            input_tokens: u.input_tokens,
            cached_input_tokens: u.cached_input_tokens,
            cache_write_tokens: u.cache_write_tokens,
            output_tokens: u.output_tokens,
            reasoning_tokens: u.reasoning_tokens,
            cache_write_1h_tokens: u.cache_write_1h_tokens,
        }
    }
}

/// A model's prices per million tokens in nano-USD, with its canonical name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModelPrice {
    pub name: String,
    pub price: sys::ag_model_price,
}

pub(crate) struct EngineHandle(pub(crate) *mut sys::ag_engine);

// SAFETY: an engine is immutable after creation; the C contract allows sharing it.
unsafe impl Send for EngineHandle {}
unsafe impl Sync for EngineHandle {}

impl Drop for EngineHandle {
    fn drop(&mut self) {
        // SAFETY: the pointer came from ag_engine_new and is freed once, here.
        unsafe { sys::ag_engine_free(self.0) }
    }
}

impl EngineHandle {
    pub(crate) fn fail(&self, s: sys::ag_status) -> Error {
        // SAFETY: the handle is alive for &self.
        let msg = ffi::last_error(|b, c| unsafe { sys::ag_engine_last_error(self.0, b, c) });
        Error::new(Status::from_code(s), msg)
    }

    pub(crate) fn check(&self, s: sys::ag_status) -> Result<()> {
        if s == sys::AG_OK {
            Ok(())
        } else {
            Err(self.fail(s))
        }
    }
}

/// A compiled policy. Immutable, cheap to clone (shared), Send + Sync. Ledgers and runs
/// keep their engine alive.
#[derive(Clone)]
pub struct Engine {
    pub(crate) inner: Arc<EngineHandle>,
}

impl Engine {
    /// Compiles a policy JSON document; `None` gives the defaults.
    pub fn new(policy: Option<&[u8]>) -> Result<Engine> {
        ffi::ensure_version()?;
        let mut out = ptr::null_mut();
        let mut err = vec![0u8; 1024];
        let (p, n) = match policy {
            Some(doc) => (doc.as_ptr() as *const c_char, doc.len()),
            None => (ptr::null(), 0),
        };
        // SAFETY: p/n describe live memory or are NULL/0; err is writable for its length.
        let s = unsafe { sys::ag_engine_new(p, n, &mut out, err.as_mut_ptr() as *mut c_char, err.len()) };
        if s != sys::AG_OK {
            let end = err.iter().position(|&b| b == 0).unwrap_or(err.len());
            err.truncate(end);
            return Err(Error::new(Status::from_code(s), ffi::into_string(err)));
        }
        Ok(Engine { inner: Arc::new(EngineHandle(out)) })
    }

    /// Cost of a usage of `model` in nano-USD (rounded up).
    pub fn price(&self, model: &str, usage: Usage) -> Result<i64> {
        let (m, n) = ffi::arg(model.as_bytes());
        let u = usage.to_c();
        let mut cost = 0i64;
        // SAFETY: all pointers are valid for the call.
        let s = unsafe { sys::ag_engine_price(self.inner.0, m, n, &u, &mut cost) };
        self.inner.check(s).map(|_| cost)
    }

    /// The engine's prices for a model, after name normalisation.
    pub fn model_price(&self, model: &str) -> Result<ModelPrice> {
        let (m, n) = ffi::arg(model.as_bytes());
        let mut price = sys::ag_model_price {
            struct_size: std::mem::size_of::<sys::ag_model_price>() as u32,
            ..Default::default()
        };
        let name = ffi::read_sized(
            128,
            // SAFETY: all pointers are valid for the call.
            |b, c, l| unsafe { sys::ag_engine_model_price(self.inner.0, m, n, &mut price, b, c, l) },
            |s| self.inner.fail(s),
        )?;
        Ok(ModelPrice { name: ffi::into_string(name), price })
    }
}
