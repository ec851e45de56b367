//! The type and size shown after a link to a file: „Bericht (PDF, 1,2 MB)“
//! (BITV: a download link says what it delivers). Pure formatting; the words and the
//! decimal separator come from the [`Locale`].

use crate::locale::Locale;

/// The text inside the parentheses for a file at `path` of `bytes` bytes.
pub fn describe(path: &str, bytes: u64, locale: Locale) -> String {
    format!("{}, {}", kind(path, locale), size(bytes, locale))
}

/// A reader's name for the file type: the well-known office formats by name, the rest
/// by their upper-case extension.
fn kind(path: &str, locale: Locale) -> String {
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
        "" => locale.plain_file().into(),
        other => other.to_ascii_uppercase(),
    }
}

/// `512 Byte`, `18 KB`, `1,2 MB`, `3,4 GB` in German, `1.2 MB` in English
/// (1 KB = 1024 bytes, one decimal from MB on).
fn size(bytes: u64, locale: Locale) -> String {
    const KB: u64 = 1024;
    const MB: u64 = KB * 1024;
    const GB: u64 = MB * 1024;
    let one_decimal = |unit: u64, name: &str| {
        // Tenths, rounded half up, in integers to avoid float formatting.
        let tenths = (bytes * 10 + unit / 2) / unit;
        format!("{} {name}", locale.tenths(tenths))
    };
    match bytes {
        b if b < KB => locale.bytes(b),
        b if b < MB => format!("{} KB", (b + KB / 2) / KB),
        b if b < GB => one_decimal(MB, "MB"),
        _ => one_decimal(GB, "GB"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DE: Locale = Locale::German;

    #[test]
    fn german_sizes() {
        assert_eq!(size(512, DE), "512 Byte");
        assert_eq!(size(2048, DE), "2 KB");
        assert_eq!(size(1_258_291, DE), "1,2 MB");
        assert_eq!(size(5 * 1024 * 1024 * 1024, DE), "5,0 GB");
    }

    #[test]
    fn english_sizes_and_names() {
        let en = Locale::English;
        assert_eq!(size(0, en), "0 bytes");
        assert_eq!(size(1_258_291, en), "1.2 MB");
        assert_eq!(describe("LIESMICH", 0, en), "File, 0 bytes");
    }

    #[test]
    fn type_names() {
        assert_eq!(
            describe("a/Bildungsbericht.PDF", 1_258_291, DE),
            "PDF, 1,2 MB"
        );
        assert_eq!(describe("plan.docx", 40_000, DE), "Word, 39 KB");
        assert_eq!(describe("zeitleiste.svg", 3000, DE), "SVG, 3 KB");
        assert_eq!(describe("LIESMICH", 10, DE), "Datei, 10 Byte");
    }
}
