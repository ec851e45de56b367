# serve: die Zeilen von `lernort serve` im Terminal und die Seiten und Antworten der Vorschau

serve-no-site-folder = Den Ordner der Website { $path } gibt es nicht
serve-cannot-listen = Die Vorschau kann Port { $port } auf { $address } nicht verwenden: { $reason }
serve-cannot-serve = Die Vorschau kann unter { $url } nicht starten: { $reason }
serve-no-free-port = Ab Port { $port } ist kein Port frei; wählen Sie einen mit --port
serve-port-taken = Port { $taken } ist belegt; die Vorschau verwendet stattdessen { $port }.
# Nach `cli-warning`
serve-listening-everywhere = die Vorschau ist unter { $address } erreichbar, also auch für andere Rechner im Netzwerk (mit --drafts auch die Entwürfe)
serve-serving = Vorschau von { $root } unter { $url }/ (beenden mit Strg+C)
serve-no-browser = Der Browser konnte nicht geöffnet werden: { $reason }
serve-stopped = Die Vorschau liefert keine Seiten mehr aus: { $reason }
serve-cannot-watch = Änderungen an Dateien können nicht beobachtet werden: { $reason }
serve-cannot-watch-path = Änderungen in { $path } können nicht beobachtet werden: { $reason }

## Womit eine Zeile nach dem Erstellen beginnt ($what): das erste Erstellen oder die geänderten Dateien

serve-initial-build = Erstes Erstellen
serve-deleted = { $name } (gelöscht)
serve-unnamed-changes = Änderungen, die der Beobachter nicht benennen konnte (alle Dateien geprüft)
# $names: die ersten Dateinamen, durch Kommas getrennt
serve-and-more = { $names } und { $count ->
        [one] 1 weitere Datei
       *[other] { $count } weitere Dateien
    }

serve-rebuilt = { $what }: { $pages ->
        [one] 1 Seite
       *[other] { $pages } Seiten
    } neu erstellt, { $files ->
        [one] 1 Datei
       *[other] { $files } Dateien
    } aktualisiert in { $ms } ms
# Danach folgt der Fehlerbericht in den nächsten Zeilen
serve-rebuild-failed = { $what }: Erstellen fehlgeschlagen
serve-still-serving = Erneutes Erstellen fehlgeschlagen: { $count ->
        [one] 1 Fehler
       *[other] { $count } Fehler
    }; die Vorschau zeigt weiter die letzte fehlerfreie Fassung
serve-not-built-yet = Erstellen fehlgeschlagen: { $count ->
        [one] 1 Fehler
       *[other] { $count } Fehler
    }; die Website wurde noch nicht erstellt, darum zeigt jede Seite diesen Fehler

## Die Fehleranzeige im Browser, über dem Fehlerbericht

serve-not-built = lernort: Die Website wurde noch nicht erstellt
    .explanation = Es gibt noch keine fehlerfreie Fassung der Website, die angezeigt werden kann. Beheben Sie den Fehler und speichern Sie; dann zeigt diese Seite die Website.
    .pending = Das erste Erstellen ist noch nicht fertig.
serve-rebuild-failed-overlay = lernort: Das letzte Erstellen ist fehlgeschlagen
    .explanation = Die Seite darunter ist die letzte fehlerfreie Fassung. Beheben Sie den Fehler und speichern Sie; dann verschwindet diese Meldung.

## Antworten des Webservers der Vorschau als reiner Text

serve-http-method = Nur GET und HEAD werden unterstützt
serve-http-bad-path = Ungültiger Pfad in der Anfrage
serve-http-not-found = Nicht gefunden
serve-scheduled-change = eine zeitgesteuerte Änderung (`publish_date` oder `expiry_date`)

## Schalter für Entwickler (`LERNORT_SERVE_WITHOUT`), für Messungen

serve-without = { $env }: jeder Neuaufbau verzichtet auf { $list } (nur für Messungen)
serve-without-unknown = { $env }={ $value }: { $word } ist kein Mechanismus; bekannt sind patch, update und memo
