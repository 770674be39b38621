//! Status codes and the error type every fallible call returns.
use std::fmt;
use std::io;
use std::sync::Arc;

use agentguard_sys as sys;

/// The kind of a failure: one variant per ag_status code (append-only).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Status {
    Ok,
    InvalidArgument,
    NoMem,
    Internal,
    BufferTooSmall,
    StructSize,
    Parse,
    Policy,
    UnknownModel,
    BudgetExceeded,
    DeadlineExceeded,
    TurnLimit,
    ToolCallLimit,
    Killed,
    NotFound,
    Expired,
    RunClosed,
    Io,
    Unsupported,
    State,
    Truncated,
    ProviderError,
    TooLarge,
    ScrubCompile,
    Tokenizer,
    Version,
    /// A code newer than this binding.
    Unknown(i32),
}

const TABLE: [(Status, i32, &str); 26] = [
    (Status::Ok, sys::AG_OK, "AG_OK"),
    (Status::InvalidArgument, sys::AG_E_INVALID_ARGUMENT, "AG_E_INVALID_ARGUMENT"),
    (Status::NoMem, sys::AG_E_NOMEM, "AG_E_NOMEM"),
    (Status::Internal, sys::AG_E_INTERNAL, "AG_E_INTERNAL"),
    (Status::BufferTooSmall, sys::AG_E_BUFFER_TOO_SMALL, "AG_E_BUFFER_TOO_SMALL"),
    (Status::StructSize, sys::AG_E_STRUCT_SIZE, "AG_E_STRUCT_SIZE"),
    (Status::Parse, sys::AG_E_PARSE, "AG_E_PARSE"),
    (Status::Policy, sys::AG_E_POLICY, "AG_E_POLICY"),
    (Status::UnknownModel, sys::AG_E_UNKNOWN_MODEL, "AG_E_UNKNOWN_MODEL"),
    (Status::BudgetExceeded, sys::AG_E_BUDGET_EXCEEDED, "AG_E_BUDGET_EXCEEDED"),
    (Status::DeadlineExceeded, sys::AG_E_DEADLINE_EXCEEDED, "AG_E_DEADLINE_EXCEEDED"),
    (Status::TurnLimit, sys::AG_E_TURN_LIMIT, "AG_E_TURN_LIMIT"),
    (Status::ToolCallLimit, sys::AG_E_TOOL_CALL_LIMIT, "AG_E_TOOL_CALL_LIMIT"),
    (Status::Killed, sys::AG_E_KILLED, "AG_E_KILLED"),
    (Status::NotFound, sys::AG_E_NOT_FOUND, "AG_E_NOT_FOUND"),
    (Status::Expired, sys::AG_E_EXPIRED, "AG_E_EXPIRED"),
    (Status::RunClosed, sys::AG_E_RUN_CLOSED, "AG_E_RUN_CLOSED"),
    (Status::Io, sys::AG_E_IO, "AG_E_IO"),
    (Status::Unsupported, sys::AG_E_UNSUPPORTED, "AG_E_UNSUPPORTED"),
    (Status::State, sys::AG_E_STATE, "AG_E_STATE"),
    (Status::Truncated, sys::AG_E_TRUNCATED, "AG_E_TRUNCATED"),
    (Status::ProviderError, sys::AG_E_PROVIDER_ERROR, "AG_E_PROVIDER_ERROR"),
    (Status::TooLarge, sys::AG_E_TOO_LARGE, "AG_E_TOO_LARGE"),
    (Status::ScrubCompile, sys::AG_E_SCRUB_COMPILE, "AG_E_SCRUB_COMPILE"),
    (Status::Tokenizer, sys::AG_E_TOKENIZER, "AG_E_TOKENIZER"),
    (Status::Version, sys::AG_E_VERSION, "AG_E_VERSION"),
];

impl Status {
    /// Every status this binding knows, in code order.
    pub fn all() -> impl Iterator<Item = Status> {
        TABLE.iter().map(|t| t.0)
    }

    pub fn from_code(code: i32) -> Status {
        TABLE.iter().find(|t| t.1 == code).map(|t| t.0).unwrap_or(Status::Unknown(code))
    }

    pub fn code(self) -> i32 {
        match self {
            Status::Unknown(c) => c,
            s => TABLE.iter().find(|t| t.0 == s).map(|t| t.1).unwrap_or(sys::AG_E_INTERNAL),
        }
    }

    /// The C macro name, e.g. "AG_E_BUDGET_EXCEEDED".
    pub fn name(self) -> &'static str {
        TABLE.iter().find(|t| t.0 == self).map(|t| t.2).unwrap_or("unknown status")
    }

    pub fn from_name(name: &str) -> Option<Status> {
        TABLE.iter().find(|t| t.2 == name).map(|t| t.0)
    }

    /// The library's text for the status, e.g. "budget exceeded".
    pub fn as_str(self) -> &'static str {
        // SAFETY: ag_status_str returns a static NUL-terminated ASCII string, never NULL.
        unsafe { std::ffi::CStr::from_ptr(sys::ag_status_str(self.code())) }
            .to_str()
            .unwrap_or("unknown status")
    }

    /// Whether retrying the same call later can succeed.
    pub fn is_retryable(self) -> bool {
        // SAFETY: pure function of an integer.
        unsafe { sys::ag_status_is_retryable(self.code()) != 0 }
    }
}

/// A failed call: its status and the library's message (which names the offending input).
///
/// When the writer of [`Scrubber::scrub_to`](crate::Scrubber::scrub_to) fails, the status
/// is [`Status::Io`], the message is the writer's error's, and the writer's `io::Error`
/// itself is kept: [`Error::io_error`], [`std::error::Error::source`], and
/// `io::Error::from(error)` give it back.
#[derive(Clone, Debug)]
pub struct Error {
    pub status: Status,
    pub message: String,
    io: Option<Arc<io::Error>>,
}

impl Error {
    pub fn new(status: Status, message: impl Into<String>) -> Error {
        Error { status, message: message.into(), io: None }
    }

    /// An error carrying a writer's `io::Error` (status [`Status::Io`]).
    pub(crate) fn from_writer(err: io::Error) -> Error {
        Error { status: Status::Io, message: err.to_string(), io: Some(Arc::new(err)) }
    }

    pub fn code(&self) -> i32 {
        self.status.code()
    }

    /// The writer's own error when a writer stopped the call (see `Scrubber::scrub_to`).
    pub fn io_error(&self) -> Option<&io::Error> {
        self.io.as_deref()
    }
}

/// Equal status and message, and writer errors of the same kind (io::Error has no `==`).
impl PartialEq for Error {
    fn eq(&self, other: &Error) -> bool {
        self.status == other.status
            && self.message == other.message
            && self.io.as_ref().map(|e| e.kind()) == other.io.as_ref().map(|e| e.kind())
    }
}

impl Eq for Error {}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.message.is_empty() {
            write!(f, "{}", self.status.name())
        } else {
            write!(f, "{} ({})", self.message, self.status.name())
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.io {
            Some(e) => Some(&**e),
            None => None,
        }
    }
}

/// For `?` in functions returning `io::Result`: a writer's error comes back as it was
/// (when this is its only copy); any other error becomes an `io::Error` wrapping it, of kind
/// `InvalidInput` for [`Status::InvalidArgument`] and `Other` otherwise.
impl From<Error> for io::Error {
    fn from(mut err: Error) -> io::Error {
        if let Some(shared) = err.io.take() {
            match Arc::try_unwrap(shared) {
                Ok(e) => return e,
                Err(shared) => {
                    let kind = shared.kind();
                    err.io = Some(shared);
                    return io::Error::new(kind, err);
                }
            }
        }
        let kind = if err.status == Status::InvalidArgument {
            io::ErrorKind::InvalidInput
        } else {
            io::ErrorKind::Other
        };
        io::Error::new(kind, err)
    }
}

pub type Result<T> = std::result::Result<T, Error>;
