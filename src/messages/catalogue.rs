//! The Fluent catalogues, parsed once per language on first use.

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use super::{Arg, Lang, Text};

/// The id of [`Text::verbatim`]: its one argument, shown as is.
pub const VERBATIM: &str = "verbatim";

/// One catalogue file: its name (for the tests) and its text.
type File = (&'static str, &'static str);

macro_rules! files {
    ($lang:literal: $($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!($lang, "/", $name, ".ftl")))),*]
    };
}

/// The areas, one file each; every language has every file.
const DE: &[File] = files!("de": "common", "cli", "content", "yaml", "config", "model", "markdown", "templates", "output", "serve", "check", "schema", "new", "feed");
const EN: &[File] = files!("en": "common", "cli", "content", "yaml", "config", "model", "markdown", "templates", "output", "serve", "check", "schema", "new", "feed");

fn files(lang: Lang) -> &'static [File] {
    match lang {
        Lang::De => DE,
        Lang::En => EN,
    }
}

fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    static DE_BUNDLE: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    static EN_BUNDLE: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    let cell = match lang {
        Lang::De => &DE_BUNDLE,
        Lang::En => &EN_BUNDLE,
    };
    cell.get_or_init(|| {
        let id = match lang {
            Lang::De => unic_langid::langid!("de"),
            Lang::En => unic_langid::langid!("en"),
        };
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        // Isolation marks (U+2068, U+2069) around every argument would end up in
        // terminals, logs and snapshots; lernort's arguments are all left-to-right.
        bundle.set_use_isolating(false);
        for (_, text) in files(lang) {
            // A file with a syntax error still yields its good entries; the tests in
            // this module fail on any error, so a shipped catalogue has none.
            let resource = FluentResource::try_new(text.to_string()).unwrap_or_else(|(r, _)| r);
            let _ = bundle.add_resource(resource);
        }
        bundle
    })
}

/// The words of `text` in `lang`; a message missing there is taken from English, and
/// one missing everywhere shows its id (the tests keep both from happening).
pub fn render(text: &Text, lang: Lang) -> String {
    if text.id == VERBATIM {
        return match text.args.first() {
            Some((_, Arg::Str(s))) => s.clone(),
            Some((_, other)) => plain(other, lang),
            None => String::new(),
        };
    }
    render_in(text, lang)
        .or_else(|| render_in(text, Lang::En))
        .unwrap_or_else(|| text.id.to_string())
}

fn render_in(text: &Text, lang: Lang) -> Option<String> {
    let bundle = bundle(lang);
    let (id, attribute) = match text.id.split_once('.') {
        Some((id, attribute)) => (id, Some(attribute)),
        None => (text.id, None),
    };
    let message = bundle.get_message(id)?;
    let pattern = match attribute {
        Some(name) => message.get_attribute(name)?.value(),
        None => message.value()?,
    };
    let mut args = FluentArgs::new();
    for (name, value) in &text.args {
        let value = match value {
            Arg::Str(s) => FluentValue::from(s.as_str()),
            Arg::Int(n) => FluentValue::from(*n),
            Arg::Text(t) => FluentValue::from(render(t, lang)),
        };
        args.set(*name, value);
    }
    let mut errors = Vec::new();
    let words = bundle.format_pattern(pattern, Some(&args), &mut errors);
    Some(words.into_owned())
}

fn plain(arg: &Arg, lang: Lang) -> String {
    match arg {
        Arg::Str(s) => s.clone(),
        Arg::Int(n) => n.to_string(),
        Arg::Text(t) => render(t, lang),
    }
}

#[cfg(test)]
mod tests;
