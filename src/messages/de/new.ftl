# lernort new: eine neue Seite mit den Feldern ihres Inhaltstyps

## Nach dem Anlegen ($next: der Befehl für die Vorschau, z. B. „lernort serve“)

new-created = Neue Seite: { $file } – füllen Sie { $count ->
        [one] das Pflichtfeld { $fields } aus
       *[other] die Pflichtfelder { $fields } aus
    }, dann: { $next }
new-created-plain = Neue Seite: { $file } – schreiben Sie Beschreibung und Text, dann: { $next }

## Kommentare in der neuen Datei ($what: was in das Feld gehört)

new-comment-description = Ein Satz, der die Seite zusammenfasst; er steht in Übersichten und Suchergebnissen
new-comment-more = Weitere Angaben: Entfernen Sie das # vor dem Namen eines Felds, um es zu verwenden
new-comment-required = Pflichtfeld: { $what }
new-comment-required-with = Nötig, wenn `{ $other }` angegeben ist: { $what }
new-comment-optional = Optional: { $what }
new-what-enum = einer dieser Werte: { $values }
new-what-alt = was das Bild `{ $image }` zeigt (Alternativtext)

## Fehler

new-no-name = Geben Sie an, in welche Rubrik die neue Seite gehört und wie sie heißt, z. B. `lernort new team/anna-beispiel`
new-outside = `{ $path }` führt aus dem Ordner `content/` hinaus. Nennen Sie Rubrik und Namen vom Ordner `content/` aus, ohne `..`, z. B. `team/anna-beispiel`
new-no-slug = Aus dem Namen `{ $name }` entsteht keine Adresse. Der Name wird der letzte Teil der Adresse der Seite; verwenden Sie Buchstaben oder Ziffern, z. B. `anna-beispiel`
new-reserved = Der Name `{ $name }` ist für Rubriken und Seitenordner vergeben (`_index.md` beschreibt eine Rubrik, `index.md` einen Seitenordner). Wählen Sie einen anderen Namen; einen Seitenordner legt `--bundle` an
new-ignored = lernort lässt Dateien wie `{ $name }` aus (versteckte Dateien und Sicherungskopien von Editoren). Wählen Sie einen Namen, der mit einem Buchstaben oder einer Ziffer beginnt
new-title-blank = Der Titel ist leer. Geben Sie hinter `--title` den Titel der Seite an, z. B. `--title "Sommerfest 2027"`, oder lassen Sie `--title` weg
new-bad-date = `{ $value }` ist kein Datum. Schreiben Sie das Datum als JJJJ-MM-TT, z. B. `--date 2027-06-01`
new-no-section = Die Rubrik `{ $dir }` gibt es nicht. { $more }
new-no-section-closest = Meinten Sie `{ $best }`? Vorhandene Rubriken: { $sections }
new-no-section-list = Vorhandene Rubriken: { $sections }. Eine neue Rubrik legen Sie mit der Datei `content/{ $dir }/_index.md` an
new-no-section-none = Die Website hat nur die Startseite. Eine neue Rubrik legen Sie mit der Datei `content/{ $dir }/_index.md` an, oder Sie legen die Seite ohne Rubrik an: `lernort new { $name }`
new-no-section-bundle = `content/{ $dir }/` ist ein Seitenordner (mit `index.md`), keine Rubrik: Bilder und Dateien der Seite legen Sie direkt in den Ordner
new-type-unknown = Den Inhaltstyp `{ $name }` gibt es nicht. { $more }
new-type-closest = Meinten Sie `{ $best }`? Inhaltstypen in `site.yaml`: { $types }
new-type-list = Inhaltstypen in `site.yaml`: { $types }
new-type-none = `site.yaml` legt keine Inhaltstypen fest (`types:`); ohne `--type` entsteht eine einfache Seite
new-exists = { $file } gibt es schon; `lernort new` überschreibt keine Datei. Wählen Sie einen anderen Namen, oder bearbeiten Sie die vorhandene Seite
new-taken = Die neue Seite bekäme dieselbe Adresse wie { $file }. Wählen Sie einen anderen Namen
# Tätigkeiten für common-io („… konnte nicht { $action } werden“)
new-io-create-folder = angelegt
new-io-write = geschrieben
new-comment-terms = Optional: { $title } als Liste, z. B. [Schule, Beruf]
new-comment-terms-allowed = Optional: { $title } als Liste; erlaubt sind: { $terms }
new-comment-publish-date = Optional: der Tag, an dem die Seite erst erscheint, z. B. 2027-03-01
new-comment-expiry-date = Optional: der letzte Tag, an dem die Seite erscheint, z. B. 2027-03-31
