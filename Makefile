# The two commands a newcomer needs: `make serve` and `make test`. Each installs what it lacks.
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

# rust-lld crashes (SIGSEGV) linking the app's debug wasm with full debug info, which the wasm
# tests build alongside their own; without debug info it links.
WASM_TEST_ENV := CARGO_PROFILE_DEV_DEBUG=0 CHROMEDRIVER=/usr/bin/chromedriver \
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	WASM_BINDGEN_TEST_TIMEOUT=60

.PHONY: serve test build lint test-native test-wasm test-e2e bench

## Build and serve the app at http://127.0.0.1:8080
serve:
	scripts/setup.sh
	trunk serve --offline

## Every test: lint, native unit tests, wasm tests in headless Chromium, Playwright end to end
test:
	scripts/setup.sh --test
	$(MAKE) --no-print-directory lint test-native test-wasm build test-e2e

build:
	trunk build --offline

lint:
	cargo fmt --check
	cargo clippy --offline --all-targets -- -D warnings

test-native:
	cargo test --offline

test-wasm:
	$(WASM_TEST_ENV) cargo test --offline --target wasm32-unknown-unknown --test store --test packed --test format

test-e2e:
	node --test --test-concurrency=1 tests/e2e/

## The benchmark (bench/README.md), never part of `make test`: builds the release app, measures it
## in headless Chromium, prints a table and writes bench/results/latest.json
bench:
	scripts/setup.sh --test
	trunk build --offline
	node bench/run.mjs
