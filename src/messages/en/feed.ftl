# Atom feeds: the `feeds:` key of site.yaml

feed-settings-limit = `feeds.limit` must be a whole number of at least 1, not { $value }
    .hint = it is how many of the newest pages a feed lists; without this key, it is { $default }
feed-settings-filename = `feeds.filename` must be a plain file name ending in `.xml`, not "{ $value }"
    .hint = e.g. `atom.xml` (the name without this key) or `feed.xml`: letters without accents, digits, `-`, `_` and `.`, no folder
feed-settings-filename-taken = lernort writes `{ $value }` itself; `feeds.filename` cannot be that name
