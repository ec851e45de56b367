# model: Adressen, Ordner, Aliase und die Ziele von Links

model-folder-no-slug = Der Ordnername `{ $name }` ergibt keinen Teil der Adresse: Er enthält keine Buchstaben oder Ziffern
    .hint = Benennen Sie den Ordner um und verwenden Sie Buchstaben oder Ziffern (die Adresse einer Rubrik kommt aus dem Namen ihres Ordners)

model-slug-empty = `slug: { $given }` ergibt keinen Teil der Adresse
    .hint = Verwenden Sie in `slug:` Buchstaben oder Ziffern, z. B. `slug: rueckblick`

model-bundle-no-slug = Der Ordnername `{ $name }` dieses Seitenordners ergibt keinen Teil der Adresse: Er enthält keine Buchstaben oder Ziffern
    .hint = Benennen Sie den Ordner um oder setzen Sie `slug:` im Kopfbereich (Front Matter), z. B. `slug: rueckblick`

model-file-no-slug = Der Dateiname `{ $name }.md` ergibt keinen Teil der Adresse: Er enthält keine Buchstaben oder Ziffern
    .hint = Benennen Sie die Datei um oder setzen Sie `slug:` im Kopfbereich (Front Matter), z. B. `slug: rueckblick`

model-bad-date = `{ $key }: { $value }` ist kein gültiges Datum
    .hint = Schreiben Sie Daten wie `2024-05-31` oder `2024-05-31T14:00:00+02:00`

model-expiry-before-publish = `expiry_date: { $expiry }` liegt vor `publish_date: { $publish }`: Die Seite würde nie erscheinen
    .hint = Ein `expiry_date` ohne Uhrzeit ist der letzte Tag, an dem die Seite erscheint; es darf nicht vor dem `publish_date` liegen. Prüfen Sie beide Daten

## Aliase (`aliases:`): alte Adressen einer Seite

model-alias-full-address = Der Alias `{ $alias }` ist eine vollständige Adresse, kein Pfad auf dieser Website
    .hint = Ein Alias nennt eine alte Adresse dieser Website, z. B. `/alt/seite/`; von einer anderen Website kann er nicht weiterleiten
model-alias-query = Der Alias `{ $alias }` enthält `?` oder `#`
    .hint = Aus einem Alias wird eine Datei, die nur über ihren Pfad gefunden wird; entfernen Sie alles ab `?` bzw. `#`
model-alias-backslash = Der Alias `{ $alias }` enthält einen umgekehrten Schrägstrich (`\`)
    .hint = Trennen Sie Ordner mit `/`
model-alias-control = Der Alias `{ $alias }` enthält ein Steuerzeichen
    .hint = Schreiben Sie alte Adressen als Pfade dieser Website, z. B. `/alt/seite/`
model-alias-percent = Der Alias `{ $alias }` enthält eine `%`-Folge, die kein UTF-8-Text ist
    .hint = Schreiben Sie die Zeichen selbst, z. B. `/über-uns/`
model-alias-outside = Der Alias `{ $alias }` ist kein Pfad innerhalb der Website
    .hint = Schreiben Sie alte Adressen als Pfade dieser Website, z. B. `/alt/seite/`

# $kind: section, page, alias, list, taxonomy, term, feed oder archive; $first_kind ebenso; $first: die Datei des ersten
model-url-collision = { $kind ->
        [section] Diese Rubrik
        [alias] Ein Alias dieser Seite
        [list] Eine weitere Listenseite dieser Rubrik
        [taxonomy] Die Übersichtsseite dieser Taxonomie
        [term] Die Seite eines Begriffs dieser Taxonomie
        [feed] Ein Feed
        [archive] Das Archiv dieser Rubrik
       *[page] Diese Seite
    } und { $first_kind ->
        [section] die Rubrik
        [alias] ein Alias der Seite
        [list] eine Listenseite der Rubrik
        [taxonomy] eine Taxonomie in
        [term] ein Begriff einer Taxonomie in
        [feed] ein Feed in
        [archive] das Archiv der Rubrik
       *[page] die Seite
    } `{ $first }` haben beide die Adresse `{ $url }`
    .hint = Benennen Sie eine der beiden Dateien um oder geben Sie einer einen anderen `slug:`
    .alias-hint = Ein Alias darf nur eine alte Adresse nennen, die keine Seite und keine Rubrik verwendet; ändern oder entfernen Sie ihn unter `aliases:`
    .generated-hint = Die Adresse `{ $url }` erzeugt lernort selbst. Geben Sie dieser Datei mit `slug:` eine andere Adresse oder benennen Sie sie um; bei einer Taxonomie fragen Sie das Webteam
    .generated-folder-hint = Die Adresse `{ $url }` erzeugt lernort selbst. Benennen Sie den Ordner der Rubrik um; bei einer Taxonomie fragen Sie das Webteam
    .generated-both-hint = Beide Seiten mit der Adresse `{ $url }` erzeugt lernort selbst. Benennen Sie den Begriff, die Taxonomie (in der site.yaml) oder den Ordner der Rubrik um

## Ordner: Rubriken und Seitenordner

model-home-index = Die Startseite muss `_index.md` heißen, nicht `index.md`
    .hint = Benennen Sie `content/index.md` in `content/_index.md` um
model-section-and-bundle = Dieser Ordner enthält sowohl `_index.md` (eine Rubrik) als auch `index.md` (einen Seitenordner)
    .hint = Behalten Sie `_index.md` für eine Rubrik mit mehreren Seiten oder `index.md` für eine einzelne Seite mit ihren Dateien
model-page-in-bundle = Eine Seite kann nicht im Seitenordner `content/{ $bundle }/` liegen
    .hint = Ein Seitenordner enthält genau eine `index.md` und deren Dateien; machen Sie den Ordner stattdessen mit einer `_index.md` zu einer Rubrik

## Links, die ins Leere gehen. Die Gründe beenden den Satz von `markdown-link-unresolved`
## („Der Link `…` verweist auf `…`, …“).

model-link-missing-page = aber `content/{ $rel }` gibt es nicht
model-link-missing-file = aber es gibt keine Datei `content/{ $rel }`
model-link-check-path = Prüfen Sie den Pfad: Relative Links gehen vom Ordner dieser Datei aus, `@/`-Links vom Ordner `content/`
model-link-draft = einen Entwurf, der nur mit `--drafts` erstellt wird
    .hint = Veröffentlichen Sie ihn, indem Sie `draft: true` aus `content/{ $draft }` entfernen, oder entfernen Sie den Link bis dahin
    .folder-hint = Das Ziel gehört zu einer Seite oder Rubrik, die ein Entwurf ist; veröffentlichen Sie diese zuerst oder entfernen Sie den Link bis dahin
# Ein Link auf eine Seite, die wegen ihres Datums nicht erstellt wird. $page: die Seite
# (vom Ordner content/ aus), $date: ihr `publish_date` oder `expiry_date`, wie geschrieben
model-link-future = aber die Seite `content/{ $page }` erscheint erst am { $date } (`publish_date`)
    .hint = Setzen Sie den Link erst, wenn die Seite erschienen ist, oder geben Sie dieser Seite dasselbe `publish_date` wie `content/{ $page }` oder ein späteres. Mit `--future` sehen Sie die Website vorab mit allen geplanten Seiten
model-link-expired = aber die Seite `content/{ $page }` war nur bis { $date } zu sehen (`expiry_date`)
    .hint = Entfernen Sie den Link, oder verlängern Sie `expiry_date` in `content/{ $page }`. Mit `--expired` sehen Sie die Website mit den abgelaufenen Seiten
model-link-unpublished = aber unter dieser Adresse hat die Website keine Seite, keine Rubrik, keinen Alias und keine Datei
model-link-base-path = Schreiben Sie `{ $path }`: lernort setzt den Basispfad `{ $base_path }` selbst vor Links, die mit `/` beginnen
model-link-did-you-mean = Meinten Sie `{ $near }`? Links, die mit `/` beginnen, müssen eine Adresse der erstellten Website nennen, ohne den Basispfad
model-link-no-address = Links, die mit `/` beginnen, müssen eine Adresse der erstellten Website nennen, ohne den Basispfad (Entwürfe haben nur mit `--drafts` eine); eine Seite können Sie auch über ihre Datei verlinken, z. B. `@/impressum.md`

## Taxonomien: Begriffe auf Seiten

model-term-no-slug = Aus dem Begriff `{ $term }` lässt sich keine Adresse bilden
    .hint = Verwenden Sie einen Begriff mit Buchstaben oder Ziffern
# $first_page: die Datei, die den ersten Begriff nennt; $url: dessen Adresse
model-terms-one-slug = Der Begriff `{ $term }` und der Begriff `{ $first }` in `{ $first_page }` ergeben dieselbe Adresse `{ $url }`
    .hint = Schreiben Sie den Begriff auf allen Seiten gleich, z. B. überall `{ $first }`
model-term-unknown = `{ $term }` ist kein Begriff der Taxonomie `{ $taxonomy }`
    .hint = Erlaubt sind: { $terms }. Einen neuen Begriff tragen Sie in der site.yaml unter `taxonomies:` bei `terms:` ein
    .hint-near = Meinten Sie `{ $near }`? Erlaubt sind: { $terms }

## Listen

model-paginate-by-zero = `paginate_by` muss mindestens 1 sein
    .hint = Schreiben Sie, wie viele Seiten eine Listenseite zeigt, z. B. `paginate_by: 10`, oder löschen Sie die Zeile, damit alle auf einer Seite stehen

## Hinweise beim Erstellen

# $page: die Datei mit dem Link; $target: die verlinkte Seite (in content/); $date: der Tag, ab dem sie fehlt
model-link-will-expire = Der Link in `{ $page }` auf `content/{ $target }` führt ab { $date } ins Leere, weil die Seite dann abläuft (`expiry_date`); von da an schlägt das Erstellen fehl. Entfernen Sie den Link vorher oder geben Sie `{ $page }` dasselbe `expiry_date`
    .archived = Der Link in `{ $page }` auf `content/{ $target }` führt ab { $date } ins Leere, weil die Seite dann abläuft (`expiry_date`); von da an schlägt das Erstellen fehl. Entfernen Sie den Link vorher: `{ $page }` bleibt im Archiv stehen
model-feed-empty = Der Feed `{ $feed }` von `{ $section }` bleibt leer: Keine Seite der Rubrik hat ein `date:`, und nur Seiten mit Datum stehen in einem Feed
