#!/usr/bin/env bash
# Installs what building needs (and, with --test, what testing needs), skipping every piece that
# is already there at the right version. Versions and why: ../shared/TOOLCHAIN.md.
set -euo pipefail
cd "$(dirname "$0")/.."

for_tests=false
[ "${1:-}" = "--test" ] && for_tests=true

TRUNK_VERSION=0.21.14
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

if ! command -v cargo >/dev/null; then
    echo "Rust is not installed: install it with rustup (https://rustup.rs), then run this again." >&2
    exit 1
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "Adding the wasm32 target"
    rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    say "Installing trunk $TRUNK_VERSION (about 20 minutes on two cores, once)"
    cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# The CLI must be the very version of the wasm-bindgen crate in Cargo.lock.
bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3 }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $bindgen_version" ]; then
    say "Installing wasm-bindgen-cli $bindgen_version (about 8 minutes, once)"
    # No --locked: its lockfile names a crate version the registry here lacks.
    cargo install wasm-bindgen-cli --version "$bindgen_version"
fi

# wasm-opt (binaryen 132) and playwright-core come from npm, pinned in package-lock.json.
if ! cmp -s package-lock.json node_modules/.leadline-installed 2>/dev/null; then
    say "Installing npm packages"
    npm ci --no-audit --no-fund
    cp package-lock.json node_modules/.leadline-installed
fi

say "Fetching crates"
cargo fetch --locked

if $for_tests; then
    if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
        say "Installing Chromium and ChromeDriver"
        as_root apt-get update
        # The first install can stop in dpkg on this platform; fixing and retrying succeeds.
        if ! as_root apt-get install -y --no-install-recommends chromium chromium-driver; then
            as_root apt-get --fix-broken install -y
            as_root apt-get install -y --no-install-recommends chromium chromium-driver
        fi
    fi
    # Screenshots of the Chinese screens need a Chinese font; a user's system has one already.
    if ! fc-list :lang=zh 2>/dev/null | grep -q .; then
        say "Installing a Chinese font for screenshots"
        as_root apt-get update
        as_root apt-get install -y --no-install-recommends fonts-wqy-microhei fontconfig
    fi
fi
