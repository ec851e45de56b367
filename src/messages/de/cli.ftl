# Die Befehlszeile

cli-messages-env = LERNORT_MESSAGES={ $value }: lernort hat Meldungen auf Deutsch und Englisch; setzen Sie LERNORT_MESSAGES=de oder LERNORT_MESSAGES=en, oder entfernen Sie die Variable

cli-built = { $pages ->
        [one] 1 Seite
       *[other] { $pages } Seiten
    } und { $sections ->
        [one] 1 Rubrik
       *[other] { $sections } Rubriken
    } ({ $files ->
        [one] 1 Datei
       *[other] { $files } Dateien
    } kopiert) in { $ms } ms nach { $dir } geschrieben

# Nach „… geschrieben“, wenn Seiten zu einem späteren Zeitpunkt erscheinen oder ablaufen.
# $at: Tag (und Uhrzeit, wenn nicht Mitternacht) in der Zeitzone der Website
cli-next-change = Nächste zeitgesteuerte Änderung: { $at }, { $pages ->
        [one] 1 Seite
       *[other] { $pages } Seiten
    }

cli-warning = Warnung: { $text }

# lernort init
cli-init-created = Neue Website in { $dir } angelegt.
    Als Nächstes: cd { $dir } && lernort build
cli-init-created-here = Neue Website im aktuellen Ordner angelegt.
    Als Nächstes: lernort build
cli-init-not-empty = { $dir } ist nicht leer: `lernort init` schreibt nur in einen neuen oder leeren Ordner
cli-init-here-not-empty = Der aktuelle Ordner ist nicht leer: `lernort init` schreibt nur in einen neuen oder leeren Ordner
# Tätigkeiten für common-io („… konnte nicht { $action } werden“)
cli-init-io-read = gelesen
cli-init-io-create-folder = angelegt
cli-init-io-write = geschrieben
# $at: der Zeitpunkt aus SOURCE_DATE_EPOCH in der Zeitzone der Website
cli-clock-from-environment = Die Website wurde zum Zeitpunkt { $at } aus `SOURCE_DATE_EPOCH` erstellt, nicht zur aktuellen Uhrzeit: Seiten mit `publish_date` oder `expiry_date` erscheinen und verschwinden so, wie es zu diesem Zeitpunkt richtig ist
