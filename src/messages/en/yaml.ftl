# YAML: the front matter of pages and sections, and site.yaml.
#
# $what names the text a problem is in (yaml-what-…). English puts it after "in" or
# at the start of a sentence; German gives it with its preposition („im Kopfbereich“).

yaml-what-front-matter = the front matter
yaml-what-section-front-matter = the section front matter
yaml-what-site-yaml = site.yaml

## Line breaks lernort does not count as YAML does

yaml-lone-carriage-return = { $what } has a carriage return (`\r`) that does not end a line
    .hint = { content-lone-carriage-return.hint }
yaml-unicode-line-break = { $what } has a Unicode line or paragraph separator (U+0085, U+2028 or U+2029), which YAML reads as a line break
    .hint = replace it with a normal line break or a space; it often comes with text pasted from a word processor or a PDF

## Keys and values

yaml-duplicate-key = the key `{ $key }` appears twice in { $what }
    .hint = it is first given on line { $line }; keep one of the two (YAML allows each key once per group)
# $within: the group the key is in, e.g. `extra.links`
yaml-duplicate-key-within = the key `{ $key }` of `{ $within }` appears twice in { $what }

# $keys: the valid keys, e.g. `title`, `weight`
yaml-unknown-key = unknown key `{ $key }` in { $what }
    .hint = valid keys: { $keys }
    .hint-closest = did you mean `{ $best }`? Valid keys: { $keys }

yaml-missing-key = missing required key `{ $key }` in { $what }
    .hint = add a line such as `{ $key }: …`

yaml-empty-value = `{ $key }` is empty in { $what }

# $expected: a yaml-type-… text; $found: a yaml-found-… text (or serde_yaml's words)
yaml-wrong-type = `{ $key }` must be { $expected }, not { $found }, in { $what }

yaml-not-keys = { $what } must hold keys with values such as `title: …`, not { $found }
    .hint = write one key and its value per line, e.g. `title: Unser Team`

# $values: the allowed values, e.g. weight, date, title
yaml-unknown-value = `{ $key }: { $value }` is not a valid value in { $what }
    .hint = use one of: { $values }

## The types a value must have

yaml-type-number = a whole number such as `3`
    .hint = write digits only, without quotes or a decimal point, e.g. `3`
yaml-type-boolean = `true` or `false`
    .hint = write `true` or `false` without quotes
yaml-type-text = text
    .hint = put text in quotes if it contains `: ` or starts with `[`, `{"{"}` or `-`, e.g. `title: "Rückblick: Lernen vor Ort"`
yaml-type-list = a list
    .hint = write a list as `[eins, zwei]` or as lines starting with `- `
yaml-type-terms = a term or a list of terms such as `[MINT, Schule]`
yaml-type-taxonomy = a taxonomy name such as `themen`, or a mapping with `name:`
    .hint = write e.g. `taxonomies: [themen]`, or per taxonomy `- name: themen` with `title:`, `terms:` and more below it
yaml-type-other-hint = check the value's format

## The values found instead; $value is written as in the file

yaml-found-list = a list
yaml-found-map = a group of keys
yaml-found-empty = an empty value
# $value in double quotes, e.g. "eins"
yaml-found-text = the text { $value }
yaml-found-integer = integer `{ $value }`
yaml-found-decimal = floating point `{ $value }`
yaml-found-boolean = boolean `{ $value }`

## YAML syntax

yaml-tab-indent = a tab indents this line in { $what }, but YAML does not allow tabs for indentation
    .hint = indent with spaces instead

yaml-unknown-alias = a value in { $what } starts with `*`, which YAML reads as an alias of an anchor (`&name`) that is not there
    .hint = to write a `*` as text, put the value in quotes, e.g. `title: "*Neu* im Team"`

yaml-second-document = { $what } holds more than one YAML document
    .hint = remove the line `---` or `...`: lernort reads one document

yaml-alias-too-much = the aliases in { $what } expand to too much data
    .hint = an alias (`*name`) repeats what its anchor (`&name`) marks, and nested aliases multiply; write the values out instead

yaml-nested-deeper-than = the values in { $what } are nested more than { $depth } levels deep
yaml-nested-too-deeply = the values in { $what } are nested too deeply
    .hint = use at most a few levels of lists and groups; if anchors and aliases (`&name`, `*name`) build the nesting, write the values out instead

yaml-unclosed-quote = the quote opened here is never closed in { $what }
    .hint = end the value with the same quote character on the same line

# $reason: serde_yaml's description, in English
yaml-invalid = invalid YAML in { $what }: { $reason }
    .hint = check the indentation (keys start at the beginning of the line), and put values containing `: ` in quotes
