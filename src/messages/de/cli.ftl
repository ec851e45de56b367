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

cli-warning = Warnung: { $text }
