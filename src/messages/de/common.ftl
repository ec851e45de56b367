# Wörter, die jede Meldung braucht. Argumente stehen in { $name }.

common-label-error = Fehler
common-label-warning = Warnung
common-label-note = Anmerkung
common-label-hint = Tipp

common-build-failed = Erstellen fehlgeschlagen: { $count ->
        [one] 1 Fehler
       *[other] { $count } Fehler
    }; der Ausgabeordner blieb unverändert

# $action: was lernort tun wollte, z. B. „lesen“
common-io = { $path } konnte nicht { $action } werden: { $reason }
