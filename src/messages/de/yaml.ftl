# YAML: der Kopfbereich von Seiten und Rubriken, und site.yaml.
#
# $what nennt den Text, in dem ein Problem steht (yaml-what-…), mit seiner Präposition
# („im Kopfbereich“); die Sätze stellen es deshalb dorthin, wo „in …“ passt.

yaml-what-front-matter = im Kopfbereich
yaml-what-section-front-matter = im Kopfbereich der Rubrik
yaml-what-site-yaml = in `site.yaml`

## Zeilenumbrüche, die lernort anders zählt als YAML

yaml-lone-carriage-return = Ein Wagenrücklauf (`\r`) { $what } beendet keine Zeile
    .hint = { content-lone-carriage-return.hint }
yaml-unicode-line-break = Ein Unicode-Zeilen- oder -Absatztrennzeichen (U+0085, U+2028 oder U+2029) { $what } gilt in YAML als Zeilenumbruch
    .hint = Ersetzen Sie es durch einen normalen Zeilenumbruch oder ein Leerzeichen; es kommt oft mit Text, der aus einer Textverarbeitung oder einem PDF kopiert wurde

## Schlüssel und Werte

yaml-duplicate-key = Der Schlüssel `{ $key }` steht { $what } zweimal
    .hint = Er steht zuerst in Zeile { $line }; behalten Sie nur einen der beiden (YAML erlaubt jeden Schlüssel nur einmal je Gruppe)
# $within: die Gruppe, in der der Schlüssel steht, z. B. `extra.links`
yaml-duplicate-key-within = Der Schlüssel `{ $key }` in `{ $within }` steht { $what } zweimal

# $keys: die gültigen Schlüssel, z. B. `title`, `weight`
yaml-unknown-key = Unbekannter Schlüssel `{ $key }` { $what }
    .hint = Gültige Schlüssel: { $keys }
    .hint-closest = Meinten Sie `{ $best }`? Gültige Schlüssel: { $keys }

yaml-missing-key = Der Schlüssel `{ $key }` fehlt { $what }; er ist erforderlich
    .hint = Fügen Sie eine Zeile wie `{ $key }: …` hinzu

yaml-empty-value = `{ $key }` { $what } ist leer

# $expected: ein yaml-type-…-Text; $found: ein yaml-found-…-Text (oder die Wörter von serde_yaml)
yaml-wrong-type = `{ $key }` { $what } muss { $expected } sein, gefunden: { $found }

yaml-not-keys = Statt Schlüsseln mit Werten wie `title: …` steht { $what } { $found }
    .hint = Schreiben Sie je Zeile einen Schlüssel und seinen Wert, z. B. `title: Unser Team`

# $values: die erlaubten Werte, z. B. weight, date, title
yaml-unknown-value = Der Wert `{ $value }` für `{ $key }` { $what } ist nicht gültig
    .hint = Verwenden Sie einen dieser Werte: { $values }

## Welche Art Wert verlangt ist

yaml-type-number = eine ganze Zahl wie `3`
    .hint = Schreiben Sie nur Ziffern, ohne Anführungszeichen und ohne Komma, z. B. `3`
yaml-type-boolean = `true` oder `false`
    .hint = Schreiben Sie `true` oder `false` ohne Anführungszeichen
yaml-type-text = Text
    .hint = Setzen Sie Text in Anführungszeichen, wenn er `: ` enthält oder mit `[`, `{"{"}` oder `-` beginnt, z. B. `title: "Rückblick: Lernen vor Ort"`
yaml-type-list = eine Liste
    .hint = Schreiben Sie eine Liste als `[eins, zwei]` oder als Zeilen, die mit `- ` beginnen
yaml-type-terms = ein Begriff oder eine Liste von Begriffen wie `[MINT, Schule]`
yaml-type-taxonomy = der Name einer Taxonomie wie `themen` oder ein Eintrag mit `name:`
    .hint = Schreiben Sie z. B. `taxonomies: [themen]`, oder je Taxonomie `- name: themen` mit `title:`, `terms:` und weiteren Angaben darunter
yaml-type-other-hint = Prüfen Sie die Schreibweise des Werts

## Was stattdessen gefunden wurde; $value steht so da wie in der Datei

yaml-found-list = eine Liste
yaml-found-map = eine Gruppe von Schlüsseln
yaml-found-empty = ein leerer Wert
# $value in doppelten Anführungszeichen, z. B. "eins"
yaml-found-text = der Text { $value }
yaml-found-integer = die Zahl `{ $value }`
yaml-found-decimal = die Kommazahl `{ $value }`
yaml-found-boolean = der Wert `{ $value }`

## YAML-Schreibweise

yaml-tab-indent = Diese Zeile { $what } ist mit einem Tabulator eingerückt; YAML erlaubt zum Einrücken keine Tabulatoren
    .hint = Rücken Sie stattdessen mit Leerzeichen ein

yaml-unknown-alias = Ein Wert { $what } beginnt mit `*`; YAML liest das als Alias eines Ankers (`&name`), den es nicht gibt
    .hint = Um `*` als Text zu schreiben, setzen Sie den Wert in Anführungszeichen, z. B. `title: "*Neu* im Team"`

yaml-second-document = Ein zweites YAML-Dokument beginnt { $what }
    .hint = Entfernen Sie die Zeile `---` oder `...`: lernort liest nur ein Dokument

yaml-alias-too-much = Die Aliase { $what } ergeben zu viele Daten
    .hint = Ein Alias (`*name`) wiederholt, was sein Anker (`&name`) markiert, und verschachtelte Aliase vervielfachen das; schreiben Sie die Werte stattdessen aus

yaml-nested-deeper-than = Die Werte { $what } sind mehr als { $depth } Ebenen tief verschachtelt
yaml-nested-too-deeply = Die Werte { $what } sind zu tief verschachtelt
    .hint = Verwenden Sie nur wenige Ebenen von Listen und Gruppen; entsteht die Verschachtelung durch Anker und Aliase (`&name`, `*name`), schreiben Sie die Werte stattdessen aus

yaml-unclosed-quote = Das hier geöffnete Anführungszeichen wird { $what } nicht geschlossen
    .hint = Beenden Sie den Wert in derselben Zeile mit demselben Anführungszeichen

# $reason: die Beschreibung von serde_yaml, auf Englisch
yaml-invalid = Ungültiges YAML { $what }: { $reason }
    .hint = Prüfen Sie die Einrückung (Schlüssel stehen am Zeilenanfang), und setzen Sie Werte, die `: ` enthalten, in Anführungszeichen
