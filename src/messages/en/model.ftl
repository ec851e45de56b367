# model: URLs, folders, aliases and the targets of links

model-folder-no-slug = the folder name `{ $name }` gives no URL segment: it has no letters or digits
    .hint = rename the folder, using letters or digits (a section's URL comes from its folder's name)

model-slug-empty = `slug: { $given }` gives no URL segment
    .hint = use letters or digits in `slug:`, e.g. `slug: rueckblick`

model-bundle-no-slug = the folder name `{ $name }` of this page bundle gives no URL segment: it has no letters or digits
    .hint = rename the folder, or set `slug:` in the front matter, e.g. `slug: rueckblick`

model-file-no-slug = the file name `{ $name }.md` gives no URL segment: it has no letters or digits
    .hint = rename the file, or set `slug:` in the front matter, e.g. `slug: rueckblick`

model-bad-date = `{ $key }: { $value }` is not a valid date
    .hint = write dates as `2024-05-31` or `2024-05-31T14:00:00+02:00`

model-expiry-before-publish = `expiry_date: { $expiry }` is before `publish_date: { $publish }`: the page would never be shown
    .hint = an `expiry_date` without a time is the last day the page is shown and may not lie before the `publish_date`; check both dates

## Aliases (`aliases:`): old addresses of a page

model-alias-full-address = the alias `{ $alias }` is a full address, not a path on this site
    .hint = an alias names an old address of this site, such as `/alt/seite/`; it cannot redirect from another site
model-alias-query = the alias `{ $alias }` contains `?` or `#`
    .hint = an alias becomes a file, which is found by its path alone; remove the part from `?` or `#` on
model-alias-backslash = the alias `{ $alias }` contains a backslash
    .hint = separate folders with `/`
model-alias-control = the alias `{ $alias }` contains a control character
    .hint = write old addresses as site paths such as `/alt/seite/`
model-alias-percent = the alias `{ $alias }` contains a `%` sequence that is not UTF-8 text
    .hint = write the characters themselves, e.g. `/über-uns/`
model-alias-outside = the alias `{ $alias }` is not a path inside the site
    .hint = write old addresses as site paths such as `/alt/seite/`

# $kind: section, page, alias, list, taxonomy, term, feed or archive; $first_kind likewise; $first: the file of the first one
model-url-collision = { $kind ->
        [section] this section
        [alias] this alias
        [list] a further list page of this section
        [taxonomy] the overview page of this taxonomy
        [term] the page of a term of this taxonomy
        [feed] a feed
        [archive] the archive of this section
       *[page] this page
    } and { $first_kind ->
        [section] the section
        [alias] the alias
        [list] a list page of the section
        [taxonomy] a taxonomy in
        [term] a term of a taxonomy in
        [feed] a feed in
        [archive] the archive of the section
       *[page] the page
    } `{ $first }` both map to the URL `{ $url }`
    .hint = rename one of the files, or give one a different `slug`
    .alias-hint = an alias may only name an old address that no page or section uses; change or remove it in `aliases`
    .generated-hint = lernort makes the address `{ $url }` itself: give this file another address with `slug`, or rename it; for a taxonomy, ask whoever maintains site.yaml
    .generated-folder-hint = lernort makes the address `{ $url }` itself: rename the section's folder; for a taxonomy, ask whoever maintains site.yaml
    .generated-both-hint = lernort makes both pages with the address `{ $url }` itself: rename the term, the taxonomy (in site.yaml) or the section's folder

## Folders: sections and page bundles

model-home-index = the home page must be called `_index.md`, not `index.md`
    .hint = rename `content/index.md` to `content/_index.md`
model-section-and-bundle = this folder has both `_index.md` (a section) and `index.md` (a page bundle)
    .hint = keep `_index.md` for a section with several pages, or `index.md` for a single page with its files
model-page-in-bundle = a page cannot sit inside the page bundle `content/{ $bundle }/`
    .hint = a bundle holds one `index.md` and its files; turn the folder into a section with `_index.md` instead

## Links that lead nowhere. The reasons end the sentence of `markdown-link-unresolved`
## ("the link `…` points to `…`, …").

model-link-missing-page = but `content/{ $rel }` does not exist
model-link-missing-file = but there is no file `content/{ $rel }`
model-link-check-path = check the path: relative links start from this file's folder, `@/` links from `content/`
model-link-draft = which is a draft and is only built with `--drafts`
    .hint = publish it by removing `draft: true` from `content/{ $draft }`, or remove the link until then
    .folder-hint = it belongs to a draft page or section; publish that first, or remove the link until then
# A link to a page its dates leave out of the build. $page: the page (from the content
# folder), $date: its `publish_date` or `expiry_date` as written
model-link-future = but the page `content/{ $page }` is not published until { $date } (`publish_date`)
    .hint = add the link once that page is published, or give this page the same `publish_date` as `content/{ $page }` or a later one; `--future` previews the site with every scheduled page
model-link-expired = but the page `content/{ $page }` has expired: it was shown until { $date } (`expiry_date`)
    .hint = remove the link, or move the `expiry_date` of `content/{ $page }` later; `--expired` previews the site with the expired pages
model-link-unpublished = but the site publishes no page, section, alias or file at that address
model-link-base-path = write `{ $path }`: lernort puts the base path `{ $base_path }` before root-relative links itself
model-link-did-you-mean = did you mean `{ $near }`? Links starting with `/` must name an address of the built site, without the base path
model-link-no-address = links starting with `/` must name an address of the built site, without the base path (drafts have one only with `--drafts`); for a page you can also link its file, e.g. `@/impressum.md`

## Taxonomies: terms on pages

model-term-no-slug = the term `{ $term }` gives no address
    .hint = use a term with letters or digits
# $first_page: the file that names the first term; $url: its address
model-terms-one-slug = the term `{ $term }` and the term `{ $first }` in `{ $first_page }` give the same address `{ $url }`
    .hint = write the term the same way on every page, e.g. `{ $first }` everywhere
model-term-unknown = `{ $term }` is not a term of the taxonomy `{ $taxonomy }`
    .hint = allowed are: { $terms }. Add a new term in site.yaml under `taxonomies:`, at `terms:`
    .hint-near = did you mean `{ $near }`? Allowed are: { $terms }

## Lists

model-paginate-by-zero = `paginate_by` must be at least 1
    .hint = write how many pages one list page shows, e.g. `paginate_by: 10`, or delete the line to list them all on one page

## Notices while building

# $page: the file with the link; $target: the linked page (in content/); $date: the day from which it is gone
model-link-will-expire = the link in `{ $page }` to `content/{ $target }` leads nowhere from { $date }, when that page expires (`expiry_date`); from then on the build fails. Remove the link before, or give `{ $page }` the same `expiry_date`
    .archived = the link in `{ $page }` to `content/{ $target }` leads nowhere from { $date }, when that page expires (`expiry_date`); from then on the build fails. Remove the link before: `{ $page }` stays in its archive
model-feed-empty = the feed `{ $feed }` of `{ $section }` stays empty: no page of the section has a `date:`, and only dated pages are in a feed
