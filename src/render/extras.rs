//! The files every site gets besides its pages: `sitemap.xml`, `robots.txt`, alias
//! redirects, and a plain 404 page when the theme has none. Their words follow the
//! site's [`crate::locale::Locale`].

use super::Output;
use crate::markdown::escape;
use crate::model::{Site, output_path};

/// The sitemap's output path.
pub const SITEMAP: &str = "sitemap.xml";

/// One small redirect page per alias, pointing at the page's permalink, and one from
/// each paginated list's `…/seite/1/` to its first page.
pub fn aliases(site: &Site) -> Vec<Output> {
    let pages = site
        .pages
        .iter()
        .flat_map(|p| p.aliases.iter().map(|a| (a.as_str(), p.url.as_str())));
    let lists = super::lists::first_page_aliases(site);
    pages
        .chain(lists)
        .map(|(from, to)| redirect(site, from, to))
        .collect()
}

/// The redirect page at site path `from` to site path `to`.
fn redirect(site: &Site, from: &str, to: &str) -> Output {
    let target = escape(&site.config.permalink(to));
    let (title, moved) = site.config.locale.redirect();
    let html = format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<link rel=\"canonical\" href=\"{target}\">\n<meta name=\"robots\" content=\"noindex\">\n<meta http-equiv=\"refresh\" content=\"0; url={target}\">\n</head>\n<body>\n<p>{moved} <a href=\"{target}\">{target}</a></p>\n</body>\n</html>\n",
        lang = escape(&site.config.language),
    );
    Output {
        path: output_path(from),
        bytes: html.into_bytes().into(),
    }
}

/// A hash of everything [`sitemap`] writes: every URL (the site's fingerprint covers
/// them and the base URL) and every page's `lastmod`.
pub fn sitemap_key(site: &Site) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(&site.fingerprint.to_le_bytes());
    for p in &site.pages {
        let lastmod = p.updated.as_ref().or(p.date.as_ref());
        h.update(lastmod.map_or("", |d| d.text.as_str()).as_bytes());
        h.update(&[0xff]);
    }
    h.digest()
}

/// `sitemap.xml` with every section, list page and page; `lastmod` from `updated`,
/// else `date`.
pub fn sitemap(site: &Site) -> Output {
    let mut entries: Vec<(String, Option<String>)> = Vec::new();
    for s in &site.sections {
        entries.push((site.config.permalink(&s.url), None));
    }
    for list in &site.lists {
        for url in list.own_urls() {
            entries.push((site.config.permalink(url), None));
        }
    }
    for p in &site.pages {
        let lastmod = p
            .updated
            .as_ref()
            .or(p.date.as_ref())
            .map(|d| d.text.clone());
        entries.push((site.config.permalink(&p.url), lastmod));
    }
    entries.sort();
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (loc, lastmod) in entries {
        xml.push_str("  <url>\n    <loc>");
        xml.push_str(&escape(&loc));
        xml.push_str("</loc>\n");
        if let Some(m) = lastmod {
            xml.push_str("    <lastmod>");
            xml.push_str(&escape(&m));
            xml.push_str("</lastmod>\n");
        }
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    Output {
        path: SITEMAP.into(),
        bytes: xml.into_bytes().into(),
    }
}

/// `robots.txt` allowing everything and naming the sitemap.
pub fn robots(site: &Site) -> Output {
    Output {
        path: "robots.txt".into(),
        bytes: format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}\n",
            site.config.permalink("/sitemap.xml")
        )
        .into_bytes()
        .into(),
    }
}

/// A minimal accessible 404 page for themes without `404.html`.
pub fn default_not_found(site: &Site) -> String {
    let (title, text, home_link) = site.config.locale.not_found();
    format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n</head>\n<body>\n<main>\n<h1>{title}</h1>\n<p>{text} <a href=\"{home}/\">{home_link}</a></p>\n</main>\n</body>\n</html>\n",
        lang = escape(&site.config.language),
        home = escape(site.config.base_path()),
    )
}
