# lernort check: links, accessibility and content of the built site

check-link-broken = the link `{ $url }` ({ $attr }) leads nowhere: the site has no file there
    .hint = check the address; the safest way to link a page is by its file, e.g. `@/impressum.md`
check-link-outside-base = the link `{ $url }` leads out of the site: its addresses start with `{ $base }`
    .hint = write addresses with the site's base path, or link the page's file, e.g. `@/impressum.md`
check-anchor-missing = the link `{ $url }` names the anchor `#{ $anchor }`, but the page it leads to has no element with that id
    .hint = check the spelling; headings get their id from their text (e.g. `## Our goals` → `#our-goals`)
check-image-alt = the image `{ $src }` has no text alternative (`alt`)
    .hint = describe what the image shows; a purely decorative image says so with `alt=""`
check-image-alt-empty = the image `{ $src }` has an empty text alternative (`alt=""`): screen readers skip it
    .hint = is the image purely decorative? If not, describe it in the alt text: `![Description](picture.jpg)`
check-third-party = `{ $url }` is loaded from `{ $host }` when the page is opened: the reader's browser connects to another party's server
    .hint = host the file on the site itself (e.g. in `assets/`) or link to the other site instead of embedding its content
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
check-title-duplicate = the title "{ $title }" is also the title of { $others }{ $more ->
        [0] {""}
        [one] {" "}and 1 more page
       *[other] {" "}and { $more } more pages
    }
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

# lernort check --external: links to other sites
check-external-broken = the link `{ $url }` leads nowhere: the server answers { $status }{ $status ->
        [401] {" "}(login required)
        [403] {" "}(forbidden)
        [404] {" "}(not found)
        [410] {" "}(gone)
       *[other] {""}
    }
    .hint = open the address in a browser; if the page has moved, link its new address, and if it is gone, remove the link
check-external-invalid = the link `{ $url }` is not a valid address
    .hint = check the spelling; write a space in an address as `%20`
check-external-unreachable = the link `{ $url }` cannot be reached: { $reason }
    .hint = the server may only be having a bad moment: open the link in a browser later. If the site locks out checking programs, add it under `check:` → `external:` → `skip:` in `site.yaml`
check-external-reason-timeout = no answer within { $seconds ->
        [one] 1 second
       *[other] { $seconds } seconds
    }
check-external-reason-dns = the server `{ $host }` does not exist, or cannot be found right now
check-external-reason-refused = the server does not accept connections
check-external-reason-connection = the connection failed ({ $detail })
check-external-reason-tls = the encrypted connection failed ({ $detail })
check-external-reason-redirects = more than { $max } redirects
check-external-reason-status = the server answers { $status }{ $status ->
        [429] {" "}(too many requests)
        [500] {" "}(server error)
        [502] {" "}(bad gateway)
        [503] {" "}(temporarily unavailable)
        [504] {" "}(gateway timeout)
       *[other] {""}
    }
check-external-reason-other = the request failed ({ $detail })
check-external-summary = { $links ->
        [one] 1 link
       *[other] { $links } links
    } to other sites: { $checked } asked, { $cached } from the cache, { $skipped } skipped
check-external-cache-unreadable = the link check's cache `{ $file }` cannot be read and is replaced ({ $reason })
check-external-cache-not-written = the link check's cache `{ $file }` could not be written ({ $reason }); next time every link is asked again

# site.yaml: check
check-settings-range = `{ $key }` must be a whole number from { $min } to { $max }, not { $value }
    .hint = without this key, it is { $default }
check-settings-user-agent = `check.external.user_agent` must not be empty and may hold only letters without accents, digits, spaces and punctuation
    .hint = e.g. `City of Trier link check (+https://www.trier.de/kontakt/)`
check-settings-skip = "{ $entry }" under `check.external.skip` is neither an address (`https://…`) nor a server name
    .hint = write the start of the addresses that are not to be asked (`https://www.example.org/intern/`), or a server name (`example.org`, which covers `www.example.org` too)
check-settings-cache = `check.external.cache` must be a file in the site's folder, not "{ $value }"
    .hint = e.g. `.lernort-links.json` (the name without this key) or `.cache/links.json`; absolute paths, `..` and the folders that are published (`content/`, `assets/`, `public/`, `themes/`) are not allowed
