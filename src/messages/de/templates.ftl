# Vorlagen: das Laden, die Fehler von Tera und die Fehler der Funktionen und Filter,
# die lernort den Vorlagen gibt. Teras eigene Worte kommen als { $reason }, auf Englisch.
# Tag-Klammern stehen als { "{%" } und { "%}" }: geschweifte Klammern sind Fluent-Syntax.

## Aufzählungen

# $first: die Einträge vor dem letzten, verbunden mit templates-list-comma
templates-list-comma = { $first }, { $next }
templates-list-and = { $first } und { $last }
# Zwei Anmerkungen einer Meldung, als zwei Sätze.
templates-notes-joined = { $first }. { $second }

## Fehler von Tera, mit den Worten von lernort darum

templates-error = Fehler in der Vorlage: { $reason }
templates-syntax-error = Syntaxfehler in der Vorlage: { $reason }
templates-while-rendering = Beim Erstellen von { $path }
# $note: templates-while-rendering (und mehr); $count: die anderen Seiten mit demselben Fehler
templates-note-and-others = { $note } und { $count ->
        [one] 1 weiteren Seite
       *[other] { $count } weiteren Seiten
    }
templates-unknown-include-hint = Prüfen Sie den Namen in `{ "{%" } include "…" { "%}" }`; Namen werden ab dem Ordner der Vorlagen angegeben
templates-unknown-name-hint = Prüfen Sie den Namen; lernort bietet zusätzlich die Funktionen `get_page`, `get_section`, `url` und den Filter `date`

## Vorlagen, die es nicht gibt

templates-not-found = Die Vorlage `{ $name }` gibt es nicht
    .hint-closest = Meinten Sie `{ $closest }`? Vorlagen: { $names }
    .hint-none = Die Website hat keine Vorlagen: Setzen Sie `theme:` in site.yaml, oder legen Sie einen Ordner `templates/` an
    .hint-list = Vorlagen: { $names }
templates-missing-parent = Diese Vorlage baut auf `{ $parent }` auf, aber die Vorlage `{ $parent }` gibt es nicht
    .hint = Prüfen Sie den Namen in `{ "{%" } extends "…" { "%}" }`; Namen werden ab dem Ordner der Vorlagen angegeben

# Standardvorlagen, die kein Ordner hat; $users: wer eine braucht (templates-users-…)
templates-users-home = die Startseite
templates-users-sections = { $count ->
        [one] 1 Rubrik
       *[other] { $count } Rubriken
    }
templates-users-pages = { $count ->
        [one] 1 Seite
       *[other] { $count } Seiten
    }
templates-default-missing = Die Vorlage `{ $name }` gibt es nicht, aber { $users } { $count ->
        [one] braucht
       *[other] brauchen
    } sie
templates-defaults-missing = Die Vorlagen { $names } gibt es nicht
templates-defaults-missing-item = `{ $name }` ({ $users })
templates-defaults-looked = lernort hat in { $folders } gesucht
# $count: wie viele Vorlagen $files sind
templates-defaults-add = Legen Sie { $files } an (oder legen Sie { $count ->
        [one] die Datei
       *[other] die Dateien
    } in themes/{ $theme }/templates/ ab)
templates-defaults-set-theme = Setzen Sie `theme:` in site.yaml auf einen Ordner in themes/ (vorhanden: { $themes }), oder legen Sie { $files } an
templates-defaults-set-theme-none = Setzen Sie `theme:` in site.yaml auf einen Ordner in themes/, oder legen Sie { $files } an

templates-theme-missing = Das Thema `{ $theme }` gibt es nicht: Es gibt keinen Ordner `themes/{ $theme }/`
    .hint-empty = Im Ordner themes/ gibt es keine Ordner: Legen Sie das Thema dort ab, oder entfernen Sie `theme:`, um nur die eigenen Vorlagen in `templates/` zu verwenden
    .hint-folders = Prüfen Sie die Schreibweise von `theme:` (die Ordner in themes/: { $folders }), oder entfernen Sie den Schlüssel, um nur die eigenen Vorlagen in `templates/` zu verwenden

templates-file-name-not-utf8 = Der Dateiname enthält Zeichen, die kein gültiges UTF-8 sind
    .hint = Benennen Sie die Datei um; verwenden Sie dabei Buchstaben, Ziffern und `-`

## Kreise

# $chain: die Vorlagen oder Bausteine des Kreises, `a → b → a`
templates-extends-circle = Vorlagen bauen im Kreis aufeinander auf (`extends`): { $chain }
    .hint = Eine Vorlage der Kette darf auf keiner anderen aufbauen: Meist hat `base.html` kein `{ "{%" } extends { "%}" }`
templates-includes-circle = Vorlagen binden sich im Kreis gegenseitig ein (`include`): { $chain }
    .hint = Entfernen Sie eines dieser `{ "{%" } include { "%}" }`-Tags; eine Vorlage kann sich nicht selbst enthalten
templates-components-circle = Bausteine (Components) rufen sich tiefer auf, als Tera erlaubt (20 Ebenen): { $chain }
    .hint = Ein Baustein darf sich nur hinter einem `{ "{%" } if { "%}" }` selbst aufrufen, das den Kreis nach höchstens 20 Ebenen beendet
# $links: `Datei:Zeile (von → nach)`, mit Kommas getrennt
templates-circle-continues = Der Kreis setzt sich fort bei { $links }
templates-circle-others = Weitere Kreise führen über { $names }; dies ist der kürzeste

## Eine Vorlage, die zu früh endet

templates-unexpected-end = Syntaxfehler in der Vorlage: Die Datei endet unerwartet
    .hint = Die Datei endet, bevor ein Tag geschlossen ist: Schließen Sie jedes `{ "{{" }` mit `{ "}}" }`, jedes `{ "{%" }` mit `{ "%}" }` und jeden Block mit seinem End-Tag
# $tag: das öffnende Tag, wie es dasteht, z. B. `block content`
templates-block-unclosed = Syntaxfehler in der Vorlage: Das in Zeile { $line } geöffnete `{ "{%" } { $tag } { "%}" }` wird nie geschlossen
# $others: die Blöcke darum (templates-block-open-item), $count davon
templates-blocks-unclosed = Syntaxfehler in der Vorlage: Das in Zeile { $line } geöffnete `{ "{%" } { $tag } { "%}" }` wird nie geschlossen; { $others } { $count ->
        [one] ist
       *[other] sind
    } ebenfalls noch offen
templates-block-open-item = `{ "{%" } { $tag } { "%}" }` (Zeile { $line })
# $end, $ends: End-Tags wie `{ "{%" } endblock { "%}" }`
templates-block-close-one = Schließen Sie den Block vor dem Ende der Datei mit { $end }
templates-block-close-many = Schließen Sie die Blöcke vor dem Ende der Datei, den innersten zuerst, mit { $ends }

## Fehler der Funktionen und Filter von lernort

templates-site-data-missing = Die Daten der Website sind noch nicht verfügbar, solange die Vorlagen geladen werden
templates-get-page-missing = get_page(path="{ $path }"): Es gibt keine Seite `content/{ $key }`
templates-get-section-missing = get_section(path="{ $path }"): Es gibt keine Rubrik `content/{ $key }` (Rubriken sind Ordner mit `_index.md`)
# $target: der Pfad nach `@/`; $reason: warum er nirgends hinführt, z. B. „aber `content/x.md` gibt es nicht“
templates-url-unresolved = url(path="{ $path }") nennt `{ $target }`, { $reason }
templates-url-unreadable = url(path="{ $path }"): Die Datei lässt sich nicht lesen
templates-url-no-asset = url(path="{ $path }"): Es gibt keine Datei `{ $asset }` in `assets/` oder im Ordner `assets/` des Themas
templates-date-not-a-date = date: `{ $value }` ist kein Datum wie `2024-05-31`
# $reason: die Worte der Datumsbibliothek
templates-date-format = Das Datumsformat `{ $pattern }` lässt sich nicht anwenden: { $reason }

## Taxonomien in Vorlagen

# $names: die Taxonomien der site.yaml, durch Kommas getrennt
# $call: der Aufruf, wie er geschrieben ist, z. B. get_taxonomy(name="themen")
templates-taxonomy-missing = { $call }: Es gibt keine Taxonomie `{ $name }` (in der site.yaml unter `taxonomies:` stehen: { $names })
    .none = { $call }: Es gibt keine Taxonomie `{ $name }`; die site.yaml nennt unter `taxonomies:` keine
templates-term-missing = get_term(taxonomy="{ $taxonomy }", term="{ $term }"): Keine Seite nennt den Begriff `{ $term }`
# $reason: warum die Seite fehlt, z. B. „aber die Seite `content/x.md` erscheint erst am 2027-03-01 (`publish_date`)“
templates-get-page-unpublished = get_page(path="{ $path }") nennt eine Seite, { $reason }
