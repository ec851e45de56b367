#!/usr/bin/env bash
# scripts/bench-watch.sh — how quickly `lernort serve` shows an edit on a large site:
# the time from saving a file until the edited page, polled over HTTP, shows the new
# text ("served", what a user sees), and until the live-reload event arrives.
#
# Usage:
#   scripts/bench-watch.sh [N]    # N pages, default 10000
#
# What it does:
#   1. Builds the release binary (`cargo build --release`; a no-op when it is current),
#      unless LERNORT names a binary.
#   2. Reuses the generated benchmark site in target/bench-site-N, or generates it with
#      scripts/gen-bench-site.py exactly as scripts/bench.sh does (same folder, same
#      up-to-date check, so the two scripts share one site).
#   3. Starts `lernort --root SITE serve --port 0`, waits for its `Serving` line, opens
#      the server-sent event stream /__lernort/events?page=/abschnitt-01/seite-1/ as the
#      live-reload script of that page open in a browser does (python3, standard library
#      only; so the page is rendered and served first), and makes sure the file watcher
#      is running (rewrites site.yaml unchanged until a rebuild is reported).
#   4. Page edit, WARMUP + RUNS times: appends a sentence with a counter to one page
#      (content/abschnitt-01/seite-1.md). From just before the write, one kept-alive
#      HTTP connection asks for that page (/abschnitt-01/seite-1/) in a tight loop until
#      its body holds the new sentence: that is the "served" time. The arrival of the
#      `reload` event on the event stream is timed from the same moment.
#   5. Template edit, WARMUP + RUNS times: rewrites the theme's page.html (used by every
#      page) with an HTML comment `<!-- bench-watch N -->` at the start of its content
#      block, which every page outputs, and polls the same page for that comment.
#   6. Prints median, min and max of the served time per kind, the median event time,
#      lernort's own figures from its stdout line (`…: P pages re-rendered, N files
#      updated in M ms`, measured from the end of the watcher's 20 ms quiet period to
#      the end of the rebuild, so it excludes the debounce), the server's peak and
#      current resident set size (VmHWM, VmRSS) after all edits, and the load average
#      before and after the edits.
#
# The polling loop takes a core while it runs (the machine's other work and the
# rebuild share the rest). The measured time includes: inotify delivery, the watcher's 20 ms quiet period, the
# incremental rebuild (only the reported files are read; an edited page is updated in
# place and re-rendered with the pages that show it), applying the changed files to the
# preview, and delivering the event over TCP on localhost.
# After each event the script waits PAUSE seconds before the next edit, so the previous
# rebuild's leftovers (freeing the old output) do not spill into the next measurement.
#
# On exit (also on Ctrl+C or an error) the server is stopped and the edited page and
# template are restored byte for byte.
#
# Environment:
#   RUNS=10      measured edits per kind        WARMUP=1    unmeasured edits first
#   KINDS=page,template  which kinds of edit to measure, in that order (e.g. KINDS=page
#                while profiling only the one-page edit)
#   PAUSE=0.5    seconds between edits          TIMEOUT=60  seconds to wait for any event
#   BENCH_DIR=…  site folder (default target/bench-site-N)
#   LERNORT=…    binary to measure (skips cargo build)
#   REGENERATE=1 regenerate the site even if an up-to-date one exists
#   LOGS=DIR     keep the server's stdout and stderr there (serve.out, serve.err), e.g.
#                with LERNORT_PROFILE=1 for the stage times of every rebuild
#   OPEN_PAGE=0  the event stream names no page (no page is open in a browser): the
#                page is served with all the others, when the whole rebuild is done
#   LERNORT_SERVE_WITHOUT=patch,update,memo  passed on to the server: switches off
#                incremental mechanisms, to measure what each saves (README, Development)
#
# Needs: bash, python3 (standard library only), cargo, git. Results: BENCHMARKS.md,
# section "Watch mode".

set -euo pipefail

die() {
    echo "bench-watch.sh: $*" >&2
    exit 1
}

N=${1:-10000}
[[ $N =~ ^[1-9][0-9]*$ ]] || die "N must be a positive whole number of pages, not '$N'"
RUNS=${RUNS:-10}
WARMUP=${WARMUP:-1}
PAUSE=${PAUSE:-0.5}
TIMEOUT=${TIMEOUT:-60}
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be at least 1"
[[ $WARMUP =~ ^[0-9]+$ ]] || die "WARMUP must be a whole number"
[[ $PAUSE =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "PAUSE must be a number of seconds"
[[ $TIMEOUT =~ ^[1-9][0-9]*$ ]] || die "TIMEOUT must be a whole number of seconds"
export KINDS=${KINDS:-page,template}
[[ $KINDS =~ ^(page|template|page,template|template,page)$ ]] || die "KINDS must be page, template, or both comma-separated, each once"
command -v python3 >/dev/null || die "python3 is needed"

repo=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
site=${BENCH_DIR:-$repo/target/bench-site-$N}
generator=$repo/scripts/gen-bench-site.py
# The generator and the modules it imports: their text is part of the site's cache key.
generator_files=("$generator" "$repo"/scripts/benchgen_*.py)
theme=$repo/themes/einfach
page_rel=content/abschnitt-01/seite-1.md
page_url=/abschnitt-01/seite-1/
template_rel=themes/einfach/templates/page.html

work=$(mktemp -d "${TMPDIR:-/tmp}/lernort-bench-watch.XXXXXX")
server_pid=""
measure_pid=""
restore=0
cleanup() {
    local status=$?
    if [[ -n $measure_pid ]]; then
        kill "$measure_pid" 2>/dev/null || true
        wait "$measure_pid" 2>/dev/null || true
    fi
    if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    if [[ -n ${LOGS:-} && -f $work/serve.out ]]; then
        mkdir -p -- "$LOGS" && cp -- "$work/serve.out" "$work/serve.err" "$LOGS/" \
            || echo "bench-watch.sh: could not keep the server's output in $LOGS" >&2
    fi
    if ((restore)); then
        cp -- "$work/page.orig" "$site/$page_rel" || echo "bench-watch.sh: could not restore $site/$page_rel" >&2
        cp -- "$work/template.orig" "$site/$template_rel" || echo "bench-watch.sh: could not restore $site/$template_rel" >&2
    fi
    rm -rf -- "$work"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- Binary --------------------------------------------------------------------

commit=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ $commit != unknown && -n $(git -C "$repo" status --porcelain --untracked-files=no -- src Cargo.toml Cargo.lock 2>/dev/null) ]]; then
    commit="$commit (+ uncommitted changes in src/)"
fi
if [[ -n ${LERNORT:-} ]]; then
    bin=$LERNORT
    commit="binary given by LERNORT; scripts at $commit"
else
    echo "== cargo build --release"
    (cd -- "$repo" && cargo build --release --quiet) || die "cargo build --release failed"
    bin=$repo/target/release/lernort
fi
[[ -x $bin ]] || die "no lernort binary at $bin"

# --- Site (the same reuse rule as scripts/bench.sh) -------------------------------

key=$( { echo "pages=$N"; cat -- "${generator_files[@]}"; find "$theme" -type f -print0 | sort -z | xargs -0 cat; } \
    | sha256sum | cut -d' ' -f1)
if [[ ${REGENERATE:-0} == 1 || ! -f $site/.bench-key || $(cat -- "$site/.bench-key") != "$key" ]]; then
    echo "== generating $N pages into $site"
    python3 "$generator" --pages "$N" --out "$site" --theme "$theme"
    echo "$key" >"$site/.bench-key"
else
    echo "== reusing the generated site in $site (REGENERATE=1 to rebuild it)"
fi
[[ -f $site/$page_rel ]] || die "no page $site/$page_rel"
[[ -f $site/$template_rel ]] || die "no template $site/$template_rel"
cp -- "$site/$page_rel" "$work/page.orig"
cp -- "$site/$template_rel" "$work/template.orig"
restore=1

cpu=$(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo 2>/dev/null | head -n 1)
mem_gib=$(awk '/^MemTotal:/ {printf "%.1f", $2 / 1048576}' /proc/meminfo 2>/dev/null || true)
fs_type=$(df -PT -- "$site" 2>/dev/null | awk 'NR == 2 {print $2}')
pages=$(find "$site/content" -type f -name '*.md' ! -name '_index.md' | wc -l)

echo
echo "machine:  $(nproc) cores, ${cpu:-unknown CPU}, ${mem_gib:-?} GiB RAM, $(uname -sr)"
echo "lernort:  $commit ($bin)"
echo "site:     $site ($pages pages; file system ${fs_type:-?})"
echo "runs:     $WARMUP warm-up + $RUNS measured per kind, ${PAUSE} s between edits"
without=${LERNORT_SERVE_WITHOUT:-}
echo "without:  ${without:-nothing} (LERNORT_SERVE_WITHOUT)"

# --- Server ------------------------------------------------------------------------

# English lines (a German site would otherwise get German ones): they are parsed below.
LERNORT_MESSAGES=en "$bin" --root "$site" serve --port 0 >"$work/serve.out" 2>"$work/serve.err" &
server_pid=$!
port=""
for ((i = 0; i < TIMEOUT * 10; i++)); do
    port=$(sed -n 's|^Serving .* at http://127\.0\.0\.1:\([0-9][0-9]*\)/ .*|\1|p' "$work/serve.out")
    [[ -n $port ]] && break
    kill -0 "$server_pid" 2>/dev/null || {
        cat -- "$work/serve.err" >&2
        die "lernort serve exited before serving"
    }
    sleep 0.1
done
[[ -n $port ]] || die "no 'Serving' line within $TIMEOUT s"
echo "server:   pid $server_pid, port $port; $(head -n 1 "$work/serve.out")"
echo

# --- Edits and events (python3) ---------------------------------------------------------

# In the background with `wait`, so that a signal reaches the trap at once (bash runs
# traps only after a foreground command ends).
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
python3 - "$port" "$site" "$page_rel" "$template_rel" "$work/serve.out" \
    "$RUNS" "$WARMUP" "$PAUSE" "$TIMEOUT" "$page_url" >"$work/results.txt" <<'PY' &
import http.client, os, queue, re, socket, statistics, sys, threading, time, urllib.parse

port, site, page_rel, template_rel, log = sys.argv[1:6]
runs, warmup = int(sys.argv[6]), int(sys.argv[7])
pause, timeout = float(sys.argv[8]), float(sys.argv[9])
page_url = sys.argv[10]
events = queue.Queue()

def reader(sock):
    buf = b""
    while True:
        try:
            data = sock.recv(65536)
        except OSError:
            break
        if not data:
            break
        buf += data
        while b"\n\n" in buf:
            block, buf = buf.split(b"\n\n", 1)
            events.put((time.perf_counter_ns(), block.decode("utf-8", "replace")))
    events.put((time.perf_counter_ns(), None))

sock = socket.create_connection(("127.0.0.1", int(port)), timeout=timeout)
sock.settimeout(None)
# Like the live-reload script of the page open in a browser, the stream names that page
# (unless OPEN_PAGE=0), so the rebuild serves it first.
stream_target = "/__lernort/events"
if os.environ.get("OPEN_PAGE", "1") != "0":
    stream_target += "?page=" + urllib.parse.quote(page_url, safe="")
sock.sendall(("GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
              % stream_target).encode())
head = b""
while b"\r\n\r\n" not in head:
    chunk = sock.recv(1)
    if not chunk:
        sys.exit("event stream closed before its headers")
    head += chunk
if b" 200 " not in head.split(b"\r\n", 1)[0] or b"text/event-stream" not in head:
    sys.exit("not an event stream: %r" % head)
threading.Thread(target=reader, args=(sock,), daemon=True).start()

def next_event():
    """The next real event (no comments, no retry): (arrival ns, name, data)."""
    while True:
        try:
            t, block = events.get(timeout=timeout)
        except queue.Empty:
            sys.exit("no event within %g s" % timeout)
        if block is None:
            sys.exit("the event stream closed")
        name, data = "message", ""
        for line in block.splitlines():
            if line.startswith("event:"):
                name = line[6:].strip()
            elif line.startswith("data:"):
                data = line[5:].strip()
        if name != "message" or data:
            return t, name, data

log_pos = 0
def lernort_own():
    """lernort's own figures from the newest rebuild line of its stdout:
    (pages re-rendered, ms), or (None, None)."""
    global log_pos
    with open(log, encoding="utf-8", errors="replace") as f:
        f.seek(log_pos)
        text = f.read()
        log_pos = f.tell()
    found = re.findall(r"(\d+) pages? re-rendered, \d+ files? updated in (\d+) ms$", text, re.M)
    return (int(found[-1][0]), int(found[-1][1])) if found else (None, None)

conn = None
def get(path):
    """(status, body) of GET path on one kept-alive connection (opened again if the
    server closed it)."""
    global conn
    for attempt in (1, 2):
        try:
            if conn is None:
                conn = http.client.HTTPConnection("127.0.0.1", int(port), timeout=timeout)
            conn.request("GET", path)
            r = conn.getresponse()
            return r.status, r.read()
        except (http.client.HTTPException, OSError):
            if conn is not None:
                conn.close()
            conn = None
            if attempt == 2:
                raise

def served(path, needle, t0):
    """Polls path until its body holds needle: (arrival ns, requests made)."""
    deadline = t0 + int(timeout * 1e9)
    n = 0
    while True:
        status, body = get(path)
        n += 1
        if status == 200 and needle in body:
            return time.perf_counter_ns(), n
        if time.perf_counter_ns() > deadline:
            sys.exit("%s did not show %r within %g s (status %d)" % (path, needle, timeout, status))

# The watcher starts after the `Serving` line: rewrite site.yaml unchanged until a
# rebuild is reported.
config_path = os.path.join(site, "site.yaml")
with open(config_path, "rb") as f:
    config = f.read()
deadline = time.monotonic() + timeout
while True:
    with open(config_path, "wb") as f:
        f.write(config)
    try:
        t, block = events.get(timeout=3)
        if block is not None and "event:" in block:
            break
    except queue.Empty:
        pass
    if time.monotonic() > deadline:
        sys.exit("the watcher did not react to site.yaml within %g s" % timeout)
time.sleep(pause)
lernort_own()
status, body = get(page_url)
if status != 200:
    sys.exit("%s: status %d, not the edited page" % (page_url, status))

def measure(kind, edit):
    """WARMUP + RUNS edits; edit(i) writes and returns the bytes the page must show."""
    walls, events_ms, own, pages = [], [], [], []
    for i in range(warmup + runs):
        t0 = time.perf_counter_ns()
        needle = edit(i)
        t_served, polls = served(page_url, needle, t0)
        # An event that arrived before the write belongs to an earlier rebuild (one that
        # a slow rebuild of site.yaml, on a large site, left queued): not this edit's.
        stale = 0
        t1, name, data = next_event()
        while t1 < t0:
            stale += 1
            t1, name, data = next_event()
        if name != "reload" or '"error":true' in data.replace(" ", ""):
            sys.exit("%s edit %d: expected a successful reload, got %s %s" % (kind, i, name, data))
        wall, event = (t_served - t0) / 1e6, (t1 - t0) / 1e6
        # The open page may be served before the rebuild ends: wait for its line.
        rendered, ms = lernort_own()
        line_deadline = time.monotonic() + timeout
        while rendered is None and time.monotonic() < line_deadline:
            time.sleep(0.005)
            rendered, ms = lernort_own()
        label = "warm-up" if i < warmup else "run %d" % (i - warmup + 1)
        print("   %-8s %-8s served %8.1f ms  event %8.1f ms  (%d requests; lernort: %s pages, %s ms; %s %s%s)"
              % (kind, label, wall, event, polls, rendered, ms, name, data,
                 "; %d earlier events skipped" % stale if stale else ""), file=sys.stderr, flush=True)
        if i >= warmup:
            walls.append(wall)
            events_ms.append(event)
            if ms is not None:
                own.append(ms)
                pages.append(rendered)
        time.sleep(pause)
    median = lambda xs, f: (f % statistics.median(xs)) if xs else "?"
    print("RESULT %s %.1f %.1f %.1f %.1f %s %s" % (
        kind, statistics.median(walls), min(walls), max(walls), statistics.median(events_ms),
        median(own, "%.0f"), median(pages, "%.0f")))

page_path = os.path.join(site, page_rel)
def edit_page(i):
    sentence = "Nachtrag %d aus bench-watch." % i
    with open(page_path, "a", encoding="utf-8") as f:
        f.write("\n%s\n" % sentence)
    return sentence.encode()

template_path = os.path.join(site, template_rel)
with open(template_path, encoding="utf-8") as f:
    template = f.read()
block = "{% block content %}"
if block not in template:
    sys.exit("%s has no %s to put a comment after" % (template_path, block))
def edit_template(i):
    comment = "<!-- bench-watch %d -->" % i
    with open(template_path, "w", encoding="utf-8") as f:
        f.write(template.replace(block, block + comment, 1))
    return comment.encode()

edits = {"page": edit_page, "template": edit_template}
for kind in os.environ.get("KINDS", "page,template").split(","):
    measure(kind, edits[kind])
PY
measure_pid=$!
if ! wait "$measure_pid"; then
    measure_pid=""
    die "the measurement failed (lernort's stderr: $(tail -n 5 "$work/serve.err" | tr '\n' ' '))"
fi
measure_pid=""

load_after=$(cut -d' ' -f1-3 /proc/loadavg)
status_file=/proc/$server_pid/status
hwm=$(awk '/^VmHWM:/ {printf "%.1f", $2 / 1024}' "$status_file" 2>/dev/null || echo "?")
rss=$(awk '/^VmRSS:/ {printf "%.1f", $2 / 1024}' "$status_file" 2>/dev/null || echo "?")
kill -0 "$server_pid" 2>/dev/null || die "lernort serve stopped during the measurement"

# --- Summary -----------------------------------------------------------------------

row() {
    local kind=$1 what=$2
    awk -v kind="$kind" -v what="$what" -v n="$N" -v runs="$RUNS" -v without="${without:-nothing}" '
        $1 == "RESULT" && $2 == kind {
            printf "| %s | %s | %s | %s | %s ms | %s ms | %s ms | %s ms | %s ms | %s |\n",
                n, without, what, runs, $3, $4, $5, $6, $7, $8
        }' "$work/results.txt"
}
echo
echo "date $(date -u +%F), lernort $commit, $(nproc) cores (${cpu:-unknown CPU}), ${fs_type:-?}"
echo "load average (1, 5, 15 min) before the edits: $load_before; after: $load_after"
echo "server after all edits: VmHWM ${hwm} MiB, VmRSS ${rss} MiB (without: ${without:-nothing})"
echo
echo "| pages | without | edit | runs | served (median) | min | max | reload event (median) | lernort's own ms (median) | pages re-rendered |"
echo "| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
row page "a sentence appended to one page"
row template "a comment in the theme's page.html"
