# Content: the files under content/ and reading text files.

content-no-folder = no content folder at { $path }: create it with at least `content/_index.md`

content-front-matter-not-closed = the front matter is not closed
    .hint = end the front matter with a line containing only `---`
content-no-front-matter-hint = start the file with front matter: a line `---`, then `title: …`, then `---`

content-title-hint = write the title after `title:`; it is the page's heading and the name of the browser tab, which screen readers announce first
content-section-title-hint = { content-title-hint }; or remove the line to use the folder name

# $what: a yaml-what-… text
content-empty-term = a term in `{ $key }` is empty in { $what }
    .hint = write each term as text, e.g. `{ $key }: [MINT, Schule]`

## Reading a text file

content-lone-carriage-return = the file has a carriage return (`\r`) that does not end a line
    .hint = save the file with Unix (LF) or Windows (CRLF) line endings; a carriage return alone is the line ending of classic Mac OS, which tools count differently
# $reason: the operating system's words
content-unreadable = the file cannot be read: { $reason }
    .hint = check that the file exists and is readable
content-not-utf8 = the file is not valid UTF-8 text
    .hint = save the file as UTF-8 in your editor (it may be Latin-1 or Windows-1252)
content-changed-while-building = the file changed while the site was being built
    .hint = build the site again once the file is saved

## Walking a folder

content-link-outside = this symbolic link points outside the site folder
    .hint = copy the file into the site instead of linking to it
content-name-not-utf8 = the file name is not valid UTF-8
    .hint = rename the file using letters, digits and `-`
content-link-loop = this symbolic link points back to its own ancestor folder `{ $folder }`
    .hint = remove the link or point it outside its own folder tree
# $reason: the operating system's words
content-unlistable = cannot be read: { $reason }
    .hint = check the file's permissions, or remove a broken symbolic link
