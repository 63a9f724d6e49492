# Attache: `make run` serves on :8080 with SQLite at ./data/attache.sqlite; `make test` runs every check.
SHELL := /bin/bash
SWIFT ?= $(shell command -v swift 2>/dev/null || echo /opt/swift/usr/bin/swift)
PORT ?= 8080
DATABASE ?= ./data/attache.sqlite

.PHONY: all run test build release bench setup setup-run clean

all: build

## setup: install everything building, running and testing need: system packages and the Python tools (idempotent)
setup:
	scripts/ci/setup.sh test

## setup-run: install only what building and running need (the C libraries and pkg-config)
setup-run:
	scripts/ci/setup.sh run

## run: release build, then `attache serve` on :$(PORT) with SQLite at $(DATABASE) (both can be set: make run PORT=9000)
run: setup-run release
	mkdir -p "$(dir $(DATABASE))"
	.build/release/attache serve --port $(PORT) --database "$(DATABASE)"

## test: the whole test suite (scripts/ci/test.sh; it installs the test tools first)
test:
	scripts/ci/test.sh

## build: debug build of everything, tests included
build:
	$(SWIFT) build --build-tests

## release: optimised build of the attache binary
release:
	$(SWIFT) build -c release --product attache

## bench: throughput benchmarks (scripts/bench/bench.sh)
bench: release
	scripts/bench/bench.sh

## clean: remove build products and the tools venv (not ./data)
clean:
	rm -rf .build .venv-tools .schemathesis .hypothesis
