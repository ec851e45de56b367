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

cli-warning = warning: { $text }
