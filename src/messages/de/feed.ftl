# Atom-Feeds: der Schlüssel `feeds:` in site.yaml

feed-settings-limit = `feeds.limit` muss eine ganze Zahl ab 1 sein, nicht { $value }
    .hint = So viele der neuesten Seiten zeigt ein Feed; ohne diesen Schlüssel gilt { $default }
feed-settings-filename = `feeds.filename` muss ein einfacher Dateiname sein, der auf `.xml` endet, nicht „{ $value }“
    .hint = Z. B. `atom.xml` (so heißt die Datei ohne Angabe) oder `feed.xml`: nur Buchstaben ohne Umlaute, Ziffern, `-`, `_` und `.`, kein Ordner
feed-settings-filename-taken = Die Datei `{ $value }` schreibt lernort schon selbst; `feeds.filename` kann nicht so heißen
