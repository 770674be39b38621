//! Scrubbing secrets and personal data: block mode, findings, rules and streams.
use std::os::raw::c_char;
use std::ptr;

use agentguard_sys as sys;

use crate::engine::Engine;
use crate::error::{Error, Result, Status};
use crate::ffi;

/// Redaction style.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// The policy's scrub.style.
    Default = sys::AG_SCRUB_STYLE_DEFAULT as isize,
    /// `[REDACTED:<rule-id>]`.
    Label = sys::AG_SCRUB_STYLE_LABEL as isize,
    /// The rule's safe prefix, then `****`.
    Mask = sys::AG_SCRUB_STYLE_MASK as isize,
    /// `[REDACTED:<rule-id>:<12 hex>]`, keyed per engine.
    Hash = sys::AG_SCRUB_STYLE_HASH as isize,
    /// Output = input; findings only.
    Detect = sys::AG_SCRUB_STYLE_DETECT as isize,
}

/// One redaction: input bytes `start..end` were replaced because of `rule`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub rule: String,
    pub family: String,
    pub start: u64,
    pub end: u64,
    pub confidence: i32,
    pub rule_index: u32,
}

/// One active scrub rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleInfo {
    pub id: String,
    pub family: String,
    pub confidence: i32,
    pub max_len: u32,
}

fn c_text(chars: &[c_char]) -> String {
    let bytes: Vec<u8> = chars.iter().take_while(|&&c| c != 0).map(|&c| c as u8).collect();
    ffi::into_string(bytes)
}

fn opts(style: Style) -> sys::ag_scrub_opts {
    sys::ag_scrub_opts { struct_size: std::mem::size_of::<sys::ag_scrub_opts>() as u32, style: style as i32 }
}

fn empty_finding() -> sys::ag_finding {
    sys::ag_finding {
        struct_size: std::mem::size_of::<sys::ag_finding>() as u32,
        rule_index: 0,
        start: 0,
        end: 0,
        confidence: 0,
        rule: [0; 64],
        family: [0; 16],
    }
}

/// Reads an ag_finding array with the count query of ag_scan.
fn read_findings(
    mut fill: impl FnMut(*mut sys::ag_finding, usize, *mut usize) -> sys::ag_status,
) -> std::result::Result<Vec<Finding>, sys::ag_status> {
    let mut buf = vec![empty_finding(); 16];
    let mut n = 0usize;
    let mut s = fill(buf.as_mut_ptr(), buf.len(), &mut n);
    if s == sys::AG_E_BUFFER_TOO_SMALL && n > buf.len() {
        buf = vec![empty_finding(); n];
        s = fill(buf.as_mut_ptr(), buf.len(), &mut n);
    }
    if s != sys::AG_OK {
        return Err(s);
    }
    Ok(buf[..n]
        .iter()
        .map(|f| Finding {
            rule: c_text(&f.rule),
            family: c_text(&f.family),
            start: f.start,
            end: f.end,
            confidence: f.confidence,
            rule_index: f.rule_index,
        })
        .collect())
}

/// Scrubs with an engine's rules (compiled on first use). Send + Sync.
#[derive(Clone)]
pub struct Scrubber {
    engine: Engine,
    style: Style,
}

impl Scrubber {
    pub fn new(engine: &Engine, style: Style) -> Scrubber {
        Scrubber { engine: engine.clone(), style }
    }

    /// The input with every secret redacted, and the number of redactions.
    pub fn scrub(&self, input: &[u8]) -> Result<(Vec<u8>, usize)> {
        let e = &self.engine.inner;
        let o = opts(self.style);
        let mut bound = 0usize;
        // SAFETY: pointers valid for the call.
        e.check(unsafe { sys::ag_scrub_bound(e.0, &o, input.len(), &mut bound) })?;
        let mut out = vec![0u8; bound.max(1)];
        let (mut n, mut found) = (0usize, 0usize);
        let (i, il) = ffi::arg(input);
        // SAFETY: out has `bound` bytes, enough for any output.
        e.check(unsafe {
            sys::ag_scrub(e.0, &o, i, il, out.as_mut_ptr() as *mut c_char, out.len(), &mut n, &mut found)
        })?;
        out.truncate(n);
        Ok((out, found))
    }

    /// `scrub` for text (the output is UTF-8 whenever the input is).
    pub fn scrub_str(&self, input: &str) -> Result<String> {
        self.scrub(input.as_bytes()).map(|(out, _)| ffi::into_string(out))
    }

    /// Findings only, in input order.
    pub fn scan(&self, input: &[u8]) -> Result<Vec<Finding>> {
        let e = &self.engine.inner;
        let (i, il) = ffi::arg(input);
        // SAFETY: the array and count are valid for each call.
        read_findings(|out, cap, n| unsafe { sys::ag_scan(e.0, i, il, out, cap, n) }).map_err(|s| e.fail(s))
    }

    /// The engine's active rules.
    pub fn rules(&self) -> Result<Vec<RuleInfo>> {
        let e = &self.engine.inner;
        let mut count = 0usize;
        // SAFETY: live engine.
        e.check(unsafe { sys::ag_scrub_rule_count(e.0, &mut count) })?;
        (0..count)
            .map(|i| {
                let mut info = sys::ag_rule_info {
                    struct_size: std::mem::size_of::<sys::ag_rule_info>() as u32,
                    confidence: 0,
                    max_len: 0,
                    id: [0; 64],
                    family: [0; 16],
                };
                // SAFETY: live engine, sized struct.
                e.check(unsafe { sys::ag_scrub_rule_info(e.0, i, &mut info) })?;
                Ok(RuleInfo {
                    id: c_text(&info.id),
                    family: c_text(&info.family),
                    confidence: info.confidence,
                    max_len: info.max_len,
                })
            })
            .collect()
    }

    /// A streaming redactor with this scrubber's style.
    pub fn stream(&self) -> Result<ScrubStream> {
        let e = &self.engine.inner;
        let o = opts(self.style);
        let mut out = ptr::null_mut();
        // SAFETY: live engine; the stream keeps the rules alive by itself.
        e.check(unsafe { sys::ag_scrub_stream_new(e.0, &o, &mut out) })?;
        Ok(ScrubStream { ptr: out })
    }
}

/// One streaming redactor: the concatenated output of `write`s and `finish` equals
/// `Scrubber::scrub` of the concatenated input for any chunking. Send, not Sync: one
/// thread at a time.
pub struct ScrubStream {
    ptr: *mut sys::ag_scrub_stream,
}

// SAFETY: a stream may move between threads; &mut self methods serialise its use.
unsafe impl Send for ScrubStream {}

impl Drop for ScrubStream {
    fn drop(&mut self) {
        // SAFETY: freed once.
        unsafe { sys::ag_scrub_stream_free(self.ptr) }
    }
}

impl ScrubStream {
    fn fail(&self, s: sys::ag_status) -> Error {
        // SAFETY: live handle.
        let msg = ffi::last_error(|b, c| unsafe { sys::ag_scrub_stream_last_error(self.ptr, b, c) });
        Error::new(Status::from_code(s), msg)
    }

    fn emit(&mut self, n_in: usize,
            f: impl FnOnce(*mut sys::ag_scrub_stream, *mut c_char, usize, *mut usize) -> sys::ag_status)
            -> Result<Vec<u8>> {
        // SAFETY: live handle.
        let cap = unsafe { sys::ag_scrub_stream_bound(self.ptr, n_in) };
        if cap == usize::MAX {
            return Err(Error::new(Status::TooLarge, "chunk too large"));
        }
        let mut out = vec![0u8; cap.max(1)];
        let mut n = 0usize;
        let s = f(self.ptr, out.as_mut_ptr() as *mut c_char, out.len(), &mut n);
        if s != sys::AG_OK {
            return Err(self.fail(s));
        }
        out.truncate(n);
        Ok(out)
    }

    /// Consumes a chunk; returns the output that became final (possibly empty).
    pub fn write(&mut self, chunk: &[u8]) -> Result<Vec<u8>> {
        let (i, il) = ffi::arg(chunk);
        // SAFETY: out has the bound the library asked for.
        self.emit(chunk.len(), |p, o, c, n| unsafe { sys::ag_scrub_stream_write(p, i, il, o, c, n) })
    }

    /// Ends the input; returns everything still held.
    pub fn finish(&mut self) -> Result<Vec<u8>> {
        // SAFETY: out has the bound the library asked for.
        self.emit(0, |p, o, c, n| unsafe { sys::ag_scrub_stream_finish(p, o, c, n) })
    }

    /// The findings emitted so far.
    pub fn findings(&self) -> Result<Vec<Finding>> {
        // SAFETY: the array and count are valid for each call.
        read_findings(|out, cap, n| unsafe { sys::ag_scrub_stream_findings(self.ptr, out, cap, n) })
            .map_err(|s| self.fail(s))
    }
}
