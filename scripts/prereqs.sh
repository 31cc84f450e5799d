#!/usr/bin/env bash
# Installs what building restock's default solver (HiGHS) needs, when it is missing:
# cmake, a C++ compiler and libclang (for the generated bindings). Debian/Ubuntu only;
# elsewhere it says what to install. Safe to run again: it installs nothing that is there.
set -euo pipefail

missing=()
command -v cmake >/dev/null 2>&1 || missing+=(cmake)
command -v c++ >/dev/null 2>&1 || missing+=(g++)
have_libclang() {
    if [ -n "${LIBCLANG_PATH:-}" ] && ls "$LIBCLANG_PATH"/libclang*.so* >/dev/null 2>&1; then
        return 0
    fi
    ldconfig -p 2>/dev/null | grep -q 'libclang[-.0-9]*\.so' && return 0
    ls /usr/lib/llvm-*/lib/libclang*.so* /usr/lib/x86_64-linux-gnu/libclang*.so* \
        /usr/lib/aarch64-linux-gnu/libclang*.so* >/dev/null 2>&1
}
have_libclang || missing+=(libclang-dev)

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

echo "restock: installing the solver's build prerequisites: ${missing[*]}" >&2
if ! command -v apt-get >/dev/null 2>&1; then
    echo "restock: no apt-get here; install ${missing[*]} with your package manager," >&2
    echo "         or build without HiGHS: cargo run --release --no-default-features" >&2
    exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
