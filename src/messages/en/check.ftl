# lernort check: links, accessibility and content of the built site

check-link-broken = the link `{ $url }` ({ $attr }) leads nowhere: the site has no file there
    .hint = check the address; the safest way to link a page is by its file, e.g. `@/impressum.md`
check-link-outside-base = the link `{ $url }` leads out of the site: its addresses start with `{ $base }`
    .hint = write addresses with the site's base path, or link the page's file, e.g. `@/impressum.md`
check-anchor-missing = the link `{ $url }` names the anchor `#{ $anchor }`, but the page it leads to has no element with that id
    .hint = check the spelling; headings get their id from their text (e.g. `## Our goals` → `#our-goals`)
check-image-alt = the image `{ $src }` has no text alternative (`alt`)
    .hint = describe what the image shows; a purely decorative image says so with `alt=""`
check-link-empty = a link has no text that a screen reader could read out
    .hint = give the link a text, an image with alt text, or an `aria-label`
check-button-empty = a button has no text that a screen reader could read out
    .hint = give the button a text or an `aria-label`
check-link-text = the link text "{ $text }" does not say where the link leads without the sentence around it
    .hint = name the destination in the link text, e.g. "Education guideline (PDF)" instead of "here"; screen reader users often jump from link to link
check-table-headers = a table has no header cells (`th`)
    .hint = give the table a header row; in Markdown that is the first row, above the row of `---`
check-id-duplicate = the id `{ $id }` appears more than once on the page `{ $page }`
    .hint = an id may appear only once per page, or anchors and labels find the wrong element
check-lang-missing = the page `{ $page }` does not say which language it is in (`<html lang>`)
    .hint = write `<html lang="{ "{{" } lang { "}}" }">` in the theme's base template, so that screen readers pronounce it right
check-h1-count = the page `{ $page }` has { $count ->
        [0] no main heading (`h1`)
        [one] 1 main heading (`h1`)
       *[other] { $count } main headings (`h1`)
    }; it needs exactly one
    .hint = the main heading is the page title; structure the text with `##` and lower headings
check-heading-skip = the heading "{ $text }" skips from level { $previous } to level { $level }
    .hint = go down one level at a time (`##`, then `###`), so that the outline is right for screen readers
check-title-missing = the page `{ $page }` has no title (`<title>`)
    .hint = the title names the browser tab and is what screen readers read first; the theme sets it in `<head>`
check-title-duplicate = the title "{ $title }" is also the title of { $others }
    .hint = every page needs a title of its own, so that readers can tell pages apart in tabs, bookmarks and search results
check-description-missing = the page has no description (`description`)
    .hint = write one sentence about the page after `description:`; it shows in search engines and in lists
check-file-unused = no page links to the file `{ $url }`
    .hint = link the file, or delete it if it is no longer needed

check-summary = { $pages ->
        [one] 1 page
       *[other] { $pages } pages
    } checked: { $errors ->
        [0] no errors
        [one] 1 error
       *[other] { $errors } errors
    }, { $warnings ->
        [0] no warnings
        [one] 1 warning
       *[other] { $warnings } warnings
    }{ $files ->
        [0] {""}
        [one] {" "}in 1 file
       *[other] {" "}in { $files } files
    }
