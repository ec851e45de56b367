#!/usr/bin/env bash
# Seeds fuzz/corpus/<target>/ from the fixture sites in tests/fixtures/.
# Run from anywhere; existing corpus files are kept (libFuzzer adds its own).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
fixtures="$here/../tests/fixtures"
corpus="$here/corpus"
mkdir -p "$corpus"/{front_matter,markdown,site_yaml,templates,slugify,site}

# A corpus file name from a fixture path: tests/fixtures/a/b.md -> a_b.md
name() { local rel="${1#"$fixtures"/}"; echo "${rel//\//_}"; }

while IFS= read -r -d '' f; do
    cp "$f" "$corpus/front_matter/$(name "$f")"
    cp "$f" "$corpus/markdown/$(name "$f")"
done < <(find "$fixtures" -name '*.md' -print0)

while IFS= read -r -d '' f; do
    cp "$f" "$corpus/site_yaml/$(name "$f")"
done < <(find "$fixtures" -name 'site.yaml' -print0)

while IFS= read -r -d '' f; do
    cp "$f" "$corpus/templates/$(name "$f")"
done < <(find "$fixtures" -path '*templates/*' -type f -print0)

# Slugs come from file and folder names and from titles.
while IFS= read -r -d '' f; do
    base="$(basename "$f")"
    printf '%s' "${base%.md}" > "$corpus/slugify/$(name "$f")"
done < <(find "$fixtures" -mindepth 1 -print0)
grep -rh '^title:' "$fixtures" | sed 's/^title: *//' | sort -u | while IFS= read -r t; do
    printf '%s' "$t" > "$corpus/slugify/title-$(printf '%s' "$t" | cksum | cut -d' ' -f1)"
done

# A whole fixture site as one input: `@@@ <path>` before each text file (see src/archive.rs).
for site in "$fixtures"/*/; do
    case "$(basename "$site")" in _theme) continue ;; esac
    out="$corpus/site/$(basename "$site")"
    : > "$out"
    while IFS= read -r -d '' f; do
        rel="${f#"$site"}"
        case "$rel" in
            site.yaml | content/* | templates/* | assets/*) ;;
            *) continue ;;
        esac
        # Only text files small enough to matter for the fuzzer.
        if [ "$(wc -c < "$f")" -le 4096 ] && grep -Iq . "$f"; then
            printf '@@@ %s\n' "$rel" >> "$out"
            cat "$f" >> "$out"
            [ -z "$(tail -c1 "$f")" ] || echo >> "$out"
        fi
    done < <(find "$site" -type f -print0 | sort -z)
done

# The drafts fixture once more, built with `--drafts`.
if [ -f "$corpus/site/site-drafts" ]; then
    { echo '@@@ --drafts'; cat "$corpus/site/site-drafts"; } > "$corpus/site/site-drafts--drafts"
fi

for t in "$corpus"/*/; do
    echo "$(basename "$t"): $(find "$t" -type f | wc -l) seeds"
done
