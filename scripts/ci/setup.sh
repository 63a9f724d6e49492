#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks to build and run Attache, or to test it:
#   scripts/ci/setup.sh run    the Debian packages that building and running need: the C libraries the
#                              Swift package links (libcurl, libsqlite3, libpq) and pkg-config (`make run`);
#   scripts/ci/setup.sh test   those, plus what the test command needs (`make test`): a PostgreSQL server
#                              (the PostgreSQL store tests), wrk (benchmarks), and a Python virtual
#                              environment at .venv-tools/ with the API-check tools pinned in
#                              scripts/ci/requirements-tools.txt (openapi-spec-validator, schemathesis, hadolint).
#   scripts/ci/setup.sh test-packages   the Debian packages of `test` without the Python environment (the test
#                              command's packages stage, so that the Swift tests need not wait for pip);
#   scripts/ci/setup.sh     the same as `test`: everything.
# Idempotent: a second run checks and prints nothing. Fails loudly (non-zero, with the tool's
# output) when an install fails. Needs root or sudo for apt-get; Swift itself is expected at
# /opt/swift or on PATH.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="$root/.venv-tools"
requirements="$root/scripts/ci/requirements-tools.txt"

die() { printf 'setup.sh: error: %s\n' "$*" >&2; exit 1; }
say() { printf 'setup.sh: %s\n' "$*"; }

purpose="${1:-test}"
case "$purpose" in
    run | test | test-packages) ;;
    *) die "unknown purpose '$purpose': use 'run' (build and run), 'test' (also the test tools) or 'test-packages'" ;;
esac

# --- Debian packages --------------------------------------------------------------------------

packages=(libcurl4-openssl-dev libsqlite3-dev libpq-dev pkg-config)
if [ "$purpose" != run ]; then
    # wamerican: the word list the gazetteer generator reads (scripts/kb/gen_locations.py --check).
    packages+=(postgresql wrk wamerican)
    # The virtual environment needs python3 with venv and ensurepip (Debian splits them out).
    if ! command -v python3 >/dev/null 2>&1; then
        packages+=(python3 python3-venv)
    elif ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
        packages+=(python3-venv)
    fi
fi

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$p")
    fi
done

if ((${#missing[@]})); then
    command -v apt-get >/dev/null 2>&1 || die "missing packages (${missing[*]}) and no apt-get to install them"
    sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 || die "missing packages (${missing[*]}); run as root or install sudo"
        sudo=(sudo)
    fi
    say "installing ${missing[*]}"
    log="$(mktemp)"
    export DEBIAN_FRONTEND=noninteractive
    if ! "${sudo[@]}" apt-get update -qq >"$log" 2>&1; then
        cat "$log" >&2; rm -f "$log"; die "apt-get update failed"
    fi
    if ! "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >"$log" 2>&1; then
        cat "$log" >&2; rm -f "$log"; die "apt-get install ${missing[*]} failed"
    fi
    rm -f "$log"
    for p in "${missing[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || die "$p is still not installed"
    done
fi

[ "$purpose" = test ] || exit 0

# --- Python tools -----------------------------------------------------------------------------

# The stamp records the requirements that were installed (requirements-tools.txt includes
# requirements-kb.txt); a changed pin in either reinstalls.
stamp="$venv/.requirements.sha256"
want="$(cat "$requirements" "$root/scripts/kb/requirements-kb.txt" | sha256sum | cut -d' ' -f1)"
tools_ok() {
    [ -x "$venv/bin/st" ] && [ -x "$venv/bin/openapi-spec-validator" ] && [ -x "$venv/bin/hadolint" ] \
        && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]
}

if ! tools_ok; then
    say "installing Python tools into .venv-tools/"
    log="$(mktemp)"
    if [ ! -x "$venv/bin/python" ]; then
        python3 -m venv "$venv" >"$log" 2>&1 || { cat "$log" >&2; rm -f "$log"; die "python3 -m venv $venv failed"; }
    fi
    if ! "$venv/bin/python" -m pip install -q --disable-pip-version-check --no-input -r "$requirements" >"$log" 2>&1; then
        cat "$log" >&2; rm -f "$log"; die "pip install -r scripts/ci/requirements-tools.txt failed"
    fi
    rm -f "$log"
    printf '%s\n' "$want" >"$stamp"
    tools_ok || die "the Python tools are not all in $venv/bin after installing"
fi
