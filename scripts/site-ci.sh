#!/usr/bin/env bash
# Builds and checks a lernort site in CI: the same steps on GitHub, on GitLab and on
# your own machine, so that what passes here passes there.
#
#   scripts/site-ci.sh            check (strict), then build into public/
#   scripts/site-ci.sh check      only the check
#   scripts/site-ci.sh build      only the build
#
# CI_FORMAT picks how problems are shown: `human` (default), `github` (annotations on
# the changed lines of a pull request) or `gitlab` (also writes the code-quality report
# gl-code-quality-report.json for merge requests). OUTPUT_DIR changes public/.
# LERNORT names the lernort program; without it the script uses `lernort` from the
# PATH, or builds it when the site is lernort's own repository (the bundled KBM site).
set -euo pipefail
cd "$(dirname "$0")/.."

format="${CI_FORMAT:-human}"
output="${OUTPUT_DIR:-public}"
step="${1:-all}"

find_lernort() {
  if [ -n "${LERNORT:-}" ]; then
    echo "$LERNORT"
  elif command -v lernort >/dev/null; then
    command -v lernort
  elif [ -f Cargo.toml ] && grep -q '^name = "lernort"' Cargo.toml; then
    # Inside $(…) bash ignores `set -e`: a failed build must stop here, or an old
    # binary (or none) would be used.
    cargo build --release --quiet >&2 || exit 2
    echo "$PWD/target/release/lernort"
  else
    echo "lernort is not installed: put it on the PATH or set LERNORT=/path/to/lernort" >&2
    exit 2
  fi
}
lernort="$(find_lernort)" || exit 2

run_check() {
  echo "== lernort check --strict" >&2
  case "$format" in
    human) "$lernort" check --strict ;;
    github)
      # Annotations for the pull request, and the readable report in the log.
      status=0
      "$lernort" check --strict --format github || status=$?
      "$lernort" check --strict >&2 || true
      return "$status" ;;
    gitlab)
      status=0
      "$lernort" check --strict --format gitlab > gl-code-quality-report.json || status=$?
      "$lernort" check --strict || true
      return "$status" ;;
    *) echo "CI_FORMAT must be human, github or gitlab, not $format" >&2; exit 2 ;;
  esac
}

run_build() {
  echo "== lernort build -o $output" >&2
  "$lernort" build --output-dir "$output"
}

case "$step" in
  all) run_check && run_build ;;
  check) run_check ;;
  build) run_build ;;
  *) echo "usage: scripts/site-ci.sh [check|build]" >&2; exit 2 ;;
esac
