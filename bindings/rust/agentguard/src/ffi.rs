//! Helpers shared by the wrappers: byte arguments, size-query reads, last-error reads.
use std::os::raw::c_char;

use agentguard_sys as sys;

use crate::error::{Error, Result, Status};

/// The MAJOR version this crate speaks.
pub const EXPECTED_MAJOR: u32 = sys::AG_VERSION_MAJOR;

/// Refuses a library whose MAJOR differs from `expected_major`.
pub fn check_version(number: u32, expected_major: u32) -> Result<()> {
    let major = number / 10000;
    if major == expected_major {
        return Ok(());
    }
    Err(Error::new(
        Status::Version,
        format!(
            "libagentguard {}.{}.{} is loaded but this binding needs major version {}",
            major,
            number / 100 % 100,
            number % 100,
            expected_major
        ),
    ))
}

/// Checks the loaded library; every constructor calls it (one integer call).
pub fn ensure_version() -> Result<()> {
    // SAFETY: no arguments.
    check_version(unsafe { sys::ag_version_number() }, EXPECTED_MAJOR)
}

/// (pointer, length) of bytes for one call.
pub fn arg(b: &[u8]) -> (*const c_char, usize) {
    (b.as_ptr() as *const c_char, b.len())
}

/// Calls `f(buf, cap, len_out)` with the size-query convention; `fail` turns a status into
/// the handle's error.
pub fn read_sized(
    initial: usize,
    mut f: impl FnMut(*mut c_char, usize, *mut usize) -> sys::ag_status,
    fail: impl Fn(sys::ag_status) -> Error,
) -> Result<Vec<u8>> {
    let mut buf = vec![0u8; initial];
    let mut n = 0usize;
    let mut s = f(buf.as_mut_ptr() as *mut c_char, buf.len(), &mut n);
    if s == sys::AG_E_BUFFER_TOO_SMALL && n > buf.len() {
        buf = vec![0u8; n];
        s = f(buf.as_mut_ptr() as *mut c_char, buf.len(), &mut n);
    }
    if s != sys::AG_OK {
        return Err(fail(s));
    }
    buf.truncate(n);
    Ok(buf)
}

/// A handle's last error message, read with an snprintf-style getter.
pub fn last_error(get: impl Fn(*mut c_char, usize) -> usize) -> String {
    let mut buf = vec![0u8; 512];
    let n = get(buf.as_mut_ptr() as *mut c_char, buf.len());
    if n >= buf.len() {
        buf = vec![0u8; n + 1];
        get(buf.as_mut_ptr() as *mut c_char, buf.len());
    }
    buf.truncate(n.min(buf.len() - 1));
    String::from_utf8_lossy(&buf).into_owned()
}

/// Bytes from the library as a String (the library writes UTF-8).
pub fn into_string(b: Vec<u8>) -> String {
    String::from_utf8(b).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}
