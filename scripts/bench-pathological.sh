#!/usr/bin/env bash
# scripts/bench-pathological.sh — pages that once cost quadratic time or far more memory
# than their size, built one at a time with the release binary: N identical `## Termin`
# headings, N same-page links `[x](#ziel)`, and one page of MB megabytes (nested headings,
# paragraphs with emphasis, a long table, definition lists). Prints wall time and peak
# memory per case (GNU time), and for the large page its size and the ratio of peak memory
# to it. Not a test: the figures go to BENCHMARKS.md.
#
# Usage: scripts/bench-pathological.sh [N]     (default 100000; MB=20 by default)
#        LERNORT=/path/to/lernort MB=5 scripts/bench-pathological.sh 20000   (another binary)
set -euo pipefail
export LERNORT_MESSAGES=en
N=${1:-100000}
[[ $N =~ ^[1-9][0-9]*$ ]] || { echo "N must be a positive whole number" >&2; exit 1; }
MB=${MB:-20}
[[ $MB =~ ^[1-9][0-9]*$ ]] || { echo "MB must be a positive whole number" >&2; exit 1; }
repo=$(cd "$(dirname "$0")/.." && pwd)
if [[ ! -x /usr/bin/time ]] || ! /usr/bin/time -v true >/dev/null 2>&1; then
    echo "GNU time is needed at /usr/bin/time for peak memory: apt-get install time" >&2
    exit 2
fi
if [[ -z ${LERNORT:-} ]]; then
    (cd "$repo" && nice -n 10 cargo build --release --quiet)
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

# A law-like text, deterministic: parts, chapters, paragraphs with emphasis and numbered
# sentences, a 300-row table and a definition list per chapter, until MB megabytes.
large_page() {
    python3 - "$1" "$2" <<'PY'
import sys
target, out = int(sys.argv[1]) * 1000 * 1000, sys.argv[2]
words = "Bildung Übergang Förderung Schule Kommune Träger Angebot Maßnahme gemäß Frist".split()
parts = ["---\ntitle: Großes Gesetz\n---\n"]
size, n = 0, 0
while size < target:
    n += 1
    block = [f"## Teil {n} {words[n % 10]}\n", f"### Kapitel {n}.1 {words[(n + 3) % 10]}\n"]
    for p in range(1, 13):
        block.append(f"#### § {n}.{p} {words[(n + p) % 10]}\n")
        text = " ".join(words[(n * p + i) % 10] for i in range(60))
        block.append(f"({p}) *{words[p % 10]}* {text}, **{words[n % 10]}** gilt.\n")
    block.append("| Nr. | Begriff | Wert |\n|---:|---|---:|\n")
    block.extend(f"| {r} | {words[r % 10]} | {r * n} |\n" for r in range(300))
    block.append(f"\n{words[n % 10]}\n: {' '.join(words)}\n")
    chunk = "\n".join(block) + "\n"
    parts.append(chunk)
    size += len(chunk.encode())
open(out, "w", encoding="utf-8").write("".join(parts))
PY
}

headings=$(python3 -c "import sys; n=int(sys.argv[1]); print('---\ntitle: Termine\n---'); print('## Termin\n\nText.\n' * n)" "$N")
links=$(python3 -c "import sys; n=int(sys.argv[1]); print('---\ntitle: Links\n---\n## Ziel\n'); print('[x](#ziel)\n' * n)" "$N")
echo "lernort: $LERNORT, N = $N"
run_case "headings" "$headings"
run_case "same-page-links" "$links"

site=$work/large-page
"$LERNORT" init "$site" >/dev/null
large_page "$MB" "$site/content/gross.md"
bytes=$(stat -c %s "$site/content/gross.md")
peak=$( { /usr/bin/time -f "%e %M" "$LERNORT" --root "$site" build >/dev/null; } 2>&1 | tail -n 1)
read -r wall kib <<<"$peak"
awk -v b="$bytes" -v k="$kib" -v w="$wall" 'BEGIN {
    printf "large-page: %.1f MB of Markdown, %s s wall, %d KiB peak = %.1f x its size\n", b / 1e6, w, k, k * 1024 / b
}'
