//! The type and size shown after a link to a file: „Bericht (PDF, 1,2 MB)“
//! (BITV: a download link says what it delivers). Pure formatting, German numbers.

/// The text inside the parentheses for a file at `path` of `bytes` bytes.
pub fn describe(path: &str, bytes: u64) -> String {
    format!("{}, {}", kind(path), size(bytes))
}

/// A reader's name for the file type: the well-known office formats by name, the rest
/// by their upper-case extension.
fn kind(path: &str) -> String {
    let file = path.rsplit('/').next().unwrap_or(path);
    let ext = file
        .rsplit_once('.')
        .map_or("", |(_, e)| e)
        .to_ascii_lowercase();
    match ext.as_str() {
        "doc" | "docx" => "Word".into(),
        "xls" | "xlsx" => "Excel".into(),
        "ppt" | "pptx" => "PowerPoint".into(),
        "jpg" | "jpeg" => "JPEG".into(),
        "" => "Datei".into(),
        other => other.to_ascii_uppercase(),
    }
}

/// `512 Byte`, `18 KB`, `1,2 MB`, `3,4 GB` (1 KB = 1024 bytes, one decimal from MB on).
fn size(bytes: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = KB * 1024;
    const GB: u64 = MB * 1024;
    let one_decimal = |unit: u64, name: &str| {
        // Tenths, rounded half up, in integers to avoid float formatting.
        let tenths = (bytes * 10 + unit / 2) / unit;
        format!("{},{} {name}", tenths / 10, tenths % 10)
    };
    match bytes {
        b if b < KB => format!("{b} Byte"),
        b if b < MB => format!("{} KB", (b + KB / 2) / KB),
        b if b < GB => one_decimal(MB, "MB"),
        _ => one_decimal(GB, "GB"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_sizes() {
        assert_eq!(size(512), "512 Byte");
        assert_eq!(size(2048), "2 KB");
        assert_eq!(size(1_258_291), "1,2 MB");
        assert_eq!(size(5 * 1024 * 1024 * 1024), "5,0 GB");
    }

    #[test]
    fn type_names() {
        assert_eq!(describe("a/Bildungsbericht.PDF", 1_258_291), "PDF, 1,2 MB");
        assert_eq!(describe("plan.docx", 40_000), "Word, 39 KB");
        assert_eq!(describe("zeitleiste.svg", 3000), "SVG, 3 KB");
        assert_eq!(describe("LIESMICH", 10), "Datei, 10 Byte");
    }
}
