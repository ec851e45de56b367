# Inhalt: die Dateien unter content/ und das Lesen von Textdateien.

content-no-folder = Der Inhaltsordner { $path } fehlt: Legen Sie ihn an, mit mindestens der Datei `content/_index.md`

content-front-matter-not-closed = Der Kopfbereich (Front Matter) wird nicht geschlossen
    .hint = Beenden Sie den Kopfbereich mit einer Zeile, die nur `---` enthält
content-no-front-matter-hint = Beginnen Sie die Datei mit einem Kopfbereich (Front Matter): einer Zeile `---`, dann `title: …`, dann `---`

content-title-hint = Schreiben Sie den Titel hinter `title:`; er ist die Überschrift der Seite und der Name des Browser-Tabs, den Screenreader als Erstes vorlesen
content-section-title-hint = { content-title-hint }; oder entfernen Sie die Zeile, dann gilt der Name des Ordners

# $what: ein yaml-what-…-Text
content-empty-term = Ein Begriff in `{ $key }` { $what } ist leer
    .hint = Schreiben Sie jeden Begriff als Text, z. B. `{ $key }: [MINT, Schule]`

## Eine Textdatei lesen

content-lone-carriage-return = Die Datei enthält einen Wagenrücklauf (`\r`), der keine Zeile beendet
    .hint = Speichern Sie die Datei mit Zeilenenden für Unix (LF) oder Windows (CRLF); ein Wagenrücklauf allein ist das Zeilenende des alten Mac OS, und Programme zählen solche Zeilen unterschiedlich
# $reason: die Wörter des Betriebssystems
content-unreadable = Die Datei kann nicht gelesen werden: { $reason }
    .hint = Prüfen Sie, ob die Datei existiert und lesbar ist
content-not-utf8 = Die Datei ist kein gültiger UTF-8-Text
    .hint = Speichern Sie die Datei in Ihrem Editor als UTF-8 (vielleicht ist sie als Latin-1 oder Windows-1252 gespeichert)
content-changed-while-building = Die Datei wurde geändert, während die Website erstellt wurde
    .hint = Erstellen Sie die Website noch einmal, wenn die Datei gespeichert ist

## Einen Ordner durchgehen

content-link-outside = Diese symbolische Verknüpfung zeigt aus dem Ordner der Website hinaus
    .hint = Kopieren Sie die Datei in die Website, statt eine Verknüpfung auf sie anzulegen
content-name-not-utf8 = Der Dateiname ist kein gültiger UTF-8-Text
    .hint = Benennen Sie die Datei um; verwenden Sie Buchstaben, Ziffern und `-`
content-link-loop = Diese symbolische Verknüpfung zeigt zurück auf ihren eigenen übergeordneten Ordner `{ $folder }`
    .hint = Entfernen Sie die Verknüpfung, oder lassen Sie sie auf einen Ordner außerhalb ihres eigenen Ordnerbaums zeigen
# $reason: die Wörter des Betriebssystems
content-unlistable = Die Datei oder der Ordner kann nicht gelesen werden: { $reason }
    .hint = Prüfen Sie die Zugriffsrechte, oder entfernen Sie eine defekte symbolische Verknüpfung
