# lernort new: a new page with the fields of its content type

## After creating it ($next: the command for the preview, e.g. "lernort serve")

new-created = New page: { $file } – fill in { $count ->
        [one] the required field { $fields }
       *[other] the required fields { $fields }
    }, then: { $next }
new-created-plain = New page: { $file } – write its description and text, then: { $next }

## Comments in the new file ($what: what belongs in the field)

new-comment-description = One sentence that sums up the page; it is shown in overviews and search results
new-comment-more = More fields: remove the # before a field's name to use it
new-comment-required = Required: { $what }
new-comment-required-with = Required when `{ $other }` is given: { $what }
new-comment-optional = Optional: { $what }
new-what-enum = one of these values: { $values }
new-what-alt = what the image `{ $image }` shows (text alternative)

## Errors

new-no-name = say which section the new page belongs in and what it is called, e.g. `lernort new team/anna-beispiel`
new-outside = `{ $path }` leads out of the folder `content/`; name the section and the page from `content/`, without `..`, e.g. `team/anna-beispiel`
new-no-slug = the name `{ $name }` gives no address; the name becomes the last part of the page's address, so use letters or digits, e.g. `anna-beispiel`
new-reserved = the name `{ $name }` is taken for sections and page folders (`_index.md` describes a section, `index.md` a page folder); choose another name, `--bundle` makes a page folder
new-ignored = lernort leaves out files like `{ $name }` (hidden files and editors' backups); choose a name that starts with a letter or digit
new-title-blank = the title is empty; give the page's title after `--title`, e.g. `--title "Sommerfest 2027"`, or leave `--title` out
new-bad-date = `{ $value }` is not a date; write it as YYYY-MM-DD, e.g. `--date 2027-06-01`
new-no-section = there is no section `{ $dir }`; { $more }
new-no-section-closest = did you mean `{ $best }`? Sections: { $sections }
new-no-section-list = sections: { $sections }; a new section starts with the file `content/{ $dir }/_index.md`
new-no-section-none = the site has only its home page; a new section starts with the file `content/{ $dir }/_index.md`, or create the page without a section: `lernort new { $name }`
new-no-section-bundle = `content/{ $dir }/` is a page folder (with `index.md`), not a section: put the page's images and files straight into it
new-type-unknown = there is no content type `{ $name }`; { $more }
new-type-closest = did you mean `{ $best }`? Content types in `site.yaml`: { $types }
new-type-list = content types in `site.yaml`: { $types }
new-type-none = `site.yaml` declares no content types (`types:`); without `--type` the page is a plain one
new-exists = { $file } already exists; `lernort new` never overwrites a file; choose another name, or edit the existing page
new-taken = the new page would get the same address as { $file }; choose another name
# I/O actions, completing common-io
new-io-create-folder = create the folder
new-io-write = write
new-comment-terms = Optional: { $title } as a list, e.g. [Schule, Beruf]
new-comment-terms-allowed = Optional: { $title } as a list; allowed are: { $terms }
new-comment-publish-date = Optional: the day the page first appears, e.g. 2027-03-01
new-comment-expiry-date = Optional: the last day the page appears, e.g. 2027-03-31
