# lernort check: Links, Barrierefreiheit und Inhalte der erstellten Website

check-link-broken = der Link `{ $url }` ({ $attr }) führt ins Leere: die Website enthält dort keine Datei
    .hint = prüfen Sie die Adresse; Seiten verlinken Sie am sichersten über ihre Datei, z. B. `@/impressum.md`
check-link-outside-base = der Link `{ $url }` führt aus der Website hinaus: ihre Adressen beginnen mit `{ $base }`
    .hint = schreiben Sie Adressen mit dem Basis-Pfad der Website oder verlinken Sie die Datei der Seite, z. B. `@/impressum.md`
check-anchor-missing = der Link `{ $url }` nennt den Anker `#{ $anchor }`, aber die Zielseite hat kein Element mit dieser id
    .hint = prüfen Sie die Schreibweise; Überschriften haben ihre id aus dem Text (z. B. `## Unsere Ziele` → `#unsere-ziele`)
check-image-alt = das Bild `{ $src }` hat keinen Alternativtext (`alt`)
    .hint = beschreiben Sie, was das Bild zeigt; ein rein dekoratives Bild bekommt ausdrücklich `alt=""`
check-link-empty = ein Link hat keinen Text, den ein Screenreader vorlesen könnte
    .hint = geben Sie dem Link einen Text, ein Bild mit Alternativtext oder ein `aria-label`
check-button-empty = eine Schaltfläche hat keinen Text, den ein Screenreader vorlesen könnte
    .hint = geben Sie der Schaltfläche einen Text oder ein `aria-label`
check-link-text = der Linktext „{ $text }“ sagt ohne den Satz um ihn herum nicht, wohin der Link führt
    .hint = nennen Sie das Ziel im Linktext, z. B. „Leitlinie Bildung (PDF)“ statt „hier“; Screenreader-Nutzende springen oft von Link zu Link
check-table-headers = eine Tabelle hat keine Kopfzellen (`th`)
    .hint = geben Sie der Tabelle eine Kopfzeile; in Markdown ist das die erste Zeile über der Zeile aus `---`
check-id-duplicate = die id `{ $id }` kommt auf der Seite `{ $page }` mehrmals vor
    .hint = jede id darf auf einer Seite nur einmal vorkommen: Anker und Beschriftungen finden sonst das falsche Element
check-lang-missing = die Seite `{ $page }` sagt nicht, in welcher Sprache sie geschrieben ist (`<html lang>`)
    .hint = setzen Sie im Grundgerüst des Themas `<html lang="{ "{{" } lang { "}}" }">`, damit Screenreader richtig vorlesen
check-h1-count = die Seite `{ $page }` hat { $count ->
        [0] keine Hauptüberschrift (`h1`)
       *[other] { $count } Hauptüberschriften (`h1`)
    }, sie braucht genau eine
    .hint = die Hauptüberschrift ist der Seitentitel; gliedern Sie den Text mit `##` und tieferen Überschriften
check-heading-skip = die Überschrift „{ $text }“ springt von Ebene { $previous } auf Ebene { $level }
    .hint = gehen Sie eine Ebene nach der anderen tiefer (`##`, dann `###`), damit die Gliederung für Screenreader stimmt
check-title-missing = die Seite `{ $page }` hat keinen Titel (`<title>`)
    .hint = der Titel erscheint im Browser-Tab und wird von Screenreadern zuerst vorgelesen; das Thema setzt ihn im `<head>`
check-title-duplicate = der Titel „{ $title }“ ist auch der Titel von { $others }
    .hint = jede Seite braucht einen eigenen Titel, damit Lesende die Seiten in Tabs, Lesezeichen und Suchergebnissen unterscheiden
check-description-missing = die Seite hat keine Beschreibung (`description`)
    .hint = schreiben Sie einen Satz über die Seite nach `description:`; er erscheint in Suchmaschinen und in Übersichten
check-file-unused = auf die Datei `{ $url }` verweist keine Seite
    .hint = verlinken Sie die Datei oder löschen Sie sie, wenn sie nicht mehr gebraucht wird

check-summary = { $pages ->
        [one] 1 Seite
       *[other] { $pages } Seiten
    } geprüft: { $errors ->
        [0] keine Fehler
        [one] 1 Fehler
       *[other] { $errors } Fehler
    }, { $warnings ->
        [0] keine Warnungen
        [one] 1 Warnung
       *[other] { $warnings } Warnungen
    }{ $files ->
        [0] {""}
        [one] {" "}in 1 Datei
       *[other] {" "}in { $files } Dateien
    }
