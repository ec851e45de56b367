"""The Hugo site of scripts/gen-bench-site.py (`--hugo DIR`), apart from its content files.

Equivalent to themes/einfach for the pages this generator makes: the same page set
(home, 20 sections, every page, /tags/ and every /tags/<slug>/, 404.html, the home's
Atom feed atom.xml, sitemap.xml, robots.txt, css/einfach.css) and about the same
work per page (navigation of all sections, breadcrumbs, date, tags with links, body;
links to .md files resolved and checked by a render hook, as lernort resolves and
checks them; images looked up among the bundle's files, alt text required).
Hugo's RSS feeds of sections and terms are off, as lernort makes none by default.
The content files themselves are the lernort site's, byte for byte (benchgen_files.Writer).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from benchgen_files import write
from benchgen_text import slugify, yaml_str

HUGO_CONFIG = """\
baseURL = "https://bench.example.org/"
title = "Benchmark"
languageCode = "de"
defaultContentLanguage = "de"
enableRobotsTXT = true
buildFuture = true
disableKinds = ["RSS"]

[params]
description = "Generierte Testseite"

[taxonomies]
tag = "tags"

[mediaTypes."application/atom+xml"]
suffixes = ["xml"]

[outputFormats.atom]
mediaType = "application/atom+xml"
baseName = "atom"
isPlainText = false

[outputs]
home = ["HTML", "atom"]
section = ["HTML"]
taxonomy = ["HTML"]
term = ["HTML"]
page = ["HTML"]

[markup.goldmark.extensions]
linkify = false
typographer = true
definitionList = true
footnote = true
table = true
strikethrough = true
taskList = true
"""

HUGO_LAYOUTS = {
    "_default/baseof.html": """\
<!doctype html>
<html lang="{{ site.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ block "title" . }}{{ site.Title }}{{ end }}</title>
<meta name="description" content="{{ with .Description }}{{ . }}{{ else }}{{ site.Params.description }}{{ end }}">
<link rel="alternate" type="application/atom+xml" title="{{ site.Title }}" href="/atom.xml">
<link rel="stylesheet" href="{{ "css/einfach.css" | relURL }}">
</head>
<body>
<a class="skip-link" href="#inhalt">Zum Inhalt springen</a>
<header class="site-header">
  <p class="site-title"><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a></p>
  <nav aria-label="Hauptnavigation">
  <ul>
  {{- $cur := .RelPermalink }}
  {{- range site.Sections.ByWeight }}
    <li><a href="{{ .RelPermalink }}"{{ if hasPrefix $cur .RelPermalink }} aria-current="{{ if eq $cur .RelPermalink }}page{{ else }}true{{ end }}"{{ end }}>{{ .Title }}</a></li>
  {{- end }}
  </ul>
</nav>
</header>
{{ block "breadcrumbs" . }}{{ end }}
<main id="inhalt">
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer">
  <p>{{ site.Title }}</p>
</footer>
</body>
</html>
""",
    "partials/seitenliste.html": """\
<ul class="pages">
{{- range . }}
  <li>
    <a href="{{ .RelPermalink }}">{{ .Title }}</a>
    {{ if not .Date.IsZero }}<time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date | time.Format ":date_long" }}</time>{{ end }}
    {{ with .Description }}<p>{{ . }}</p>{{ end }}
  </li>
{{- end }}
</ul>
""",
    "partials/brotkrumen.html": """\
<nav aria-label="Brotkrumen" class="breadcrumbs">
  <ol>
    <li><a href="{{ site.Home.RelPermalink }}">{{ site.Home.Title }}</a></li>
    {{- with .Parent }}{{ if not .IsHome }}
    <li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
    {{- end }}{{ end }}
  </ol>
</nav>
""",
    "index.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
{{- range $i, $s := site.Sections.ByWeight }}
<section aria-labelledby="teaser-{{ add $i 1 }}">
  <h2 id="teaser-{{ add $i 1 }}"><a href="{{ $s.RelPermalink }}">{{ $s.Title }}</a></h2>
  {{ with $s.Description }}<p>{{ . }}</p>{{ end }}
</section>
{{- end }}
{{ end }}
""",
    "_default/list.html": """\
{{ define "title" }}{{ .Title }} – {{ site.Title }}{{ end }}
{{ define "breadcrumbs" }}{{ partial "brotkrumen.html" . }}{{ end }}
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
{{- $pages := .Pages.ByWeight }}
{{- if eq .Params.sort_by "date" }}{{ $pages = .Pages.ByDate.Reverse }}{{ end }}
{{- if eq .Params.sort_by "title" }}{{ $pages = .Pages.ByTitle }}{{ end }}
{{ partial "seitenliste.html" $pages }}
{{ end }}
""",
    "_default/single.html": """\
{{ define "title" }}{{ .Title }} – {{ site.Title }}{{ end }}
{{ define "breadcrumbs" }}{{ partial "brotkrumen.html" . }}{{ end }}
{{ define "main" }}
<article>
  <h1>{{ .Title }}</h1>
  {{ if not .Date.IsZero }}<p class="meta">Veröffentlicht am <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date | time.Format ":date_long" }}</time></p>{{ end }}
  {{ .Content }}
  {{ with .GetTerms "tags" }}<p class="terms">Tags: {{ range $i, $t := . }}{{ if $i }}, {{ end }}<a href="{{ $t.RelPermalink }}">{{ $t.LinkTitle }}</a>{{ end }}</p>{{ end }}
</article>
{{ end }}
""",
    "_default/terms.html": """\
{{ define "title" }}{{ .Title }} – {{ site.Title }}{{ end }}
{{ define "breadcrumbs" }}{{ partial "brotkrumen.html" . }}{{ end }}
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul class="terms-list">
{{- range .Data.Terms.Alphabetical }}
  <li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }} {{ if eq .Count 1 }}Seite{{ else }}Seiten{{ end }})</li>
{{- end }}
</ul>
{{ end }}
""",
    "_default/term.html": """\
{{ define "title" }}{{ .Title }} – Tags – {{ site.Title }}{{ end }}
{{ define "breadcrumbs" }}{{ partial "brotkrumen.html" . }}{{ end }}
{{ define "main" }}
<h1>{{ .Title }}</h1>
<p class="meta">{{ len .Pages }} Seiten gehören zu „{{ .Title }}“ (Tags)</p>
{{ partial "seitenliste.html" .Pages.ByDate.Reverse }}
<p><a href="{{ .Parent.RelPermalink }}">Alle Tags</a></p>
{{ end }}
""",
    "404.html": """\
{{ define "title" }}Seite nicht gefunden – {{ site.Title }}{{ end }}
{{ define "main" }}
<h1>Seite nicht gefunden</h1>
<p>Diese Seite gibt es nicht (mehr). Vielleicht hilft die <a href="{{ site.Home.RelPermalink }}">Startseite</a> weiter.</p>
{{ end }}
""",
    "index.atom.xml": """\
{{- printf "<?xml version=\\"1.0\\" encoding=\\"utf-8\\"?>" | safeHTML }}
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de">
<title>{{ site.Title }}</title>
<link rel="self" href="{{ .Permalink }}atom.xml"/>
<link rel="alternate" href="{{ .Permalink }}"/>
<id>{{ .Permalink }}</id>
{{- $pages := first 20 site.RegularPages.ByDate.Reverse }}
{{- with index $pages 0 }}
<updated>{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}</updated>
{{- end }}
{{- range $pages }}
<entry>
<title>{{ .Title }}</title>
<link rel="alternate" href="{{ .Permalink }}"/>
<id>{{ .Permalink }}</id>
<updated>{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}</updated>
<summary type="html">{{ .Summary | html }}</summary>
</entry>
{{- end }}
</feed>
""",
    # Links to .md files are resolved to the page's address, as lernort does; a link
    # to a missing page stops the build (lernort rejects broken links too).
    "_default/_markup/render-link.html": """\
{{- $u := urls.Parse .Destination -}}
{{- $href := .Destination -}}
{{- if and (not $u.Scheme) (strings.HasSuffix $u.Path ".md") -}}
  {{- $target := path.Join "/" .Page.File.Dir $u.Path -}}
  {{- with site.GetPage $target -}}
    {{- $href = .RelPermalink -}}
    {{- with $u.Fragment }}{{ $href = printf "%s#%s" $href . }}{{ end -}}
  {{- else -}}
    {{- errorf "%s: link to a missing page: %s" $.Page.File.Path $.Destination -}}
  {{- end -}}
{{- end -}}
<a href="{{ $href | safeURL }}"{{ with .Title }} title="{{ . }}"{{ end }}>{{ .Text | safeHTML }}</a>
{{- /**/ -}}
""",
    # Headings carry a self-link, as lernort's do (lernort's ids transliterate umlauts,
    # Hugo's keep them; Hugo 0.111 cannot make its typographer's quotes German either).
    "_default/_markup/render-heading.html": """\
<h{{ .Level }} id="{{ .Anchor | safeURL }}">{{ .Text | safeHTML }} <a class="heading-anchor" href="#{{ .Anchor | safeURL }}" aria-label="Link zum Abschnitt „{{ .PlainText }}“">#</a></h{{ .Level }}>
{{- /**/ -}}
""",
    # Images must be files of the page's bundle and have alt text (as in lernort).
    "_default/_markup/render-image.html": """\
{{- $r := .Page.Resources.GetMatch .Destination -}}
{{- if not $r }}{{ errorf "%s: image not found: %s" .Page.File.Path .Destination }}{{ end -}}
{{- if not .Text }}{{ errorf "%s: image without alt text: %s" .Page.File.Path .Destination }}{{ end -}}
<img src="{{ $r.RelPermalink }}" alt="{{ .Text }}">
{{- /**/ -}}
""",
}


def hugo_term_text(tag: str) -> str:
    return "\n".join(["---", f"title: {yaml_str(tag)}", f"url: /tags/{slugify(tag)}/", "---", ""])


def write_hugo_frame(hugo: Path, theme: Path, tags_used: set[str]) -> None:
    """Everything of the Hugo site except the shared content files."""
    write(hugo / "hugo.toml", HUGO_CONFIG)
    for rel, text in HUGO_LAYOUTS.items():
        path = hugo / "layouts" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        write(path, text)
    css = theme / "assets" / "css" / "einfach.css"
    (hugo / "static" / "css").mkdir(parents=True)
    shutil.copyfile(css, hugo / "static" / "css" / "einfach.css")
    for tag in sorted(tags_used):
        # Hugo's term key is the lower-cased name; the folder must be named so.
        folder = hugo / "content" / "tags" / tag.lower()
        folder.mkdir(parents=True)
        write(folder / "_index.md", hugo_term_text(tag))
