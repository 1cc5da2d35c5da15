# Shared by scripts/run and scripts/test: install what is missing, skip what is there.
# Every step checks first, so running the scripts again costs seconds.

set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"

TRUNK_VERSION=0.21.14

# Each step says when it starts (seconds since the script started), so a slow step shows.
say() { printf '\n==> %s  [%s, +%ss]\n' "$*" "$(date +%T)" "$SECONDS"; }

# The build and test tools built from crates.io source. Their own release profiles ask for fat
# LTO in one codegen unit (Trunk took 8 min 12 s that way on this 2-core kind, a third of a
# fresh CI run); a build tool gains nothing from it, so it is built without.
cargo_install_tool() {
  CARGO_PROFILE_RELEASE_LTO=off CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 cargo install "$@"
}

apt_install() {
  # apt-get update once per script run, and only if something is missing.
  if [ -z "${APT_UPDATED:-}" ]; then
    apt-get update -qq
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

need_root_for_apt() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "Installing $* needs root (apt-get). Run as root or install: $*" >&2
    exit 1
  fi
}

ensure_node() {
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    say "Installing Node.js and npm (Debian packages)"
    need_root_for_apt nodejs npm
    apt_install nodejs npm
  fi
}

ensure_wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "Adding the wasm32-unknown-unknown Rust target"
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_trunk() {
  if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION\$"; then
    say "Installing Trunk $TRUNK_VERSION (a few minutes, once)"
    cargo_install_tool trunk --version "$TRUNK_VERSION" --locked
  fi
}

# The CLI must match the wasm-bindgen crate in Cargo.lock exactly, or Trunk refuses it.
ensure_wasm_bindgen() {
  local want
  want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
  if [ -z "$want" ]; then
    echo "Cargo.lock names no wasm-bindgen version" >&2
    exit 1
  fi
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $want\$"; then
    say "Installing wasm-bindgen-cli $want (a few minutes, once)"
    # No --locked: the CLI's own lock file pins a yanked crate.
    cargo_install_tool wasm-bindgen-cli --version "$want" --force
  fi
}

# wasm-opt (npm binaryen) for the release build; Playwright and axe-core for the tests.
ensure_npm_packages() {
  ensure_node
  if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -x node_modules/.bin/playwright ] \
    || [ ! -d node_modules/subset-font ] || [ ! -d node_modules/@fontsource/source-sans-3 ] \
    || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "Installing npm packages (package-lock.json)"
    npm ci --no-audit --no-fund
  fi
}

# wasm-split cuts the wasm into per-route chunks after the build (scripts/post-build).
WASM_SPLIT_VERSION=0.2.4
ensure_wasm_split() {
  if ! cargo install --list | grep -q "^wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
    say "Installing wasm-split $WASM_SPLIT_VERSION (a few minutes, once)"
    cargo_install_tool --locked "wasm_split_cli_support@$WASM_SPLIT_VERSION" --features build-binary
  fi
}

CARGO_MUTANTS_VERSION=27.1.0

# Mutation testing (scripts/mutants only), built from crates.io source.
ensure_cargo_mutants() {
  if ! cargo install --list | grep -q "^cargo-mutants v$CARGO_MUTANTS_VERSION:"; then
    say "Installing cargo-mutants $CARGO_MUTANTS_VERSION (a few minutes, once)"
    cargo_install_tool --locked "cargo-mutants@$CARGO_MUTANTS_VERSION"
  fi
}

CARGO_NEXTEST_VERSION=0.9.143

# cargo-mutants runs each mutant's tests with nextest, which stops at the first failure
# (libtest always runs the whole binary): most mutants fail a test within seconds.
ensure_cargo_nextest() {
  if ! cargo nextest --version >/dev/null 2>&1; then
    say "Installing cargo-nextest $CARGO_NEXTEST_VERSION (a few minutes, once)"
    cargo_install_tool --locked "cargo-nextest@$CARGO_NEXTEST_VERSION"
  fi
}

# zopfli writes smaller gzip copies than gzip -9 (same format, slower to make).
ensure_zopfli() {
  if ! command -v zopfli >/dev/null; then
    say "Installing zopfli (Debian package)"
    need_root_for_apt zopfli
    apt_install zopfli
  fi
}

ensure_build_tools() {
  ensure_wasm_target
  ensure_trunk
  ensure_wasm_bindgen
  ensure_wasm_split
  ensure_zopfli
  ensure_npm_packages
}

# Debian's Chromium and its driver; never a browser download.
ensure_browser() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "Installing Chromium and ChromeDriver (Debian packages)"
    need_root_for_apt chromium chromium-driver
    apt_install chromium chromium-driver
  fi
}

# The end-to-end tests set up database states (an old sign-in) with the sqlite3 CLI.
ensure_sqlite_cli() {
  if ! command -v sqlite3 >/dev/null; then
    say "Installing the sqlite3 command-line tool (Debian package)"
    need_root_for_apt sqlite3
    apt_install sqlite3
  fi
}

# PostgreSQL's server programs (initdb, pg_ctl) from Debian's packages, for the tests that
# run against PostgreSQL. No system service is used: see start_test_postgres.
pg_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

ensure_postgres() {
  if [ -z "$(pg_bin)" ] || [ ! -x "$(pg_bin)/initdb" ]; then
    say "Installing PostgreSQL (Debian packages)"
    need_root_for_apt postgresql
    apt_install postgresql
  fi
}

# A throw-away PostgreSQL cluster in a temporary folder on a free loopback port, owned by a
# non-root user (initdb refuses root), stopped and removed when the script exits. Exports
# KLEVER_TEST_POSTGRES_URL for the tests. fsync is off: the cluster holds test data only.
start_test_postgres() {
  local bin dir port user
  bin="$(pg_bin)"
  dir="$(mktemp -d /tmp/klever-pg.XXXXXX)"
  port="$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')"
  user=postgres
  if [ "$(id -u)" -ne 0 ]; then user="$(id -un)"; fi
  chown "$user" "$dir"
  as_pg_user() { if [ "$(id -u)" -eq 0 ]; then runuser -u "$user" -- "$@"; else "$@"; fi; }
  as_pg_user "$bin/initdb" -D "$dir/data" -A trust -U klever -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log"
  as_pg_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
  TEST_POSTGRES_DIR="$dir"
  TEST_POSTGRES_STOP="$bin/pg_ctl -D $dir/data -m immediate stop"
  export KLEVER_TEST_POSTGRES_URL="postgres://klever@127.0.0.1:$port/postgres"
  say "PostgreSQL for the tests at $KLEVER_TEST_POSTGRES_URL"
}

stop_test_postgres() {
  if [ -n "${TEST_POSTGRES_DIR:-}" ]; then
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- $TEST_POSTGRES_STOP >/dev/null 2>&1 || true
    else $TEST_POSTGRES_STOP >/dev/null 2>&1 || true; fi
    rm -rf "$TEST_POSTGRES_DIR"
  fi
}

# The test run's Python tools, pinned, in a virtual environment under target/: schemathesis
# (scripts/fuzz-api) and aiosmtpd, the SMTP server the server tests deliver mail to.
SCHEMATHESIS_VERSION=4.32.5
AIOSMTPD_VERSION=1.4.6
TEST_VENV="$ROOT/target/test-venv"
ensure_test_python() {
  if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
    say "Installing Python's venv module (Debian package)"
    need_root_for_apt python3-venv
    apt_install python3-venv
  fi
  if [ "$("$TEST_VENV/bin/st" --version 2>/dev/null)" != "st, version $SCHEMATHESIS_VERSION" ] ||
    [ "$("$TEST_VENV/bin/python" -c 'import aiosmtpd; print(aiosmtpd.__version__)' 2>/dev/null)" != "$AIOSMTPD_VERSION" ]; then
    say "Installing schemathesis $SCHEMATHESIS_VERSION and aiosmtpd $AIOSMTPD_VERSION into $TEST_VENV (once)"
    rm -rf "$TEST_VENV"
    python3 -m venv "$TEST_VENV"
    "$TEST_VENV/bin/pip" install --quiet --disable-pip-version-check \
      "schemathesis==$SCHEMATHESIS_VERSION" "aiosmtpd==$AIOSMTPD_VERSION"
  fi
  # The server tests start their SMTP server with this Python.
  export KLEVER_TEST_PYTHON="$TEST_VENV/bin/python"
}

build_app() {
  say "Building the app (release)"
  # The text font, cut down to the characters the three languages need (style/fonts/).
  node scripts/fonts.mjs
  trunk build --release
  # Precompressed copies: the server sends Brotli or gzip to browsers that accept them.
  # zopfli: about 4 % smaller than gzip -9; two files at a time on the two cores.
  printf '%s\n' dist/*.wasm dist/*.bin dist/*.js dist/*.css dist/*.txt dist/index.html | xargs -P 2 -n 1 zopfli
  node scripts/compress.mjs dist
}
