# lernort check: Links, Barrierefreiheit und Inhalte der erstellten Website

check-link-broken = Der Link `{ $url }` ({ $attr }) führt ins Leere: die Website enthält dort keine Datei
    .hint = Prüfen Sie die Adresse; Seiten verlinken Sie am sichersten über ihre Datei, z. B. `@/impressum.md`
check-link-outside-base = Der Link `{ $url }` führt aus der Website hinaus: ihre Adressen beginnen mit `{ $base }`
    .hint = Schreiben Sie Adressen mit dem Basis-Pfad der Website oder verlinken Sie die Datei der Seite, z. B. `@/impressum.md`
check-anchor-missing = Der Link `{ $url }` nennt den Anker `#{ $anchor }`, aber die Zielseite hat kein Element mit dieser id
    .hint = Prüfen Sie die Schreibweise; Überschriften haben ihre id aus dem Text (z. B. `## Unsere Ziele` → `#unsere-ziele`)
check-image-alt = Das Bild `{ $src }` hat keinen Alternativtext (`alt`)
    .hint = Beschreiben Sie, was das Bild zeigt; ein rein dekoratives Bild bekommt ausdrücklich `alt=""`
check-image-alt-empty = Das Bild `{ $src }` hat einen leeren Alternativtext (`alt=""`): Screenreader übergehen es
    .hint = Ist das Bild rein dekorativ? Sonst beschreiben Sie es im Alternativtext: `![Beschreibung](bild.jpg)`
check-third-party = `{ $url }` wird beim Aufruf der Seite von `{ $host }` geladen: der Browser der Lesenden verbindet sich dabei mit einem fremden Server
    .hint = Legen Sie die Datei auf die eigene Website (z. B. in `assets/`) oder verlinken Sie die andere Website, statt ihren Inhalt einzubetten
check-link-empty = Ein Link hat keinen Text, den ein Screenreader vorlesen könnte
    .hint = Geben Sie dem Link einen Text, ein Bild mit Alternativtext oder ein `aria-label`
check-button-empty = Eine Schaltfläche hat keinen Text, den ein Screenreader vorlesen könnte
    .hint = Geben Sie der Schaltfläche einen Text oder ein `aria-label`
check-link-text = Der Linktext „{ $text }“ sagt ohne den Satz um ihn herum nicht, wohin der Link führt
    .hint = Nennen Sie das Ziel im Linktext, z. B. „Leitlinie Bildung (PDF)“ statt „hier“; Screenreader-Nutzende springen oft von Link zu Link
check-table-headers = Eine Tabelle hat keine Kopfzellen (`th`)
    .hint = Geben Sie der Tabelle eine Kopfzeile; in Markdown ist das die erste Zeile über der Zeile aus `---`
check-id-duplicate = Die id `{ $id }` kommt auf der Seite `{ $page }` mehrmals vor
    .hint = Jede id darf auf einer Seite nur einmal vorkommen: Anker und Beschriftungen finden sonst das falsche Element
check-lang-missing = Die Seite `{ $page }` sagt nicht, in welcher Sprache sie geschrieben ist (`<html lang>`)
    .hint = Setzen Sie im Grundgerüst des Themas `<html lang="{ "{{" } lang { "}}" }">`, damit Screenreader richtig vorlesen
check-h1-count = die Seite `{ $page }` hat { $count ->
        [0] keine Hauptüberschrift (`h1`)
       *[other] { $count } Hauptüberschriften (`h1`)
    }, sie braucht genau eine
    .hint = Die Hauptüberschrift ist der Seitentitel; gliedern Sie den Text mit `##` und tieferen Überschriften
check-heading-skip = Die Überschrift „{ $text }“ springt von Ebene { $previous } auf Ebene { $level }
    .hint = Gehen Sie eine Ebene nach der anderen tiefer (`##`, dann `###`), damit die Gliederung für Screenreader stimmt
check-title-missing = Die Seite `{ $page }` hat keinen Titel (`<title>`)
    .hint = Der Titel erscheint im Browser-Tab und wird von Screenreadern zuerst vorgelesen; das Thema setzt ihn im `<head>`
check-title-duplicate = Der Titel „{ $title }“ ist auch der Titel von { $others }{ $more ->
        [0] {""}
        [one] {" "}und 1 weiteren Seite
       *[other] {" "}und { $more } weiteren Seiten
    }
    .hint = Jede Seite braucht einen eigenen Titel, damit Lesende die Seiten in Tabs, Lesezeichen und Suchergebnissen unterscheiden
check-description-missing = Die Seite hat keine Beschreibung (`description`)
    .hint = Schreiben Sie einen Satz über die Seite nach `description:`; er erscheint in Suchmaschinen und in Übersichten
check-file-unused = Auf die Datei `{ $url }` verweist keine Seite
    .hint = Verlinken Sie die Datei oder löschen Sie sie, wenn sie nicht mehr gebraucht wird

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

# lernort check --external: Links zu anderen Websites
check-external-broken = Der Link `{ $url }` führt ins Leere: der Server antwortet { $status }{ $status ->
        [401] {" "}(Anmeldung nötig)
        [403] {" "}(Zugriff verweigert)
        [404] {" "}(nicht gefunden)
        [410] {" "}(entfernt)
       *[other] {""}
    }
    .hint = Öffnen Sie die Adresse im Browser; ist die Seite umgezogen, verlinken Sie die neue Adresse, gibt es sie nicht mehr, entfernen Sie den Link
check-external-invalid = Der Link `{ $url }` ist keine gültige Adresse
    .hint = Prüfen Sie die Schreibweise; ein Leerzeichen in einer Adresse schreiben Sie als `%20`
check-external-unreachable = Der Link `{ $url }` ist nicht erreichbar: { $reason }
    .hint = Vielleicht ist der Server nur gerade gestört: öffnen Sie den Link später im Browser. Sperrt die Website Prüfprogramme aus, tragen Sie sie in `site.yaml` unter `check:` → `external:` → `skip:` ein
check-external-reason-timeout = keine Antwort innerhalb von { $seconds ->
        [one] 1 Sekunde
       *[other] { $seconds } Sekunden
    }
check-external-reason-dns = den Server `{ $host }` gibt es nicht, oder er ist gerade nicht auffindbar
check-external-reason-refused = der Server nimmt keine Verbindung an
check-external-reason-connection = die Verbindung ist gescheitert ({ $detail })
check-external-reason-tls = die verschlüsselte Verbindung ist gescheitert ({ $detail })
check-external-reason-redirects = mehr als { $max } Weiterleitungen
check-external-reason-status = der Server antwortet { $status }{ $status ->
        [429] {" "}(zu viele Anfragen)
        [500] {" "}(Fehler im Server)
        [502] {" "}(er hat von einem anderen Server keine gültige Antwort bekommen)
        [503] {" "}(vorübergehend nicht verfügbar)
        [504] {" "}(er hat von einem anderen Server rechtzeitig keine Antwort bekommen)
       *[other] {""}
    }
check-external-reason-other = die Anfrage ist gescheitert ({ $detail })
check-external-summary = { $links ->
        [one] 1 Link
       *[other] { $links } Links
    } zu anderen Websites: { $checked } abgefragt, { $cached } aus dem Zwischenspeicher, { $skipped } übersprungen
check-external-cache-unreadable = Der Zwischenspeicher der Link-Prüfung `{ $file }` ist nicht lesbar und wird ersetzt ({ $reason })
check-external-cache-not-written = Der Zwischenspeicher der Link-Prüfung `{ $file }` konnte nicht geschrieben werden ({ $reason }); beim nächsten Mal werden alle Links neu abgefragt

# site.yaml: check
check-settings-range = `{ $key }` muss eine ganze Zahl von { $min } bis { $max } sein, nicht { $value }
    .hint = Ohne diesen Schlüssel gilt { $default }
check-settings-user-agent = `check.external.user_agent` darf nicht leer sein und nur Buchstaben ohne Umlaute, Ziffern, Leerzeichen und Satzzeichen enthalten
    .hint = Z. B. `Stadt Trier Linkpruefung (+https://www.trier.de/kontakt/)`; Umlaute schreiben Sie als `ae`, `oe`, `ue`
check-settings-skip = „{ $entry }“ unter `check.external.skip` ist weder eine Adresse (`https://…`) noch ein Servername
    .hint = Schreiben Sie den Anfang der Adressen, die nicht abgefragt werden sollen (`https://www.example.org/intern/`), oder einen Servernamen (`example.org`, gilt auch für `www.example.org`)
check-settings-cache = `check.external.cache` muss eine Datei im Ordner der Website sein, nicht „{ $value }“
    .hint = Z. B. `.lernort-links.json` (so heißt sie ohne Angabe) oder `.cache/links.json`; absolute Pfade, `..` und die Ordner, die veröffentlicht werden (`content/`, `assets/`, `public/`, `themes/`), gehen nicht
