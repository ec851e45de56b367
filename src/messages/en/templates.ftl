# Templates: loading them, Tera's errors, and the errors of lernort's template
# functions and filters. Tera's own words come in as { $reason }, in English.
# Tag delimiters are written { "{%" } and { "%}" }: braces are Fluent syntax.

## Lists

# $first: the items before the last, joined by templates-list-comma
templates-list-comma = { $first }, { $next }
templates-list-and = { $first } and { $last }
# Two notes of one diagnostic.
templates-notes-joined = { $first }; { $second }

## Tera's errors, with lernort's frame

templates-error = template error: { $reason }
templates-syntax-error = syntax error in template: { $reason }
templates-while-rendering = while rendering { $path }
# $note: templates-while-rendering (and more); $count: the other pages with the same error
templates-note-and-others = { $note } and { $count ->
        [one] 1 other page
       *[other] { $count } other pages
    }
templates-unknown-include-hint = check the name in `{ "{%" } include "…" { "%}" }`; names are relative to the templates folder
templates-unknown-name-hint = check the name; lernort adds the functions `get_page`, `get_section`, `url` and the filter `date`

## Templates that do not exist

templates-not-found = the template `{ $name }` does not exist
    .hint-closest = did you mean `{ $closest }`? Templates: { $names }
    .hint-none = the site has no templates: set `theme:` in site.yaml or add a `templates/` folder
    .hint-list = templates: { $names }
templates-missing-parent = this template extends `{ $parent }`, which does not exist
    .hint = check the name in `{ "{%" } extends "…" { "%}" }`; names are relative to the templates folder

# Default templates no folder has; $users: who needs one (templates-users-…)
templates-users-home = the home page
templates-users-sections = { $count ->
        [one] 1 section
       *[other] { $count } sections
    }
templates-users-pages = { $count ->
        [one] 1 page
       *[other] { $count } pages
    }
templates-default-missing = the template `{ $name }` does not exist, but { $users } { $count ->
        [one] needs
       *[other] need
    } it
templates-defaults-missing = the templates { $names } do not exist
templates-defaults-missing-item = `{ $name }` ({ $users })
templates-defaults-looked = lernort looked in { $folders }
# $count: how many templates $files are
templates-defaults-add = add { $files } (or put { $count ->
        [one] it
       *[other] them
    } into themes/{ $theme }/templates/)
templates-defaults-set-theme = set `theme:` in site.yaml to a folder of themes/ (here: { $themes }), or add { $files }
templates-defaults-set-theme-none = set `theme:` in site.yaml to a folder of themes/, or add { $files }

templates-theme-missing = the theme `{ $theme }` does not exist: there is no folder `themes/{ $theme }/`
    .hint-empty = themes/ has no folders: add the theme there, or remove `theme:` to use only the site's own `templates/`
    .hint-folders = check the spelling of `theme:` (the folders in themes/: { $folders }), or remove the key to use only the site's own `templates/`

templates-file-name-not-utf8 = the file name is not valid UTF-8
    .hint = rename the file using letters, digits and `-`

## Circles

# $chain: the templates or components of the circle, `a → b → a`
templates-extends-circle = templates extend each other in a circle: { $chain }
    .hint = one template of the chain must not extend another: usually `base.html` has no `{ "{%" } extends { "%}" }`
templates-includes-circle = templates include each other in a circle: { $chain }
    .hint = remove one of these `{ "{%" } include { "%}" }` tags; a template cannot contain itself
templates-components-circle = components call each other deeper than Tera allows (20 levels): { $chain }
    .hint = a component may call itself only behind an `{ "{%" } if { "%}" }` that stops the circle within 20 levels
# $links: `file:line (from → to)`, separated by commas
templates-circle-continues = the circle continues at { $links }
templates-circle-others = more circles pass through { $names }; this is the shortest

## A template that ends too early

templates-unexpected-end = syntax error in template: Unexpected end of input
    .hint = the file ends before a tag is closed: close every `{ "{{" }` with `{ "}}" }`, every `{ "{%" }` with `{ "%}" }`, and every block with its end tag
# $tag: the opening tag as written, e.g. `block content`
templates-block-unclosed = syntax error in template: the `{ "{%" } { $tag } { "%}" }` opened on line { $line } is never closed
# $others: the blocks around it (templates-block-open-item), $count of them
templates-blocks-unclosed = syntax error in template: the `{ "{%" } { $tag } { "%}" }` opened on line { $line } is never closed; { $others } { $count ->
        [one] is
       *[other] are
    } still open too
templates-block-open-item = `{ "{%" } { $tag } { "%}" }` (line { $line })
# $end, $ends: end tags such as `{ "{%" } endblock { "%}" }`
templates-block-close-one = end it with { $end } before the end of the file
templates-block-close-many = end them, innermost first, with { $ends } before the end of the file

## Errors of lernort's template functions and filters

templates-site-data-missing = site data is not available while templates load
templates-get-page-missing = get_page(path="{ $path }"): there is no page `content/{ $key }`
templates-get-section-missing = get_section(path="{ $path }"): there is no section `content/{ $key }` (sections are folders with `_index.md`)
# $target: the path after `@/`; $reason: why it leads nowhere, e.g. "but `content/x.md` does not exist"
templates-url-unresolved = url(path="{ $path }") names `{ $target }`, { $reason }
templates-url-unreadable = url(path="{ $path }"): the asset cannot be read
templates-url-no-asset = url(path="{ $path }"): there is no asset `{ $asset }` in `assets/` or the theme's `assets/`
templates-date-not-a-date = date: `{ $value }` is not a date like `2024-05-31`
# $reason: the date library's words
templates-date-format = the date format `{ $pattern }` cannot be applied: { $reason }

## Taxonomies in templates

# $names: the taxonomies in site.yaml, separated by commas
# $call: the function call as written, e.g. get_taxonomy(name="themen")
templates-taxonomy-missing = { $call }: there is no taxonomy `{ $name }` (site.yaml lists under `taxonomies:`: { $names })
    .none = { $call }: there is no taxonomy `{ $name }`; site.yaml names none under `taxonomies:`
templates-term-missing = get_term(taxonomy="{ $taxonomy }", term="{ $term }"): no page names the term `{ $term }`
# $reason: why the page is missing, e.g. "but the page `content/x.md` appears only on 2027-03-01 (`publish_date`)"
templates-get-page-unpublished = get_page(path="{ $path }") names a page, { $reason }
