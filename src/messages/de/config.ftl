# config: die site.yaml und die Optionen, die sie ersetzen

config-root-missing = Der Website-Ordner { $dir } existiert nicht
config-no-site-yaml = In { $dir } gibt es keine site.yaml: Das ist keine lernort-Website. Legen Sie mit `lernort init ORDNER` eine neue an, oder geben Sie den Ordner der Website mit `--root ORDNER` an

# Tätigkeiten für common-io („… konnte nicht { $action } werden“)
config-io-open-root = als Website-Ordner geöffnet
config-io-current-folder = relativ zum aktuellen Ordner bestimmt

config-title-empty = `title` ist in der site.yaml leer
    .hint = Schreiben Sie den Namen der Website hinter `title:`. Er steht am Ende jedes Seitentitels im Browser-Tab und als Überschrift auf der Startseite

config-language-invalid = `language: { $value }` ist kein Sprachkürzel nach BCP 47
    .hint = Schreiben Sie ein Kürzel wie `de`, `de-DE`, `de-CH` oder `en`: einen Sprachcode aus 2 oder 3 Buchstaben, danach auf Wunsch `-` und eine Region

config-timezone-unknown = `timezone: { $value }` ist keine bekannte Zeitzone
    .near = Meinten Sie `timezone: { $near }`? Schreiben Sie den Namen einer Zeitzone, wie ihn die IANA-Zeitzonendatenbank führt
    .hint = Schreiben Sie den Namen einer Zeitzone, wie ihn die IANA-Zeitzonendatenbank führt, z. B. `timezone: Europe/Berlin`

# Die Uhr eines Erstellens: die Option `--now` und die Variable SOURCE_DATE_EPOCH
config-now-invalid = `--now { $value }` ist kein Zeitpunkt. Schreiben Sie ein Datum wie `--now 2027-03-01` (Mitternacht in der Zeitzone der Website) oder einen Zeitpunkt mit Zeitzone wie `--now 2027-03-01T10:00:00+01:00`
config-source-date-epoch-invalid = { $variable }={ $value }: Die Variable muss die Sekunden seit dem 1. Januar 1970 (UTC) als ganze Zahl enthalten, z. B. { $variable }=1798761600. Entfernen Sie sie, damit lernort die Uhr des Rechners nimmt

config-taxonomy-name = `{ $name }` kann nicht der Name einer Taxonomie sein
    .hint = Verwenden Sie Kleinbuchstaben, Ziffern und `_`, und keinen Schlüssel, den der Kopfbereich schon hat, wie `title`

config-taxonomy-twice = Die Taxonomie `{ $name }` steht zweimal in `taxonomies:`
    .hint = Löschen Sie einen der beiden Einträge
config-paginate-by-zero = `paginate_by` muss mindestens 1 sein
    .hint = Schreiben Sie, wie viele Seiten eine Listenseite zeigt, z. B. `paginate_by: 10`, oder löschen Sie die Zeile, damit alle auf einer Seite stehen
config-taxonomy-title-empty = Der Titel der Taxonomie `{ $name }` ist leer
    .hint = Schreiben Sie hinter `title:` die Überschrift ihrer Übersichtsseite, z. B. `title: Themen`, oder löschen Sie die Zeile
config-term-no-slug = Aus dem Begriff `{ $term }` lässt sich keine Adresse bilden
    .hint = Verwenden Sie einen Begriff mit Buchstaben oder Ziffern
config-terms-one-slug = Die Begriffe `{ $first }` und `{ $term }` ergeben dieselbe Adresse `{ $slug }`
    .hint = Behalten Sie nur einen der beiden Begriffe

config-theme-empty = `theme` ist in der site.yaml leer
config-theme-absolute = `theme: { $theme }` ist ein absoluter Pfad. Ein Thema ist der Name eines Ordners in `themes/`, ohne `/`, `\`, `:` oder `..`
config-theme-path = `theme: { $theme }` ist ein Pfad. Ein Thema ist der Name eines Ordners in `themes/`, ohne `/`, `\`, `:` oder `..`
config-theme-hint-no-folders = Legen Sie das Thema in einen Ordner in themes/ und schreiben Sie den Namen des Ordners, z. B. `theme: mein-thema`
# $folders: die Ordner in themes/, durch Kommas getrennt; $first: der erste davon
config-theme-hint-folders = Schreiben Sie den Namen eines Ordners in themes/ (hier: { $folders }), z. B. `theme: { $first }`

# Was an einer Basis-Adresse falsch ist. $key: `base_url` (in der site.yaml) oder
# `--base-url` (die Option); $url: die Adresse, wie sie geschrieben wurde.
config-base-url-not-http = `{ $key }` muss eine vollständige http(s)-Adresse sein, nicht `{ $url }`
config-base-url-no-host = `{ $key }` enthält keinen Servernamen (`{ $url }`)
config-base-url-query = `{ $key }` darf kein `?` und kein `#` enthalten (`{ $url }`)
config-base-url-user = `{ $key }` darf keinen Benutzernamen und kein Passwort enthalten (`{ $url }`)
config-base-url-spaces = `{ $key }` darf keine Leerzeichen enthalten (`{ $url }`)
config-base-url-empty-segment = `{ $key }` enthält einen leeren Pfadabschnitt `//` (`{ $url }`)
# $normal: die Adresse, wie der URL-Leser sie versteht
config-base-url-not-normal = `{ $key }` ist nicht in der üblichen Form geschrieben: `{ $url }` wird als `{ $normal }` gelesen
config-base-url-hint-normal = Meinten Sie `base_url: { $normal }`?
config-base-url-hint-example = Zum Beispiel `base_url: https://www.example.org`
# Eine falsche `--base-url`: $problem ist eine der Meldungen oben
config-base-url-flag-normal = { $problem }. Meinten Sie `--base-url { $normal }`?
config-base-url-flag-example = { $problem }. Zum Beispiel `--base-url https://vorschau.example.org`
