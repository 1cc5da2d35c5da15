# Shared by scripts/run and scripts/test: install what is missing, skip what is there.
# Every step checks first, so running the scripts again costs seconds.

set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"

TRUNK_VERSION=0.21.14

say() { printf '\n==> %s\n' "$*"; }

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
    cargo install trunk --version "$TRUNK_VERSION" --locked
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
    cargo install wasm-bindgen-cli --version "$want" --force
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

ensure_build_tools() {
  ensure_wasm_target
  ensure_trunk
  ensure_wasm_bindgen
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

build_app() {
  say "Building the app (release)"
  # The text font, cut down to the characters the three languages need (style/fonts/).
  node scripts/fonts.mjs
  trunk build --release
  # Precompressed copies: the server sends Brotli or gzip to browsers that accept them.
  gzip -9 -k -f dist/*.wasm dist/*.js dist/*.css dist/index.html
  node scripts/compress.mjs dist
}
