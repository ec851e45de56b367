# output: where the site is written, and how it replaces the previous output

# $dir: the output folder as given; $target: where its symbolic links lead
output-leads-to = { $dir } (which leads to { $target })
output-replaces-sources = the output folder { $dir } would replace the site's own files; choose a folder such as `public`
output-foreign-files = the output folder { $dir } holds other files and no index.html; lernort replaces its output folder completely, so it refuses to delete them. Empty or remove the folder, or choose another one
output-is-file = the output folder { $dir } is a file, not a folder; lernort does not replace files. Remove it, or choose another output folder such as `public`
# $to: where the link points, as written in the link
output-link-to-file = the output folder { $dir } is a symbolic link to the file { $to }, not to a folder; lernort leaves both alone. Point the link at a folder, or choose another output folder
output-link-dangling = the output folder { $dir } is a symbolic link to { $to }, which does not exist; create that folder (lernort then writes the site into it and keeps the link), or remove the link
output-no-parent = cannot write the site to { $dir }; choose a folder such as `public`
# $lock: the lock file
output-locked = another lernort build is writing to the output folder { $dir } right now (it holds { $lock }); wait until it has finished, then build again
# $reason: the system's error
output-mount-point = cannot replace the output folder { $dir }: it is a mount point (such as a Docker volume or a tmpfs) or on another file system than the folder around it ({ $reason }). lernort builds the new site beside the output folder and then renames it into the folder's place, and the system cannot rename a mount point or move a folder across file systems. Mount the parent folder instead, or build into a folder inside the mount (`-o { $dir }/site`) and point the web server there

# A leftover of an earlier build that could not be removed: $path, and the system's $reason
output-stuck-leftover = could not remove { $path }, left behind by an earlier build ({ $reason }); its owner or an administrator can remove it, for example with `sudo rm -rf { $path }`. This build is not affected: the folder is beside the output, not in it
output-stuck-leftover-own = could not remove { $path }, left behind by an earlier build ({ $reason }); its owner or an administrator can remove it, for example with `sudo rm -rf { $path }`; this build needs its name

output-signals = could not listen for Ctrl+C: { $reason }
output-signal-after-publish = lernort: stopped by a signal after the new site was in place; the build is complete

# Files copied into the output. $to: the path in the output folder
output-overwrites-page = this file would overwrite the generated `{ $to }`
    .hint = rename or move the file
output-copied-twice = another file is already copied to `{ $to }`
    .hint = rename or move one of the two files

# I/O actions, completing common-io
output-io-create-folder = create the folder
output-io-write = write
output-io-copy = copy
output-io-create-lock = create the lock file
output-io-lock = lock
output-io-read-folder = read the folder
output-io-restore = restore the previous output from
output-io-look-at = look at
output-io-remove-leftover = remove the leftover
output-io-look-at-output = look at the output folder
output-io-follow-link = follow the link
output-io-read-link = read the link
output-io-move-into-place = move the new output into place at
output-io-exchange = swap the new output into place at
output-io-move-aside = move aside the previous output
