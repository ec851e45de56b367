# markdown: Links, Anker, Fußnoten und Überschriften in den Texten der Seiten.
# $what: link oder image; $text: der Text des Links (bei einem Bild seine Beschreibung).

# $reason: warum das Ziel fehlt, z. B. `model-link-missing-page`
markdown-link-unresolved = { $what ->
        [image] Das Bild
       *[link] Der Link
    } `{ $text }` verweist auf `{ $dest }`, { $reason }

markdown-link-backslash = In Links werden Ordner mit `/` getrennt; ein `\` gehört zum Dateinamen

markdown-link-outside-content = { $what ->
        [image] Das Bild
       *[link] Der Link
    } `{ $text }` verweist auf `{ $dest }` außerhalb des Ordners `content/`
    .hint = Verweisen Sie nur auf Dateien in `content/`; legen Sie gemeinsam genutzte Dateien in `assets/` ab und verlinken Sie sie als `/datei.pdf`

markdown-anchor-missing = { $what ->
        [image] Das Bild
       *[link] Der Link
    } `{ $text }` verweist auf `#{ $anchor }`, aber diese Seite hat keine Überschrift mit diesem Anker
    .hint = Verwenden Sie den Anker einer Überschrift dieser Seite; ein Anker ist der Text der Überschrift in Kleinbuchstaben, mit `-` statt Leerzeichen

markdown-anchor-missing-in = { $what ->
        [image] Das Bild
       *[link] Der Link
    } `{ $text }` verweist auf `{ $dest }`, aber `content/{ $doc }` hat keine Überschrift mit dem Anker `{ $anchor }`
    .hint = Verweisen Sie auf eine vorhandene Überschrift; ein Anker ist der Text der Überschrift in Kleinbuchstaben, mit `-` statt Leerzeichen

markdown-footnote-twice = Die Fußnote `[^{ $label }]` ist zweimal definiert
    .hint = Sie ist zuerst in Zeile { $line } definiert, und nur dieser Text wird angezeigt: Entfernen Sie eine der beiden oder geben Sie dieser eine eigene Bezeichnung und verweisen Sie darauf

markdown-heading-id-twice = Der Anker `{ $id }` gehört schon zur Überschrift in Zeile { $line }
    .hint = Anker müssen auf einer Seite eindeutig sein: Schreiben Sie hier einen anderen Anker `{ "{" }#…{ "}" }` oder geben Sie der anderen Überschrift einen eigenen
