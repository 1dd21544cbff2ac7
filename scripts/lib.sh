# Shared settings for the scripts in this folder; `source` it, do not run it.
# Tool and build locations live outside the checkout, so every clone on a machine shares
# one set of tools and one cargo target directory (a fresh clone builds warm).

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BONDGENOOT_TOOLS=${BONDGENOOT_TOOLS:-$HOME/.local/share/bondgenoot/tools}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/bondgenoot/target}
export PATH="$ROOT/e2e/node_modules/.bin:$BONDGENOOT_TOOLS/bin:$PATH"

# Pinned tool versions. WASM_BINDGEN must equal the wasm-bindgen crate in Cargo.lock
# (scripts/setup checks this) and [tools] in Trunk.toml.
TRUNK_VERSION=0.22.1
WASM_BINDGEN_VERSION=0.2.130
WASM_OPT_VERSION=132
AIOSMTPD_VERSION=1.4.6
SCHEMATHESIS_VERSION=4.32.5
MOTO_VERSION=5.2.6
# The Python with aiosmtpd that the mail tests start as an SMTP sink.
export BONDGENOOT_TEST_SMTPD_PYTHON="$BONDGENOOT_TOOLS/py/bin/python"
# The S3 API server the object-store tests and scripts/cluster start (moto in server mode).
export BONDGENOOT_TEST_MOTO_SERVER="$BONDGENOOT_TOOLS/py/bin/moto_server"

# A step's heading, with the seconds since the calling script started (where the time goes).
step() { printf '\n\033[1m== %s\033[0m (at %d s)\n' "$*" "$SECONDS"; }

# Runs a command in the environment for Wasm builds: Debian's Rust 1.96 ("web" toolchain),
# with the standard library rebuilt for wasm32 (-Zbuild-std), since this machine's rustup
# has no wasm32 std and cannot download one. Kept out of the global environment because it
# would break native builds with rustup stable.
#
# RUSTFLAGS for the Wasm target only (host build scripts and macros are not affected when
# cargo is given --target): `-Cpanic=immediate-abort` drops panic message formatting and
# `erase_components` type-erases Leptos components; together about 26 KB brotli off the bundle.
# Freshness by checksum, not file time: a fresh clone (new file times, same content) does not
# rebuild the four Wasm bundles' crates.
with_wasm_env() {
  RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none --cfg erase_components" \
  RUSTUP_TOOLCHAIN=web \
  RUSTC_BOOTSTRAP=1 \
  CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
  CARGO_UNSTABLE_CHECKSUM_FRESHNESS=true \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=/usr/lib/llvm-19/bin/wasm-ld \
  TRUNK_SKIP_VERSION_CHECK=true \
  "$@"
}

# Native builds of the project's own crates, with freshness by checksum too: the suite runs
# from a fresh clone, whose files all have new times, and would otherwise re-check and
# rebuild the three workspace crates although not a byte changed. RUSTC_BOOTSTRAP lets
# rustup's stable cargo take this one unstable flag; the compiler is the same.
native_cargo() {
  RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_CHECKSUM_FRESHNESS=true cargo +stable "$@"
}

# What the five bundles are made from: every tracked file they are built of, the build flags
# and the tool versions. Same key, same bytes out (trunk's file hashes are content hashes).
app_inputs_key() {
  (cd "$ROOT" && {
    git ls-files -z --cached --others --exclude-standard -- src model Cargo.toml Cargo.lock Trunk.toml '*.html' style public scripts/precompress.mjs e2e/build e2e/chromium.mjs |
      xargs -0 sha256sum
    declare -f with_wasm_env trunk_bundles
    echo "$TRUNK_VERSION $WASM_BINDGEN_VERSION $WASM_OPT_VERSION"
  } | sha256sum | cut -c1-16)
}

build_app() {
  step "Build the browser app (release Wasm, trunk)"
  # trunk runs wasm-bindgen and wasm-opt on every build, even when cargo has nothing to do:
  # about 30 s a bundle. A build whose inputs were built before on this machine is copied from
  # the cache instead (a warm run of the suite on an unchanged tree); any change builds anew.
  local cache="$CARGO_TARGET_DIR/../dist-cache" key
  key=$(app_inputs_key)
  if [ -f "$cache/$key/index.html" ]; then
    echo "unchanged since an earlier build on this machine (inputs $key): copied from $cache/$key"
    rm -rf "$ROOT/dist" && cp -a "$cache/$key" "$ROOT/dist"
    return
  fi
  # Nine bundles per language, so no first load carries another's pages: the helpers' app (sign-in, their
  # cases) into dist/, the case form into dist/formulier/, the public app (start page, about,
  # choosing a password) into dist/publiek/, the citizen's app (consent, status, intermediair)
  # into dist/burger/, the helper's case page into dist/zaak/, the staff's into
  # dist/behandeling/, the Belangenbehartiger's backoffice into dist/backoffice-app/ (not
  # dist/backoffice/: that is an app route), the beheer app into dist/beheer-app/, the
  # supervision app (audit log, alerts, retention) into dist/toezicht-app/. Each twice: in
  # Dutch into dist/, in English (`--features en`, src/i18n.rs) into dist/en/ under /en/, from
  # the entry page's English copy (e2e/build/english.mjs).
  (cd "$ROOT" && node e2e/build/english.mjs entries &&
    trunk_bundles nl "" && trunk_bundles en .en- &&
    node e2e/build/english.mjs strip dist &&
    # The public pages' first view as HTML in both languages, the citizen's service worker
    # and offline page (e2e/build/first-paint.mjs, in Chromium), with their compressed copies.
    node e2e/build/first-paint.mjs dist &&
    node scripts/precompress.mjs dist/first-paint dist/en/first-paint dist/sw.js dist/offline.html dist/en/offline.html) ||
    return 1 # never cache a half-built dist, even where the caller runs without `set -e`
  # Keep this build and the two before it (a few MB each).
  mkdir -p "$cache" && rm -rf "${cache:?}/$key.tmp" && cp -a "$ROOT/dist" "$cache/$key.tmp" &&
    mv "$cache/$key.tmp" "$cache/$key"
  (cd "$cache" && ls -1t | tail -n +4 | xargs -r rm -rf)
}

# The nine bundles of one language: `trunk_bundles nl ""` the Dutch ones into dist/,
# `trunk_bundles en .en-` the English ones into dist/en/ from the `.en-*.html` entry pages.
trunk_bundles() {
  local lang=$1 entry=$2 dir="dist" url="/" bundle html sub
  [ "$lang" = en ] && dir="dist/en" && url="/en/"
  # Bundle: entry page and dist folder. The helpers' app first: each build empties its own
  # dist folder, and the others are inside it.
  for bundle in index: publiek:publiek burger:burger formulier:formulier zaak:zaak \
    behandeling:behandeling backoffice:backoffice-app beheer:beheer-app toezicht:toezicht-app; do
    html="$entry${bundle%%:*}.html" sub="${bundle#*:}"
    with_wasm_env trunk build "$html" --release --features "$lang" \
      --dist "$dir${sub:+/$sub}" --public-url "$url${sub:+$sub/}" || return 1
  done
}

build_server() {
  step "Build the server (release)"
  (cd "$ROOT" && native_cargo build --release --locked -p bondgenoot-server)
}
