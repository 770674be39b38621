//! Finds libagentguard: $AGENTGUARD_LIB_DIR (a directory holding libagentguard.so) wins;
//! otherwise `pkg-config --libs-only-L agentguard`; otherwise the linker's default paths.
//! At run time the library is found like any shared library (LD_LIBRARY_PATH, ld.so.conf).
use std::env;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=AGENTGUARD_LIB_DIR");
    println!("cargo:rerun-if-env-changed=PKG_CONFIG_PATH");
    let mut dirs = Vec::new();
    if let Ok(dir) = env::var("AGENTGUARD_LIB_DIR") {
        dirs.push(dir);
    } else if let Ok(out) = Command::new("pkg-config")
        .args(["--libs-only-L", "agentguard"])
        .output()
    {
        if out.status.success() {
            let text = String::from_utf8_lossy(&out.stdout).into_owned();
            dirs.extend(text.split_whitespace().filter_map(|f| f.strip_prefix("-L")).map(String::from));
        }
    }
    for dir in &dirs {
        println!("cargo:rustc-link-search=native={}", dir);
    }
    println!("cargo:rustc-link-lib=dylib=agentguard");
}
