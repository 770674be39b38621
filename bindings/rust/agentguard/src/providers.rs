//! Provider responses: parsing bodies and SSE streams, classifying error bodies.
use std::os::raw::c_char;
use std::ptr;

use agentguard_sys as sys;

use crate::engine::Usage;
use crate::error::{Error, Result, Status};
use crate::ffi;
use crate::run::Run;

/// Provider API of a response (`Auto` detects it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Provider {
    Auto = sys::AG_PROVIDER_AUTO as isize,
    OpenAiChat = sys::AG_PROVIDER_OPENAI_CHAT as isize,
    OpenAiResponses = sys::AG_PROVIDER_OPENAI_RESPONSES as isize,
    Anthropic = sys::AG_PROVIDER_ANTHROPIC as isize,
    Gemini = sys::AG_PROVIDER_GEMINI as isize,
}

fn static_str(p: *const c_char) -> &'static str {
    // SAFETY: the library returns static NUL-terminated strings, never NULL.
    unsafe { std::ffi::CStr::from_ptr(p) }.to_str().unwrap_or("unknown")
}

/// Name of a provider id, e.g. "openai-chat".
pub fn provider_str(provider: i32) -> &'static str {
    // SAFETY: pure function of an integer.
    static_str(unsafe { sys::ag_provider_str(provider) })
}

/// Name of a finish reason (AG_FINISH_*), e.g. "tool_calls".
pub fn finish_reason_str(finish: i32) -> &'static str {
    // SAFETY: pure function of an integer.
    static_str(unsafe { sys::ag_finish_reason_str(finish) })
}

/// Name of an error class (AG_ERROR_*), e.g. "rate_limit".
pub fn error_class_str(class: i32) -> &'static str {
    // SAFETY: pure function of an integer.
    static_str(unsafe { sys::ag_error_class_str(class) })
}

/// One tool call the host should execute.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ToolCall {
    pub id: String,
    pub name: String,
    /// JSON text.
    pub arguments: String,
}

/// A parsed provider response (the body is not kept). Send + Sync: read-only.
pub struct Response {
    ptr: *mut sys::ag_response,
}

// SAFETY: a response is immutable after parsing.
unsafe impl Send for Response {}
unsafe impl Sync for Response {}

impl Drop for Response {
    fn drop(&mut self) {
        // SAFETY: freed once.
        unsafe { sys::ag_response_free(self.ptr) }
    }
}

impl Response {
    /// Parses a non-streaming response body.
    pub fn parse(provider: Provider, body: &[u8]) -> Result<Response> {
        ffi::ensure_version()?;
        let (b, n) = ffi::arg(body);
        let mut out = ptr::null_mut();
        let mut err = vec![0u8; 1024];
        // SAFETY: pointers valid for the call.
        let s = unsafe {
            sys::ag_response_parse(provider as i32, b, n, &mut out, err.as_mut_ptr() as *mut c_char, err.len())
        };
        if s != sys::AG_OK {
            let end = err.iter().position(|&c| c == 0).unwrap_or(err.len());
            err.truncate(end);
            return Err(Error::new(Status::from_code(s), ffi::into_string(err)));
        }
        Ok(Response { ptr: out })
    }

    fn fail(&self, s: sys::ag_status) -> Error {
        // SAFETY: live handle.
        let msg = ffi::last_error(|b, c| unsafe { sys::ag_response_last_error(self.ptr, b, c) });
        Error::new(Status::from_code(s), msg)
    }

    /// The provider id (AG_PROVIDER_*), never Auto.
    pub fn provider(&self) -> i32 {
        // SAFETY: live handle.
        unsafe { sys::ag_response_provider(self.ptr) }
    }

    /// The normalised finish reason (AG_FINISH_*).
    pub fn finish(&self) -> i32 {
        // SAFETY: live handle.
        unsafe { sys::ag_response_finish(self.ptr) }
    }

    /// True for a stream that ended without its terminal event.
    pub fn truncated(&self) -> bool {
        // SAFETY: live handle.
        unsafe { sys::ag_response_truncated(self.ptr) == 1 }
    }

    pub fn usage(&self) -> Result<Usage> {
        let mut u = Usage::default().to_c();
        // SAFETY: live handle, sized struct.
        let s = unsafe { sys::ag_response_usage(self.ptr, &mut u) };
        if s != sys::AG_OK {
            return Err(self.fail(s));
        }
        Ok(Usage::from_c(&u))
    }

    fn field(&self, field: i32) -> Result<String> {
        // SAFETY: buffers valid for each call.
        ffi::read_sized(256, |b, c, n| unsafe { sys::ag_response_field(self.ptr, field, b, c, n) }, |s| self.fail(s))
            .map(ffi::into_string)
    }

    pub fn model(&self) -> Result<String> {
        self.field(sys::AG_FIELD_MODEL)
    }

    pub fn id(&self) -> Result<String> {
        self.field(sys::AG_FIELD_ID)
    }

    pub fn finish_raw(&self) -> Result<String> {
        self.field(sys::AG_FIELD_FINISH_RAW)
    }

    pub fn text(&self) -> Result<String> {
        self.field(sys::AG_FIELD_TEXT)
    }

    pub fn tool_calls(&self) -> Result<Vec<ToolCall>> {
        // SAFETY: live handle.
        let count = unsafe { sys::ag_response_tool_call_count(self.ptr) };
        let part = |i: usize, p: i32| {
            ffi::read_sized(
                256,
                // SAFETY: buffers valid for each call.
                |b, c, n| unsafe { sys::ag_response_tool_call(self.ptr, i, p, b, c, n) },
                |s| self.fail(s),
            )
            .map(ffi::into_string)
        };
        (0..count)
            .map(|i| {
                Ok(ToolCall {
                    id: part(i, sys::AG_TOOL_CALL_ID)?,
                    name: part(i, sys::AG_TOOL_CALL_NAME)?,
                    arguments: part(i, sys::AG_TOOL_CALL_ARGUMENTS)?,
                })
            })
            .collect()
    }

    /// The whole response as one JSON object (see ag_response_to_json).
    pub fn to_json(&self) -> Result<String> {
        // SAFETY: buffers valid for each call.
        ffi::read_sized(1024, |b, c, n| unsafe { sys::ag_response_to_json(self.ptr, b, c, n) }, |s| self.fail(s))
            .map(ffi::into_string)
    }
}

/// One provider SSE stream, fed chunks split anywhere. Send, not Sync.
pub struct StreamParser {
    ptr: *mut sys::ag_stream_parser,
}

// SAFETY: a parser may move between threads; &mut self methods serialise its use.
unsafe impl Send for StreamParser {}

impl Drop for StreamParser {
    fn drop(&mut self) {
        // SAFETY: freed once.
        unsafe { sys::ag_stream_parser_free(self.ptr) }
    }
}

impl StreamParser {
    pub fn new(provider: Provider) -> Result<StreamParser> {
        ffi::ensure_version()?;
        let mut out = ptr::null_mut();
        // SAFETY: out pointer valid.
        let s = unsafe { sys::ag_stream_parser_new(provider as i32, &mut out) };
        if s != sys::AG_OK {
            return Err(Error::new(Status::from_code(s), "ag_stream_parser_new failed"));
        }
        Ok(StreamParser { ptr: out })
    }

    fn fail(&self, s: sys::ag_status) -> Error {
        // SAFETY: live handle.
        let msg = ffi::last_error(|b, c| unsafe { sys::ag_stream_parser_last_error(self.ptr, b, c) });
        Error::new(Status::from_code(s), msg)
    }

    fn check(&self, s: sys::ag_status) -> Result<()> {
        if s == sys::AG_OK {
            Ok(())
        } else {
            Err(self.fail(s))
        }
    }

    pub fn write(&mut self, chunk: &[u8]) -> Result<()> {
        let (c, n) = ffi::arg(chunk);
        // SAFETY: pointers valid for the call.
        self.check(unsafe { sys::ag_stream_parser_write(self.ptr, c, n) })
    }

    /// Ends the stream: Err(Status::Truncated) (retryable) without its terminal event.
    pub fn finish(&mut self) -> Result<()> {
        // SAFETY: live handle.
        self.check(unsafe { sys::ag_stream_parser_finish(self.ptr) })
    }

    pub fn done(&self) -> bool {
        // SAFETY: live handle.
        unsafe { sys::ag_stream_parser_done(self.ptr) == 1 }
    }

    /// The output text received since the last call.
    pub fn take_text(&mut self) -> Result<String> {
        let p = self.ptr;
        // SAFETY: buffers valid for each call.
        ffi::read_sized(256, |b, c, n| unsafe { sys::ag_stream_parser_take_text(p, b, c, n) }, |s| self.fail(s))
            .map(ffi::into_string)
    }

    /// A snapshot of what the stream has said so far.
    pub fn result(&mut self) -> Result<Response> {
        let mut out = ptr::null_mut();
        // SAFETY: live handle.
        self.check(unsafe { sys::ag_stream_parser_result(self.ptr, &mut out) })?;
        Ok(Response { ptr: out })
    }
}

/// A classified provider error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorInfo {
    /// AG_ERROR_*.
    pub class: i32,
    pub retryable: bool,
    pub http_status: i32,
    /// None when not given.
    pub retry_after_ms: Option<i64>,
    pub message: String,
}

/// Classifies a provider error from its HTTP status, raw headers and body.
pub fn classify_error(provider: Provider, http_status: i32, headers: &[u8], body: &[u8]) -> Result<ErrorInfo> {
    let mut info = sys::ag_error_info {
        struct_size: std::mem::size_of::<sys::ag_error_info>() as u32,
        ..Default::default()
    };
    let (h, hl) = ffi::arg(headers);
    let (b, bl) = ffi::arg(body);
    let msg = ffi::read_sized(
        256,
        // SAFETY: pointers valid for each call.
        |m, c, n| unsafe { sys::ag_error_classify(provider as i32, http_status, h, hl, b, bl, &mut info, m, c, n) },
        |s| Error::new(Status::from_code(s), "ag_error_classify failed"),
    )?;
    Ok(ErrorInfo {
        class: info.error_class,
        retryable: info.retryable == 1,
        http_status: info.http_status,
        retry_after_ms: if info.retry_after_ms < 0 { None } else { Some(info.retry_after_ms) },
        message: ffi::into_string(msg),
    })
}

impl Run {
    /// Parses body, prices its usage and commits the reservation: (usage, cost in nano-USD).
    pub fn record_response(&self, reservation: u64, provider: Provider, body: &[u8]) -> Result<(Usage, i64)> {
        let (b, n) = ffi::arg(body);
        let mut u = Usage::default().to_c();
        let mut cost = 0i64;
        // SAFETY: pointers valid for the call.
        self.check_status(unsafe {
            sys::ag_run_record_response(self.raw(), reservation, provider as i32, b, n, &mut u, &mut cost)
        })?;
        Ok((Usage::from_c(&u), cost))
    }

    /// Commits the usage a finished stream parser has seen.
    pub fn record_stream(&self, reservation: u64, parser: &StreamParser) -> Result<(Usage, i64)> {
        let mut u = Usage::default().to_c();
        let mut cost = 0i64;
        // SAFETY: pointers valid for the call; the parser is borrowed for it.
        self.check_status(unsafe {
            sys::ag_run_record_stream(self.raw(), reservation, parser.ptr, &mut u, &mut cost)
        })?;
        Ok((Usage::from_c(&u), cost))
    }
}
