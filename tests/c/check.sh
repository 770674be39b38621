#!/usr/bin/env bash
# Checks of the installed package from the outside, run by ctest (see CMakeLists.txt here).
#   check.sh install | pkgconfig-static | pkgconfig-shared | dlopen | exports | soname |
#            malloc | cmake-consumer | example
# Environment (set by CMakeLists.txt): AG_SOURCE_DIR, AG_BINARY_DIR (the build tree),
# AG_C_WORK (scratch directory), CC, CMAKE.
set -euo pipefail

src=$AG_SOURCE_DIR/tests/c
prefix=$AG_C_WORK/prefix
work=$AG_C_WORK/$1
warn=(-std=c99 -Wall -Wextra -Wpedantic -Werror)

# The library directory of the install (lib or lib/<multiarch>), found by its .pc file.
libdir() { dirname "$(dirname "$(find "$prefix" -name agentguard.pc -print -quit)")"; }
pc() { PKG_CONFIG_PATH=$(libdir)/pkgconfig pkg-config "$@" agentguard; }
fail() { echo "FAIL: $*" >&2; exit 1; }

[ "$1" = install ] || [ -f "$prefix/include/agentguard.h" ] || fail "run 'install' first"
rm -rf "$work"
mkdir -p "$work"

case $1 in
  install)
    rm -rf "$prefix"
    "$CMAKE" --install "$AG_BINARY_DIR" --prefix "$prefix" >"$work/install.log"
    for f in include/agentguard.h; do [ -f "$prefix/$f" ] || fail "$f not installed"; done
    for f in libagentguard.a libagentguard.so libagentguard.so.0 pkgconfig/agentguard.pc \
      cmake/agentguard/agentguardConfig.cmake; do
      [ -e "$(libdir)/$f" ] || fail "$f not installed in $(libdir)"
    done
    echo "installed into $prefix"
    ;;

  pkgconfig-static)
    # A copy of the install without the shared library, so -lagentguard can only mean the
    # archive; the .pc file locates itself, so the copy works unchanged.
    cp -a "$prefix" "$work/prefix"
    copy_libdir=$work/prefix/$(realpath --relative-to="$prefix" "$(libdir)")
    rm -f "$copy_libdir"/libagentguard.so*
    flags=$(PKG_CONFIG_PATH=$copy_libdir/pkgconfig pkg-config --cflags --libs --static agentguard)
    echo "pkg-config --cflags --libs --static agentguard: $flags"
    # shellcheck disable=SC2086
    "$CC" "${warn[@]}" "$src/abi_smoke.c" $flags -o "$work/abi_smoke"
    if readelf -d "$work/abi_smoke" | grep -q 'NEEDED.*libagentguard'; then
      fail "the program needs libagentguard.so: it was not linked statically"
    fi
    "$work/abi_smoke"
    ;;

  pkgconfig-shared)
    flags=$(pc --cflags --libs)
    echo "pkg-config --cflags --libs agentguard: $flags"
    # shellcheck disable=SC2086
    "$CC" "${warn[@]}" "$src/abi_smoke.c" $flags -o "$work/abi_smoke"
    readelf -d "$work/abi_smoke" | grep -q 'NEEDED.*\[libagentguard\.so\.0\]' ||
      fail "the program does not need libagentguard.so.0"
    LD_LIBRARY_PATH=$(libdir) "$work/abi_smoke"
    ;;

  dlopen)
    "$CC" "${warn[@]}" -I"$prefix/include" "$src/dlopen_check.c" -ldl -o "$work/dlopen_check"
    LD_LIBRARY_PATH=$(libdir) "$work/dlopen_check"
    ;;

  exports)
    lib=$(libdir)/libagentguard.so.0
    # Every exported symbol is ag_* (plus the version node of the version script).
    nm -D --defined-only "$lib" | awk '{print $NF}' | sed 's/@.*//' | sort -u >"$work/exported"
    if grep -v -e '^ag_' -e '^AG_[0-9]*$' "$work/exported" >"$work/stray"; then
      fail "symbols exported that are not ag_*: $(head -20 "$work/stray" | tr '\n' ' ')"
    fi
    # Every function the header declares is exported.
    grep '^AG_API' "$prefix/include/agentguard.h" | grep -oE '\bag_[a-z0-9_]+\(' |
      tr -d '(' | sort -u >"$work/declared"
    missing=$(comm -23 "$work/declared" "$work/exported")
    [ -z "$missing" ] || fail "declared in agentguard.h but not exported: $(echo $missing)"
    # No allocator (or anything else) is pulled in as a load-time dependency of the host.
    if readelf -d "$lib" | grep -q 'NEEDED.*mimalloc'; then
      fail "libagentguard.so links mimalloc: it would replace the host's malloc"
    fi
    echo "$(grep -c . "$work/exported") symbols exported, all ag_*;" \
      "$(grep -c . "$work/declared") declared functions all exported"
    ;;

  soname)
    soname=$(readelf -d "$(libdir)/libagentguard.so" | sed -n 's/.*SONAME.*\[\(.*\)\]/\1/p')
    [ "$soname" = libagentguard.so.0 ] || fail "SONAME is '$soname', expected libagentguard.so.0"
    echo "SONAME $soname"
    ;;

  malloc)
    # shellcheck disable=SC2046
    "$CC" "${warn[@]}" "$src/malloc_check.c" $(pc --cflags --libs) -ldl -o "$work/malloc_check"
    LD_LIBRARY_PATH=$(libdir) "$work/malloc_check"
    ;;

  cmake-consumer)
    "$CMAKE" -S "$src/consumer" -B "$work/build" -DCMAKE_PREFIX_PATH="$prefix" \
      -DCMAKE_BUILD_TYPE=Release >"$work/configure.log" || { cat "$work/configure.log"; exit 1; }
    "$CMAKE" --build "$work/build" >"$work/build.log" || { cat "$work/build.log"; exit 1; }
    "$work/build/consumer_shared"
    "$work/build/consumer_static"
    ;;

  example)
    example=$AG_SOURCE_DIR/examples/c/budgeted_call.c
    # shellcheck disable=SC2046
    "$CC" "${warn[@]}" "$example" $(pc --cflags --libs) -o "$work/budgeted_call"
    LD_LIBRARY_PATH=$(libdir) "$work/budgeted_call"
    ;;

  *)
    fail "unknown check '$1'"
    ;;
esac
