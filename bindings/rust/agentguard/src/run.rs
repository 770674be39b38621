//! Run: one agent run.
use std::os::raw::c_char;
use std::ptr;
use std::sync::Arc;
use std::time::Duration;

use agentguard_sys as sys;

use crate::engine::Usage;
use crate::error::{Error, Result, Status};
use crate::ffi;
use crate::ledger::{Ledger, LedgerHandle, Restore};

/// One agent run. Send + Sync: parallel tool calls may share it (e.g. in an Arc). Dropping
/// it releases whatever it still holds.
pub struct Run {
    ptr: *mut sys::ag_run,
    _ledger: Arc<LedgerHandle>,
}

// SAFETY: the C contract makes a run thread-safe.
unsafe impl Send for Run {}
unsafe impl Sync for Run {}

impl Drop for Run {
    fn drop(&mut self) {
        // SAFETY: freed once; the ledger and engine (held in self) outlive this call.
        unsafe { sys::ag_run_free(self.ptr) }
    }
}

/// A run's counters (-1 = no limit; remaining_ms 0 once the deadline passed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RunStats {
    pub spent_nusd: i64,
    pub reserved_nusd: i64,
    pub limit_nusd: i64,
    pub remaining_nusd: i64,
    pub spent_tokens: i64,
    pub reserved_tokens: i64,
    pub limit_tokens: i64,
    pub turns: i64,
    pub max_turns: i64,
    pub tool_calls: i64,
    pub max_tool_calls: i64,
    pub started_ms: i64,
    pub elapsed_ms: i64,
    pub remaining_ms: i64,
    pub open_reservations: i64,
    pub state: Status,
}

impl Run {
    pub(crate) fn begin(ledger: &Ledger, opts: Option<&[u8]>) -> Result<Run> {
        let (o, n) = match opts {
            Some(b) => (b.as_ptr() as *const c_char, b.len()),
            None => (ptr::null(), 0),
        };
        // SAFETY: engine and ledger alive; o/n valid or NULL/0.
        Run::create(ledger, |e, l, out| unsafe { sys::ag_run_begin(e, l, o, n, out) })
    }

    pub(crate) fn restore(ledger: &Ledger, snapshot: &[u8], flags: Restore) -> Result<Run> {
        let (p, n) = ffi::arg(snapshot);
        // SAFETY: engine and ledger alive; p/n valid.
        Run::create(ledger, |e, l, out| unsafe { sys::ag_run_restore(e, l, p, n, flags as u32, out) })
    }

    fn create(
        ledger: &Ledger,
        f: impl FnOnce(*const sys::ag_engine, *mut sys::ag_ledger, *mut *mut sys::ag_run) -> sys::ag_status,
    ) -> Result<Run> {
        let h = &ledger.inner;
        let mut out = ptr::null_mut();
        h.check(f(h.engine.0, h.ptr, &mut out))?;
        Ok(Run { ptr: out, _ledger: h.clone() })
    }

    pub(crate) fn raw(&self) -> *mut sys::ag_run {
        self.ptr
    }

    pub(crate) fn check_status(&self, s: sys::ag_status) -> Result<()> {
        if s == sys::AG_OK {
            return Ok(());
        }
        Err(self.fail(s))
    }

    fn fail(&self, s: sys::ag_status) -> Error {
        // SAFETY: the handle is alive for &self.
        let msg = ffi::last_error(|b, c| unsafe { sys::ag_run_last_error(self.ptr, b, c) });
        Error::new(Status::from_code(s), msg)
    }

    /// Takes the worst-case cost from every budget, all or nothing; returns its id.
    pub fn reserve(&self, model: &str, input_tokens: u64, max_output_tokens: u64) -> Result<u64> {
        let (m, n) = ffi::arg(model.as_bytes());
        let mut id = 0u64;
        // SAFETY: pointers valid for the call.
        self.check_status(unsafe { sys::ag_run_reserve(self.ptr, m, n, input_tokens, max_output_tokens, &mut id) })?;
        Ok(id)
    }

    /// Replaces a reservation with the real cost; returns the cost in nano-USD.
    pub fn commit(&self, reservation: u64, usage: Usage) -> Result<i64> {
        let u = usage.to_c();
        let mut cost = 0i64;
        // SAFETY: pointers valid for the call.
        self.check_status(unsafe { sys::ag_run_commit(self.ptr, reservation, &u, &mut cost) })?;
        Ok(cost)
    }

    /// Returns a reservation untouched.
    pub fn release(&self, reservation: u64) -> Result<()> {
        // SAFETY: live handle.
        self.check_status(unsafe { sys::ag_run_release(self.ptr, reservation) })
    }

    /// Ok while the run may continue; else the reason (deadline, kill switch, closed).
    pub fn check_state(&self) -> Result<()> {
        // SAFETY: live handle.
        self.check_status(unsafe { sys::ag_run_check(self.ptr) })
    }

    /// Counts one model turn.
    pub fn turn(&self) -> Result<()> {
        // SAFETY: live handle.
        self.check_status(unsafe { sys::ag_run_turn(self.ptr) })
    }

    /// Counts one tool call.
    pub fn tool_call(&self, tool: &str) -> Result<()> {
        let (t, n) = ffi::arg(tool.as_bytes());
        // SAFETY: pointers valid for the call.
        self.check_status(unsafe { sys::ag_run_tool_call(self.ptr, t, n) })
    }

    /// Time to give the next call; None when neither a deadline nor a step timeout is set.
    pub fn step_timeout(&self) -> Result<Option<Duration>> {
        let mut ms = 0i64;
        // SAFETY: live handle.
        self.check_status(unsafe { sys::ag_run_step_timeout(self.ptr, &mut ms) })?;
        Ok(if ms < 0 { None } else { Some(Duration::from_millis(ms as u64)) })
    }

    pub fn stats(&self) -> Result<RunStats> {
        let mut o = sys::ag_run_stats {
            struct_size: std::mem::size_of::<sys::ag_run_stats>() as u32,
            ..Default::default()
        };
        // SAFETY: live handle, struct sized.
        self.check_status(unsafe { sys::ag_run_stats_get(self.ptr, &mut o) })?;
        Ok(RunStats {
            spent_nusd: o.spent_nusd,
            reserved_nusd: o.reserved_nusd,
            limit_nusd: o.limit_nusd,
            remaining_nusd: o.remaining_nusd,
            spent_tokens: o.spent_tokens,
            reserved_tokens: o.reserved_tokens,
            limit_tokens: o.limit_tokens,
            turns: o.turns,
            max_turns: o.max_turns,
            tool_calls: o.tool_calls,
            max_tool_calls: o.max_tool_calls,
            started_ms: o.started_ms,
            elapsed_ms: o.elapsed_ms,
            remaining_ms: o.remaining_ms,
            open_reservations: o.open_reservations,
            state: Status::from_code(o.state),
        })
    }

    /// The run's id.
    pub fn id(&self) -> Result<String> {
        // SAFETY: buffers valid for each call.
        let b = ffi::read_sized(64, |b, c, n| unsafe { sys::ag_run_id(self.ptr, b, c, n) }, |s| self.fail(s))?;
        Ok(ffi::into_string(b))
    }

    /// JSON of the run (ids, limits, counts, committed spend) for Ledger::restore.
    pub fn snapshot(&self) -> Result<String> {
        let b = ffi::read_sized(
            1024,
            // SAFETY: buffers valid for each call.
            |b, c, n| unsafe { sys::ag_run_snapshot(self.ptr, b, c, n) },
            |s| self.fail(s),
        )?;
        Ok(ffi::into_string(b))
    }
}
