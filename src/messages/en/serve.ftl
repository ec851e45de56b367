# serve: the terminal lines of `lernort serve` and the pages and answers of the preview

serve-no-site-folder = the site folder { $path } does not exist
serve-cannot-listen = cannot listen on { $address }:{ $port }: { $reason }
serve-cannot-serve = cannot serve on { $url }: { $reason }
serve-no-free-port = no free port from { $port } on; choose one with --port
serve-port-taken = Port { $taken } is taken; using { $port } instead.
# After `cli-warning`
serve-listening-everywhere = listening on { $address }, so other machines on the network can see this preview (drafts included if --drafts)
serve-serving = Serving { $root } at { $url }/ (Ctrl+C to stop)
serve-no-browser = could not open a browser: { $reason }
serve-stopped = the preview stopped serving: { $reason }
serve-cannot-watch = cannot watch files: { $reason }
serve-cannot-watch-path = cannot watch { $path }: { $reason }

## What a rebuild line starts with ($what): the first build, or the changed files

serve-initial-build = initial build
serve-deleted = { $name } (deleted)
serve-unnamed-changes = changes the watcher could not name (all files looked at)
# $names: the first few file names, separated by commas
serve-and-more = { $names } and { $count ->
        [one] 1 more file
       *[other] { $count } more files
    }

serve-rebuilt = { $what }: { $pages ->
        [one] 1 page
       *[other] { $pages } pages
    } re-rendered, { $files ->
        [one] 1 file
       *[other] { $files } files
    } updated in { $ms } ms
# Followed by the error report on the next lines
serve-rebuild-failed = { $what }: rebuild failed
serve-still-serving = rebuild failed: { $count ->
        [one] 1 error
       *[other] { $count } errors
    }; still serving the last good version
serve-not-built-yet = build failed: { $count ->
        [one] 1 error
       *[other] { $count } errors
    }; the site has not built yet, so every page shows this error

## The error overlay in the browser, above the error report

serve-not-built = lernort: the site has not built yet
    .explanation = There is no good version of the site to show yet. Fix the problem and save; this page then shows the site.
    .pending = The first build has not finished.
serve-rebuild-failed-overlay = lernort: the last rebuild failed
    .explanation = The page below is the last good version. Fix the problem and save; this message disappears.

## Plain-text answers of the preview's web server

serve-http-method = only GET and HEAD are supported
serve-http-bad-path = bad request path
serve-http-not-found = not found
serve-scheduled-change = a scheduled change (`publish_date` or `expiry_date`)

## Developer switches (`LERNORT_SERVE_WITHOUT`), for measurements

serve-without = { $env }: every rebuild does without { $list } (for measurements only)
serve-without-unknown = { $env }={ $value }: { $word } is not a mechanism; known are patch, update and memo
