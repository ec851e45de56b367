# config: site.yaml and the options that override it

config-root-missing = the site folder { $dir } does not exist
config-no-site-yaml = no site.yaml in { $dir }: this is not a lernort site (run `lernort init DIR` to create one, or pass `--root DIR`)

# I/O actions, completing common-io
config-io-open-root = open the site folder
config-io-current-folder = read the current folder

config-title-empty = `title` is empty in site.yaml
    .hint = write the site's name after `title:`; it ends every page's title in the browser tab and heads the home page

config-language-invalid = `language: { $value }` is not a BCP 47 language tag
    .hint = write a tag such as `de`, `de-DE`, `de-CH` or `en`: a language code of 2 or 3 letters, then optionally `-` and a region

config-timezone-unknown = `timezone: { $value }` is not a known time zone
    .near = did you mean `timezone: { $near }`? Write the name of a zone from the IANA time zone database
    .hint = write the name of a zone from the IANA time zone database, e.g. `timezone: Europe/Berlin`

# The clock of a build: the option `--now` and the variable SOURCE_DATE_EPOCH
config-now-invalid = `--now { $value }` is not a moment: write a date such as `--now 2027-03-01` (midnight in the site's time zone) or a time with its offset such as `--now 2027-03-01T10:00:00+01:00`
config-source-date-epoch-invalid = { $variable }={ $value }: the variable must hold the seconds since 1 January 1970 (UTC) as a whole number, e.g. { $variable }=1798761600; unset it to use the system clock

config-taxonomy-name = `{ $name }` cannot be a taxonomy name
    .hint = use lowercase letters, digits and `_`, and no front matter key such as `title`

config-taxonomy-twice = the taxonomy `{ $name }` is listed twice under `taxonomies:`
    .hint = delete one of the two entries
config-paginate-by-zero = `paginate_by` must be at least 1
    .hint = write how many pages one list page shows, e.g. `paginate_by: 10`, or delete the line to list them all on one page
config-taxonomy-title-empty = the title of the taxonomy `{ $name }` is empty
    .hint = write the heading of its overview page after `title:`, e.g. `title: Topics`, or delete the line
config-term-no-slug = the term `{ $term }` gives no address
    .hint = use a term with letters or digits
config-terms-one-slug = the terms `{ $first }` and `{ $term }` give the same address `{ $slug }`
    .hint = keep only one of the two terms

config-theme-empty = `theme` is empty in site.yaml
config-theme-absolute = `theme: { $theme }` is an absolute path; a theme is the name of a folder under `themes/`, without `/`, `\`, `:` or `..`
config-theme-path = `theme: { $theme }` is a path; a theme is the name of a folder under `themes/`, without `/`, `\`, `:` or `..`
config-theme-hint-no-folders = put the theme into a folder under themes/ and write the folder's name, e.g. `theme: mein-thema`
# $folders: the folders in themes/, separated by commas; $first: the first of them
config-theme-hint-folders = write the name of a folder in themes/ (here: { $folders }), e.g. `theme: { $first }`

# What is wrong with a base URL. $key: `base_url` (in site.yaml) or `--base-url` (the
# flag); $url: the address as written.
config-base-url-not-http = `{ $key }` must be an absolute http(s) address, not `{ $url }`
config-base-url-no-host = `{ $key }` names no host (`{ $url }`)
config-base-url-query = `{ $key }` may not contain `?` or `#` (`{ $url }`)
config-base-url-user = `{ $key }` may not contain a user name or password (`{ $url }`)
config-base-url-spaces = `{ $key }` may not contain spaces (`{ $url }`)
config-base-url-empty-segment = `{ $key }` has an empty path segment `//` (`{ $url }`)
# $normal: the address as the URL parser reads it
config-base-url-not-normal = `{ $key }` is not written in normal form: `{ $url }` is read as `{ $normal }`
config-base-url-hint-normal = did you mean `base_url: { $normal }`?
config-base-url-hint-example = for example `base_url: https://www.example.org`
# A wrong `--base-url`: $problem is one of the messages above
config-base-url-flag-normal = { $problem }; did you mean `--base-url { $normal }`?
config-base-url-flag-example = { $problem }; for example `--base-url https://vorschau.example.org`
