#!/usr/bin/env bash
# scripts/bench-pathological.sh — pages that once cost quadratic time, built one at a
# time with the release binary: N identical `## Termin` headings, N same-page links
# `[x](#ziel)`. Prints wall time and peak memory per case (GNU time). Not a test: the
# figures go to BENCHMARKS.md.
#
# Usage: scripts/bench-pathological.sh [N]     (default 100000)
#        LERNORT=/path/to/lernort scripts/bench-pathological.sh 20000   (another binary)
set -euo pipefail
export LERNORT_MESSAGES=en
N=${1:-100000}
[[ $N =~ ^[1-9][0-9]*$ ]] || { echo "N must be a positive whole number" >&2; exit 1; }
repo=$(cd "$(dirname "$0")/.." && pwd)
if [[ -z ${LERNORT:-} ]]; then
    (cd "$repo" && cargo build --release --quiet)
    LERNORT=$repo/target/release/lernort
fi
work=$(mktemp -d)
trap 'rm -rf -- "$work"' EXIT

run_case() {
    local name=$1 page=$2
    local site=$work/$name
    "$LERNORT" init "$site" >/dev/null
    printf '%s' "$page" >"$site/content/fall.md"
    /usr/bin/time -f "$name: %e s wall, %M KiB peak" "$LERNORT" --root "$site" build >/dev/null
}

headings=$(python3 -c "import sys; n=int(sys.argv[1]); print('---\ntitle: Termine\n---'); print('## Termin\n\nText.\n' * n)" "$N")
links=$(python3 -c "import sys; n=int(sys.argv[1]); print('---\ntitle: Links\n---\n## Ziel\n'); print('[x](#ziel)\n' * n)" "$N")
echo "lernort: $LERNORT, N = $N"
run_case "headings" "$headings"
run_case "same-page-links" "$links"
