# output: wohin die Website geschrieben wird, und wie sie die vorherige Ausgabe ersetzt

# $dir: der Ausgabeordner, wie angegeben; $target: wohin seine symbolischen Links führen
output-leads-to = { $dir } (der zu { $target } führt)
output-replaces-sources = Der Ausgabeordner { $dir } würde die eigenen Dateien der Website ersetzen. Wählen Sie einen Ordner wie `public`
output-foreign-files = Der Ausgabeordner { $dir } enthält andere Dateien und keine index.html. lernort ersetzt seinen Ausgabeordner vollständig und würde diese Dateien dabei löschen; deshalb bricht es ab. Leeren oder entfernen Sie den Ordner, oder wählen Sie einen anderen
output-is-file = Der Ausgabeordner { $dir } ist eine Datei, kein Ordner. lernort ersetzt keine Dateien. Entfernen Sie die Datei, oder wählen Sie einen anderen Ausgabeordner wie `public`
# $to: wohin der Link zeigt, wie es im Link steht
output-link-to-file = Der Ausgabeordner { $dir } ist ein symbolischer Link auf die Datei { $to }, nicht auf einen Ordner. lernort lässt beide unverändert. Lassen Sie den Link auf einen Ordner zeigen, oder wählen Sie einen anderen Ausgabeordner
output-link-dangling = Der Ausgabeordner { $dir } ist ein symbolischer Link auf { $to }, aber { $to } gibt es nicht. Legen Sie diesen Ordner an (lernort schreibt die Website dann hinein und behält den Link), oder entfernen Sie den Link
output-no-parent = Die Website kann nicht nach { $dir } geschrieben werden. Wählen Sie einen Ordner wie `public`
# $lock: die Sperrdatei
output-locked = Ein anderer Lauf von lernort schreibt gerade in den Ausgabeordner { $dir } (er hält die Sperrdatei { $lock }). Warten Sie, bis er fertig ist, und erstellen Sie die Website dann noch einmal
# $reason: der Fehler des Systems
output-mount-point = Der Ausgabeordner { $dir } kann nicht ersetzt werden: Er ist ein Einhängepunkt (etwa ein Docker-Volume oder ein tmpfs) oder liegt auf einem anderen Dateisystem als der Ordner um ihn herum ({ $reason }). lernort erstellt die neue Website neben dem Ausgabeordner und benennt sie dann an seine Stelle um; einen Einhängepunkt kann das System nicht umbenennen und einen Ordner nicht zwischen Dateisystemen verschieben. Hängen Sie stattdessen den übergeordneten Ordner ein, oder erstellen Sie die Website in einem Ordner innerhalb des Einhängepunkts (`-o { $dir }/site`) und lassen Sie den Webserver dorthin zeigen

# Ein Überbleibsel eines früheren Laufs, das nicht entfernt werden konnte: $path, und der $reason des Systems
output-stuck-leftover = Der Ordner { $path } ist von einem früheren Lauf von lernort übrig geblieben und konnte nicht entfernt werden ({ $reason }). Entfernen kann ihn nur, wem er gehört oder wer Administratorrechte hat, zum Beispiel mit `sudo rm -rf { $path }`. Dieser Lauf ist davon nicht betroffen: Der Ordner liegt neben dem Ausgabeordner, nicht darin
output-stuck-leftover-own = Der Ordner { $path } ist von einem früheren Lauf von lernort übrig geblieben und konnte nicht entfernt werden ({ $reason }). Entfernen kann ihn nur, wem er gehört oder wer Administratorrechte hat, zum Beispiel mit `sudo rm -rf { $path }`. Dieser Lauf braucht aber genau diesen Namen

output-signals = lernort kann Strg+C nicht abfangen: { $reason }
output-signal-after-publish = lernort: durch ein Signal angehalten, als die neue Website schon an ihrem Platz war; die Website ist vollständig erstellt

# Dateien, die in die Ausgabe kopiert werden. $to: der Pfad im Ausgabeordner
output-overwrites-page = Diese Datei würde die von lernort erzeugte Datei `{ $to }` überschreiben
    .hint = Benennen Sie die Datei um, oder verschieben Sie sie
output-copied-twice = Eine andere Datei wird schon nach `{ $to }` kopiert
    .hint = Benennen Sie eine der beiden Dateien um, oder verschieben Sie sie

# Tätigkeiten für common-io („… konnte nicht { $action } werden“)
output-io-create-folder = angelegt
output-io-write = geschrieben
output-io-copy = kopiert
output-io-create-lock = als Sperrdatei angelegt
output-io-lock = gesperrt
output-io-read-folder = gelesen
output-io-restore = als vorherige Ausgabe zurückgeholt
output-io-look-at = geprüft
output-io-remove-leftover = entfernt
output-io-look-at-output = als Ausgabeordner geprüft
output-io-follow-link = bis zu seinem Ziel verfolgt
output-io-read-link = als symbolischer Link gelesen
output-io-move-into-place = durch die neue Ausgabe ersetzt
output-io-exchange = gegen die neue Ausgabe getauscht
output-io-move-aside = zur Seite geschoben
