# Shared by scripts/setup, scripts/demo and scripts/test. Source it; it does nothing by itself
# except set up a predictable environment.
#
# Environment knobs (all optional):
#   AG_BUILD_PREFIX  where build trees go; "<prefix>release", "<prefix>dev", ... (default build/)
#   AG_JOBS          parallel build and test jobs (default 2)
#   AG_NO_INSTALL=1  never call apt-get or npm; fail with the list of what is missing instead

set -euo pipefail

AG_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
AG_JOBS=${AG_JOBS:-2}
AG_BUILD_PREFIX=${AG_BUILD_PREFIX:-$AG_ROOT/build/}
case "$AG_BUILD_PREFIX" in /*) ;; *) AG_BUILD_PREFIX=$AG_ROOT/$AG_BUILD_PREFIX ;; esac

# A fresh machine (a bare chroot, a container) may have no HOME, no locale and no TERM.
if [ -z "${HOME:-}" ] || [ ! -d "$HOME" ]; then
  HOME=$(getent passwd "$(id -u)" | cut -d: -f6 || true)
  [ -n "$HOME" ] && [ -d "$HOME" ] || HOME=${TMPDIR:-/tmp}
fi
export HOME
export LANG=${LANG:-C.UTF-8}
export TERM=${TERM:-dumb}
export DEBIAN_FRONTEND=noninteractive
# Node does not read the system trust store by default; npm behind a TLS proxy needs it.
if [ -z "${NODE_EXTRA_CA_CERTS:-}" ] && [ -r /etc/ssl/certs/ca-certificates.crt ]; then
  export NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
fi

ag_header() { printf '\n==== %s\n' "$*"; }
ag_note() { printf -- '-- %s\n' "$*"; }
ag_die() { printf 'error: %s\n' "$*" >&2; exit 1; }
ag_has() { command -v "$1" >/dev/null 2>&1; }

# Runs a command as root: directly, or through sudo when it is there.
ag_as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif ag_has sudo; then
    sudo -E "$@"
  else
    ag_die "need root (or sudo) to run: $*"
  fi
}

# Debian packages, one set per purpose. "package:command" means the package is not needed
# when the command is already on PATH (a toolchain installed another way, e.g. rustup or
# NodeSource). Hyperscan is x86-only; other architectures get Vectorscan (same API).
ag_hyperscan_package() {
  case "$(dpkg --print-architecture 2>/dev/null || uname -m)" in
    amd64 | i386 | x86_64) echo libhyperscan-dev ;;
    *) echo libvectorscan-dev ;;
  esac
}

ag_packages_build() {
  echo build-essential cmake pkg-config "$(ag_hyperscan_package)" libsimdjson-dev \
    libmimalloc-dev googletest libgtest-dev libgmock-dev libbenchmark-dev
}

ag_packages_test() {
  ag_packages_build
  # libclang-rt-14-dev holds the libFuzzer and sanitizer runtimes for clang 14.
  echo clang:clang libclang-rt-14-dev binutils golang-go:go rustc:rustc cargo:cargo \
    nodejs:node npm:npm python3:python3 ripgrep:rg valgrind:valgrind
}

# Prints the packages of the list in $@ that are neither installed nor covered by a command.
ag_missing_packages() {
  local entry pkg cmd
  for entry in "$@"; do
    pkg=${entry%%:*}
    cmd=${entry#*:}
    if [ "$cmd" != "$entry" ] && ag_has "$cmd"; then
      continue
    fi
    if [ "$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null)" != installed ]; then
      echo "$pkg"
    fi
  done
}

# Installs the missing Debian packages of the list in $@; apt-get update runs only when
# something is missing, so a second run costs a dpkg-query per package.
ag_install_packages() {
  local missing
  missing=$(ag_missing_packages "$@" | tr '\n' ' ')
  missing=${missing% }
  [ -z "$missing" ] && return 0
  [ "${AG_NO_INSTALL:-0}" = 1 ] && ag_die "missing Debian packages: $missing"
  ag_has apt-get || ag_die "missing packages ($missing) and no apt-get to install them"
  ag_header "installing Debian packages: $missing"
  ag_as_root apt-get update -q
  # shellcheck disable=SC2086 # word splitting of the package list is intended
  ag_as_root apt-get install -y -q --no-install-recommends $missing
}

# Prints the build tree of a configuration: release, dev, tsan, fuzz, ...
ag_build_dir() { printf '%s%s' "$AG_BUILD_PREFIX" "$1"; }

# Configures one preset of CMakePresets.json into ag_build_dir <preset> (quiet unless it
# fails; re-configuring an existing tree takes a second) and builds it.
#   ag_build <preset> [extra cmake -D options...] [-- build targets...]
ag_build() {
  local preset=$1 dir targets=() opts=()
  shift
  dir=$(ag_build_dir "$preset")
  while [ $# -gt 0 ]; do
    if [ "$1" = -- ]; then
      shift
      targets=("$@")
      break
    fi
    opts+=("$1")
    shift
  done
  mkdir -p "$dir"
  (cd "$AG_ROOT" && cmake --preset "$preset" -B "$dir" "${opts[@]}" >"$dir/configure.log" 2>&1) || {
    cat "$dir/configure.log" >&2
    ag_die "cmake configure failed for preset $preset ($dir)"
  }
  local target_args=()
  [ ${#targets[@]} -gt 0 ] && target_args=(--target "${targets[@]}")
  cmake --build "$dir" -j "$AG_JOBS" "${target_args[@]}"
}
