//! Scrubbing secrets and personal data: block mode, findings, rules and streams.
use std::any::Any;
use std::io::{self, Write};
use std::os::raw::{c_char, c_int, c_void};
use std::panic::{self, AssertUnwindSafe};
use std::ptr;
use std::slice;

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

/// The smallest part of an input one thread of [`Scrubber::scrub`] scans, in bytes.
pub const SCRUB_PART_MIN: usize = sys::AG_SCRUB_PART_MIN as usize;
/// The largest [`Scrubber::with_threads`]; more is [`Status::InvalidArgument`].
pub const SCRUB_THREADS_MAX: u32 = sys::AG_SCRUB_THREADS_MAX;

fn opts(style: Style, threads: u32) -> sys::ag_scrub_opts {
    sys::ag_scrub_opts {
        struct_size: std::mem::size_of::<sys::ag_scrub_opts>() as u32,
        style: style as i32,
        threads,
    }
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

/// The first array size `read_findings` tries for a scan of `n` bytes: 16 plus one finding
/// per 4 KiB (the same rule in every binding), so a large scan is rarely run twice.
fn findings_guess(n: usize) -> usize {
    16 + n / 4096
}

/// Reads an ag_finding array with the count query of ag_scan, trying `first` elements first.
fn read_findings(
    first: usize,
    mut fill: impl FnMut(*mut sys::ag_finding, usize, *mut usize) -> sys::ag_status,
) -> std::result::Result<Vec<Finding>, sys::ag_status> {
    let mut buf = vec![empty_finding(); first];
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

/// The first output buffer size [`Scrubber::scrub`] tries for `n` input bytes:
/// n + n/8 + 4096 (the same rule in every binding). A larger output is retried with its
/// exact size.
fn scrub_guess(n: usize) -> usize {
    n.saturating_add(n / 8).saturating_add(4096)
}

/// What one `scrub_to` call hands to [`write_to`]: the writer, and what stopped the scrub.
struct WriteTo<'a, W: Write + ?Sized> {
    out: &'a mut W,
    error: Option<io::Error>,
    panic: Option<Box<dyn Any + Send + 'static>>,
}

/// The `ag_write_fn` of `scrub_to`: writes one piece with `write_all`. An error or a panic of
/// the writer is kept in the state and stops the scrub (a panic must not unwind into C).
extern "C" fn write_to<W: Write + ?Sized>(ctx: *mut c_void, data: *const c_char, len: usize) -> c_int {
    // SAFETY: ctx is the &mut WriteTo<W> that scrub_to passed; the library calls this only
    // during that ag_scrub_to call, on the same thread, so the borrow is live and unique.
    let state = unsafe { &mut *(ctx as *mut WriteTo<W>) };
    if state.error.is_some() || state.panic.is_some() {
        return 1; // stopped already; the library never calls again, this is a safety net
    }
    let piece: &[u8] = if len == 0 || data.is_null() {
        &[]
    } else {
        // SAFETY: the library passes len readable bytes, valid until this call returns.
        unsafe { slice::from_raw_parts(data as *const u8, len) }
    };
    let out = &mut *state.out;
    match panic::catch_unwind(AssertUnwindSafe(|| out.write_all(piece))) {
        Ok(Ok(())) => 0,
        Ok(Err(e)) => {
            state.error = Some(e);
            1
        }
        Err(payload) => {
            state.panic = Some(payload);
            1
        }
    }
}

/// Scrubs with an engine's rules (compiled on first use). Send + Sync.
#[derive(Clone)]
pub struct Scrubber {
    engine: Engine,
    style: Style,
    threads: u32,
}

impl Scrubber {
    pub fn new(engine: &Engine, style: Style) -> Scrubber {
        Scrubber { engine: engine.clone(), style, threads: 0 }
    }

    /// The most threads one `scrub`, `scrub_to` or `scan` call may use: 0 (the default) and 1 scrub on the calling
    /// thread; N > 1 splits the input into up to N parts of at least [`SCRUB_PART_MIN`] bytes
    /// (so inputs under 2 MiB are never split), scanned by threads started and joined within
    /// the call. More than [`SCRUB_THREADS_MAX`] makes `scrub` fail with
    /// [`Status::InvalidArgument`] (`scrub_to` too). Output and findings are the same for every value; streams
    /// ignore it.
    pub fn with_threads(mut self, threads: u32) -> Scrubber {
        self.threads = threads;
        self
    }

    /// The input with every secret redacted, and the number of redactions.
    pub fn scrub(&self, input: &[u8]) -> Result<(Vec<u8>, usize)> {
        let e = &self.engine.inner;
        let o = opts(self.style, self.threads);
        let (mut n, mut found) = (0usize, 0usize);
        let (i, il) = ffi::arg(input);
        // Secrets are rare, so the output is nearly always the input plus a little: try that
        // first rather than ag_scrub_bound (a worst case tens of times the input), and on
        // BufferTooSmall retry once with the exact size the first call reported. The buffer
        // is left uninitialised: only the n bytes ag_scrub wrote become the Vec's contents.
        let call = |cap: usize, n: &mut usize, found: &mut usize| -> (Vec<u8>, sys::ag_status) {
            let mut out: Vec<u8> = Vec::with_capacity(cap.max(1));
            // SAFETY: out has room for `cap` bytes; ag_scrub writes at most cap bytes.
            let s = unsafe { sys::ag_scrub(e.0, &o, i, il, out.as_mut_ptr() as *mut c_char, cap, n, found) };
            (out, s)
        };
        let (mut out, mut s) = call(scrub_guess(input.len()), &mut n, &mut found);
        if s == sys::AG_E_BUFFER_TOO_SMALL {
            let exact = n;
            let retry = call(exact, &mut n, &mut found);
            out = retry.0;
            s = retry.1;
        }
        e.check(s)?;
        // SAFETY: on AG_OK, ag_scrub wrote n <= cap bytes to out.
        unsafe { out.set_len(n) };
        Ok((out, found))
    }

    /// Scrubs like [`scrub`](Scrubber::scrub) (same output and number of redactions, for
    /// every thread count) but writes the output to `out`, in order and in pieces, instead
    /// of returning it: no output buffer is needed whatever the input's size, so a file or a
    /// socket can take it as it comes. Each piece goes through `out.write_all` on the calling
    /// thread; with threads > 1 the output is written once all parts are scanned. `out` is
    /// not flushed. Returns the number of redactions.
    ///
    /// An `io::Error` from `out` stops the scrub (nothing more is written) and comes back as
    /// an [`Error`] of status [`Status::Io`] that keeps it: [`Error::io_error`] gives its
    /// kind and message, and `io::Error::from` the error itself. A panic in `out` stops the
    /// scrub and resumes once the library has returned. Other failures are as for `scrub`.
    pub fn scrub_to<W: Write + ?Sized>(&self, input: &[u8], out: &mut W) -> Result<usize> {
        let e = &self.engine.inner;
        let o = opts(self.style, self.threads);
        let (i, il) = ffi::arg(input);
        let mut state = WriteTo { out, error: None, panic: None };
        let mut found = 0usize;
        // SAFETY: live engine; input is valid for the call; write_to::<W> receives the state
        // it expects, which outlives the call.
        let s = unsafe {
            sys::ag_scrub_to(e.0, &o, i, il, Some(write_to::<W>), &mut state as *mut WriteTo<W> as *mut c_void,
                             &mut found)
        };
        if let Some(payload) = state.panic.take() {
            panic::resume_unwind(payload);
        }
        if let Some(err) = state.error.take() {
            return Err(Error::from_writer(err));
        }
        e.check(s)?;
        Ok(found)
    }

    /// `scrub` for text (the output is UTF-8 whenever the input is).
    pub fn scrub_str(&self, input: &str) -> Result<String> {
        self.scrub(input.as_bytes()).map(|(out, _)| ffi::into_string(out))
    }

    /// Findings only, in input order, on up to [`Scrubber::with_threads`] threads (the style
    /// is not used).
    pub fn scan(&self, input: &[u8]) -> Result<Vec<Finding>> {
        let e = &self.engine.inner;
        let (i, il) = ffi::arg(input);
        let o = opts(self.style, self.threads);
        // SAFETY: the options, array and count are valid for each call.
        read_findings(findings_guess(input.len()), |out, cap, n| unsafe { sys::ag_scan_with(e.0, &o, i, il, out, cap, n) })
            .map_err(|s| e.fail(s))
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
        let o = opts(self.style, 0);
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
        read_findings(16, |out, cap, n| unsafe { sys::ag_scrub_stream_findings(self.ptr, out, cap, n) })
            .map_err(|s| self.fail(s))
    }
}
