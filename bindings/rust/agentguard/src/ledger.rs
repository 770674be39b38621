//! Ledger: budget counters for every scope and window.
use std::ffi::CString;
use std::ptr;
use std::sync::Arc;

use agentguard_sys as sys;

use crate::engine::{Engine, EngineHandle};
use crate::error::{Error, Result, Status};
use crate::ffi;
use crate::run::Run;

/// Scope of a budget counter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    Run = sys::AG_SCOPE_RUN as isize,
    User = sys::AG_SCOPE_USER as isize,
    Tenant = sys::AG_SCOPE_TENANT as isize,
    Global = sys::AG_SCOPE_GLOBAL as isize,
}

/// Window of a budget counter (UTC calendar).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Window {
    Total = sys::AG_WINDOW_TOTAL as isize,
    Hour = sys::AG_WINDOW_HOUR as isize,
    Day = sys::AG_WINDOW_DAY as isize,
    Month = sys::AG_WINDOW_MONTH as isize,
}

/// How Ledger::restore treats the snapshot's spend.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Restore {
    /// Only the run's own counters come from the snapshot.
    Default = sys::AG_RESTORE_DEFAULT as isize,
    /// The ledger lost the spend: add it back to the user, tenant and global counters.
    Reapply = sys::AG_RESTORE_REAPPLY as isize,
}

pub(crate) struct LedgerHandle {
    pub(crate) ptr: *mut sys::ag_ledger,
    pub(crate) engine: Arc<EngineHandle>,
}

// SAFETY: the C contract makes a ledger thread-safe.
unsafe impl Send for LedgerHandle {}
unsafe impl Sync for LedgerHandle {}

impl Drop for LedgerHandle {
    fn drop(&mut self) {
        // SAFETY: freed once; the engine (held in self) outlives this call.
        unsafe { sys::ag_ledger_free(self.ptr) }
    }
}

impl LedgerHandle {
    pub(crate) fn check(&self, s: sys::ag_status) -> Result<()> {
        if s == sys::AG_OK {
            return Ok(());
        }
        // SAFETY: the handle is alive for &self.
        let msg = ffi::last_error(|b, c| unsafe { sys::ag_ledger_last_error(self.ptr, b, c) });
        Err(Error::new(Status::from_code(s), msg))
    }
}

/// Budget counters of every scope and window. Thread-safe: clone it (shared) or use it
/// from many threads by reference. Runs keep their ledger alive.
#[derive(Clone)]
pub struct Ledger {
    pub(crate) inner: Arc<LedgerHandle>,
}

/// One counter in its current window (-1 limits = none).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counter {
    pub spent_nusd: i64,
    pub reserved_nusd: i64,
    pub limit_nusd: i64,
    pub spent_tokens: i64,
    pub reserved_tokens: i64,
    pub limit_tokens: i64,
    pub window_start_ms: i64,
}

impl Ledger {
    /// Opens a ledger over a store (`None` or "memory" = in-process).
    pub fn new(engine: &Engine, store: Option<&str>) -> Result<Ledger> {
        let store = match store {
            Some(s) => Some(CString::new(s).map_err(|_| {
                Error::new(Status::InvalidArgument, "store: contains a NUL byte")
            })?),
            None => None,
        };
        let mut out = ptr::null_mut();
        let sp = store.as_ref().map_or(ptr::null(), |s| s.as_ptr());
        // SAFETY: engine pointer alive; sp NULL or NUL-terminated.
        let s = unsafe { sys::ag_ledger_new(engine.inner.0, sp, &mut out) };
        engine.inner.check(s)?;
        Ok(Ledger { inner: Arc::new(LedgerHandle { ptr: out, engine: engine.inner.clone() }) })
    }

    fn call(&self, f: impl FnOnce(*mut sys::ag_ledger) -> sys::ag_status) -> Result<()> {
        let s = f(self.inner.ptr);
        self.inner.check(s)
    }

    /// (spent, reserved) nano-USD of one counter in its current window.
    pub fn get(&self, scope: Scope, id: &str, window: Window) -> Result<(i64, i64)> {
        let (i, n) = ffi::arg(id.as_bytes());
        let (mut spent, mut reserved) = (0i64, 0i64);
        // SAFETY: pointers valid for the call.
        self.call(|p| unsafe {
            sys::ag_ledger_get(p, scope as i32, i, n, window as i32, &mut spent, &mut reserved)
        })?;
        Ok((spent, reserved))
    }

    /// A whole counter with its limits.
    pub fn counter(&self, scope: Scope, id: &str, window: Window) -> Result<Counter> {
        let (i, n) = ffi::arg(id.as_bytes());
        let mut c = sys::ag_counter {
            struct_size: std::mem::size_of::<sys::ag_counter>() as u32,
            ..Default::default()
        };
        // SAFETY: pointers valid for the call.
        self.call(|p| unsafe { sys::ag_ledger_counter(p, scope as i32, i, n, window as i32, &mut c) })?;
        Ok(Counter {
            spent_nusd: c.spent_nusd,
            reserved_nusd: c.reserved_nusd,
            limit_nusd: c.limit_nusd,
            spent_tokens: c.spent_tokens,
            reserved_tokens: c.reserved_tokens,
            limit_tokens: c.limit_tokens,
            window_start_ms: c.window_start_ms,
        })
    }

    /// Overrides the policy's limit for one id (-1 = no limit).
    pub fn set_limit(&self, scope: Scope, id: &str, window: Window, limit_nusd: i64,
                     limit_tokens: i64) -> Result<()> {
        let (i, n) = ffi::arg(id.as_bytes());
        // SAFETY: pointers valid for the call.
        self.call(|p| unsafe {
            sys::ag_ledger_set_limit(p, scope as i32, i, n, window as i32, limit_nusd, limit_tokens)
        })
    }

    /// Returns one id to the policy's limit.
    pub fn clear_limit(&self, scope: Scope, id: &str, window: Window) -> Result<()> {
        let (i, n) = ffi::arg(id.as_bytes());
        // SAFETY: pointers valid for the call.
        self.call(|p| unsafe { sys::ag_ledger_clear_limit(p, scope as i32, i, n, window as i32) })
    }

    /// Every later step of an affected run fails with Status::Killed.
    pub fn kill(&self, scope: Scope, id: &str, reason: &str) -> Result<()> {
        let (i, n) = ffi::arg(id.as_bytes());
        let (r, rn) = ffi::arg(reason.as_bytes());
        // SAFETY: pointers valid for the call.
        self.call(|p| unsafe { sys::ag_ledger_kill(p, scope as i32, i, n, r, rn) })
    }

    /// Lifts a kill switch.
    pub fn revive(&self, scope: Scope, id: &str) -> Result<()> {
        let (i, n) = ffi::arg(id.as_bytes());
        // SAFETY: pointers valid for the call.
        self.call(|p| unsafe { sys::ag_ledger_revive(p, scope as i32, i, n) })
    }

    /// `now_ms >= 0`: a manual clock at that time; `< 0`: back to the system clock.
    pub fn set_time(&self, now_ms: i64) -> Result<()> {
        // SAFETY: live handle.
        self.call(|p| unsafe { sys::ag_ledger_set_time(p, now_ms) })
    }

    /// The ledger's current time (ms since the epoch).
    pub fn now(&self) -> i64 {
        // SAFETY: live handle.
        unsafe { sys::ag_ledger_now(self.inner.ptr) }
    }

    /// Releases expired reservations; returns how many.
    pub fn expire(&self) -> Result<u64> {
        let mut n = 0u64;
        // SAFETY: live handle.
        self.call(|p| unsafe { sys::ag_ledger_expire(p, &mut n) })?;
        Ok(n)
    }

    /// Starts a run with the options document of ag_run_begin (`None` = defaults).
    pub fn begin(&self, opts_json: Option<&[u8]>) -> Result<Run> {
        Run::begin(self, opts_json)
    }

    /// Recreates a run from Run::snapshot output.
    pub fn restore(&self, snapshot: &[u8], flags: Restore) -> Result<Run> {
        Run::restore(self, snapshot, flags)
    }
}
