# markdown: links, anchors, footnotes and heading ids in page texts.
# $what: link or image; $text: the link's text (an image's description).

# $reason: why the target is missing, e.g. `model-link-missing-page`
markdown-link-unresolved = the { $what ->
        [image] image
       *[link] link
    } `{ $text }` points to `{ $dest }`, { $reason }

markdown-link-backslash = in links folders are separated by `/`; a `\` is part of the file name

markdown-link-outside-content = the { $what ->
        [image] image
       *[link] link
    } `{ $text }` points to `{ $dest }`, which is outside the content folder
    .hint = link only to files inside `content/`; put shared files in `assets/` and link them as `/file.pdf`

markdown-anchor-missing = the { $what ->
        [image] image
       *[link] link
    } `{ $text }` points to `#{ $anchor }`, but this page has no heading with that id
    .hint = use the id of a heading on this page; ids are the heading text in lowercase with `-` for spaces

markdown-anchor-missing-in = the { $what ->
        [image] image
       *[link] link
    } `{ $text }` points to `{ $dest }`, but `content/{ $doc }` has no heading with the id `{ $anchor }`
    .hint = link to an existing heading; ids are the heading text in lowercase with `-` for spaces

markdown-footnote-twice = the footnote `[^{ $label }]` is defined twice
    .hint = it is first defined on line { $line }, and only that text is shown: remove one of the two, or give this one a label of its own and refer to it

markdown-heading-id-twice = the heading id `{ $id }` is already the id of the heading on line { $line }
    .hint = ids must be unique on a page: write another `{ "{" }#…{ "}" }` id here, or give the other heading an id of its own
