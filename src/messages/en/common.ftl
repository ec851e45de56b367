# Words every message needs. Arguments are written { $name }.

common-label-error = error
common-label-warning = warning
common-label-note = note
common-label-hint = hint

common-build-failed = build failed: { $count ->
        [one] 1 error
       *[other] { $count } errors
    }; the output folder was left untouched

# $action: what lernort was doing, e.g. "read"
common-io = could not { $action } { $path }: { $reason }
