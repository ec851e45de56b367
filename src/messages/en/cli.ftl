# The command line

cli-messages-env = LERNORT_MESSAGES={ $value }: lernort has messages in German and English; set LERNORT_MESSAGES=de or LERNORT_MESSAGES=en, or remove the variable

cli-built = Built { $pages ->
        [one] 1 page
       *[other] { $pages } pages
    } and { $sections ->
        [one] 1 section
       *[other] { $sections } sections
    } ({ $files ->
        [one] 1 file
       *[other] { $files } files
    } copied) into { $dir } in { $ms } ms

# After „… written to …“ when pages appear or expire later. $at: the day (and the time
# when it is not midnight) in the site's time zone
cli-next-change = Next scheduled change: { $at }, { $pages ->
        [one] 1 page
       *[other] { $pages } pages
    }

cli-warning = warning: { $text }

# lernort init
cli-init-created = Created a new site in { $dir }.
    Next: cd { $dir } && lernort build
cli-init-created-here = Created a new site in the current folder.
    Next: lernort build
cli-init-not-empty = { $dir } is not empty; `lernort init` only writes into a new or empty folder
cli-init-here-not-empty = the current folder is not empty; `lernort init` only writes into a new or empty folder
# I/O actions, completing common-io
cli-init-io-read = read
cli-init-io-create-folder = create the folder
cli-init-io-write = write
# $at: the moment from SOURCE_DATE_EPOCH in the site's time zone
cli-clock-from-environment = the site was built at { $at } from `SOURCE_DATE_EPOCH`, not at the current time: pages with `publish_date` or `expiry_date` appear and go as they should at that moment
