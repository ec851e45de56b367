//! The command line: `Cli` with one `Args` struct per subcommand, each with its `run`.
//! Only subcommands that work are listed.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::config::Overrides;
use crate::error::{Error, Result};
use crate::messages::Lang;
use crate::text;

/// lernort: a static site generator for accessible public-sector websites.
#[derive(Debug, Parser)]
#[command(name = "lernort", version, about, long_about = None)]
pub struct Cli {
    /// The site folder (the one with site.yaml); the current folder by default.
    #[arg(short, long, global = true, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,

    /// The language of lernort's messages, de or en [default: $LERNORT_MESSAGES, else the
    /// site's language if it is one of these, else en]
    #[arg(long, global = true, value_name = "LANG", hide_possible_values = true)]
    pub messages: Option<Lang>,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (public/ by default).
    Build(BuildArgs),
    /// Check the site without writing it: links and anchors, accessibility, content.
    Check(CheckArgs),
    /// Create a new site with a home page, a section, a page and a theme.
    Init(InitArgs),
    /// Create a new page in a section, its front matter ready for the section's fields.
    New(NewArgs),
    /// Preview the site: build it into memory, serve it, rebuild and reload on changes.
    Serve(ServeArgs),
}

/// Options of `lernort serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The port to serve on [default: 1111, or the next free one]; an explicitly given
    /// port that is taken is an error. 0 picks any free port.
    #[arg(short, long, value_name = "PORT")]
    pub port: Option<u16>,
    /// The address to listen on; 0.0.0.0 makes the preview visible to the network.
    #[arg(short, long, value_name = "ADDRESS", default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Open the preview in the default browser.
    #[arg(short = 'O', long)]
    pub open: bool,
    /// Include pages and sections marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Which pages the dates of the preview include.
    #[command(flatten)]
    pub schedule: ScheduleArgs,
}

/// The options about `publish_date` and `expiry_date` of `build`, `check` and `serve`.
#[derive(Debug, Args)]
pub struct ScheduleArgs {
    /// Include pages whose `publish_date` is still to come, to preview them.
    #[arg(long)]
    pub future: bool,
    /// Include pages whose `expiry_date` has passed, to preview them.
    #[arg(long)]
    pub expired: bool,
    /// Build the site as it is at TIME: 2027-03-01T10:00:00+01:00, or a date such as
    /// 2027-03-01 (midnight in the site's `timezone`) [default: $SOURCE_DATE_EPOCH, else
    /// the system clock].
    #[arg(long, value_name = "TIME")]
    pub now: Option<String>,
}

/// Options of `lernort build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Write the site here instead of public/.
    #[arg(short, long, value_name = "DIR")]
    pub output_dir: Option<PathBuf>,
    /// Use this base URL instead of the one in site.yaml (e.g. for a preview).
    #[arg(short = 'u', long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Include pages and sections marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Which pages the dates include.
    #[command(flatten)]
    pub schedule: ScheduleArgs,
}

/// Options of `lernort check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// How to print the findings: human, json, github (workflow annotations) or gitlab
    /// (a code-quality report).
    #[arg(
        long,
        value_enum,
        default_value_t,
        value_name = "FORMAT",
        hide_possible_values = true
    )]
    pub format: crate::check::report::Format,
    /// Fail on warnings too, not only on errors.
    #[arg(long)]
    pub strict: bool,
    /// Check pages and sections marked `draft: true` too.
    #[arg(long)]
    pub drafts: bool,
    /// Check links to other sites too, by asking their servers (settings under
    /// `check: external:` in site.yaml).
    #[arg(long)]
    pub external: bool,
    /// Which pages the dates include.
    #[command(flatten)]
    pub schedule: ScheduleArgs,
}

/// Options of `lernort init`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  lernort init meine-seite            creates ./meine-seite\n  lernort --root sites init           creates the site in sites/\n  lernort --root sites init blog      creates sites/blog (DIR is inside --root, as with git -C)"
)]
pub struct InitArgs {
    /// The folder to create the site in; it must be empty or not exist yet. Relative
    /// to `--root` when that is given. Without DIR: the `--root` folder, by default the
    /// current folder.
    pub dir: Option<PathBuf>,
}

/// Options of `lernort new`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  lernort new team/anna-beispiel                      creates content/team/anna-beispiel.md\n  lernort new aktuelles/sommerfest --title \"Sommerfest 2027\"\n  lernort new projekte/stadtteil --bundle             creates content/projekte/stadtteil/index.md\n\nThe page has the fields of the section's content type (`page_type` in its _index.md or\na parent's): required ones empty, to be filled in (the build fails until they are),\noptional ones commented out. Sections sorted by date give the page today's date."
)]
pub struct NewArgs {
    /// The section and the page's name inside content/, e.g. team/anna-beispiel; the name
    /// becomes the file name and the last part of the page's address. The section must
    /// exist.
    #[arg(value_name = "SECTION/NAME")]
    pub path: String,
    /// The page's title [default: the name with spaces for `-` and `_`, every word
    /// capitalised: anna-beispiel → Anna Beispiel].
    #[arg(short, long, value_name = "TITLE")]
    pub title: Option<String>,
    /// The content type (under `types:` in site.yaml) [default: the section's].
    #[arg(long = "type", value_name = "TYPE")]
    pub type_name: Option<String>,
    /// The page's date, YYYY-MM-DD [default: today, in sections sorted by date].
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Create a page folder NAME/index.md, for a page with its own images or files.
    #[arg(long)]
    pub bundle: bool,
}

impl Cli {
    /// The language to speak (see [`crate::messages::choose`]); an unknown
    /// `LERNORT_MESSAGES` is a usage error.
    pub fn lang(&self) -> Result<Lang> {
        if let Some(lang) = self.messages {
            // The flag wins, even over a `LERNORT_MESSAGES` lernort cannot read.
            return Ok(lang);
        }
        let env = crate::messages::from_env().map_err(Error::Usage)?;
        let site = crate::config::language_of(&self.root);
        Ok(crate::messages::choose(self.messages, env, site.as_deref()))
    }

    /// Runs the chosen subcommand, speaking `lang`.
    pub fn run(self, lang: Lang) -> Result<()> {
        match self.command {
            Command::Build(args) => args.run(&self.root, lang),
            Command::Check(args) => args.run(&self.root, lang),
            Command::Init(args) => args.run(&self.root, lang),
            Command::New(args) => args.run(&self.root, lang),
            Command::Serve(args) => crate::serve::run(
                &self.root,
                &crate::serve::Options {
                    port: args.port,
                    bind: args.bind,
                    open: args.open,
                    drafts: args.drafts,
                    future: args.schedule.future,
                    expired: args.schedule.expired,
                    now: args.schedule.now,
                    lang,
                },
            ),
        }
    }
}

impl BuildArgs {
    fn run(self, root: &std::path::Path, lang: Lang) -> Result<()> {
        let overrides = Overrides {
            base_url: self.base_url,
            drafts: self.drafts,
            output_dir: self.output_dir,
            future: self.schedule.future,
            expired: self.schedule.expired,
            now: self.schedule.now,
        };
        let report = crate::build::build(root, &overrides, lang)?;
        let summary = text!(
            "cli-built",
            pages = report.pages,
            sections = report.sections,
            files = report.files,
            dir = report.output_dir.display().to_string(),
            ms = u64::try_from(report.elapsed.as_millis()).unwrap_or(u64::MAX)
        );
        let _ = writeln!(std::io::stdout(), "{}", summary.render(lang));
        if let Some(next) = &report.next_change {
            let line = next.line(&report.time_zone);
            let _ = writeln!(std::io::stdout(), "{}", line.render(lang));
        }
        for warning in &report.warnings {
            let line = text!("cli-warning", text = warning.render(lang));
            let _ = writeln!(std::io::stderr(), "{}", line.render(lang));
        }
        Ok(())
    }
}

impl CheckArgs {
    fn run(self, root: &std::path::Path, lang: Lang) -> Result<()> {
        use crate::check::Severity;
        let options = crate::check::Options {
            drafts: self.drafts,
            external: self.external,
            future: self.schedule.future,
            expired: self.schedule.expired,
            now: self.schedule.now,
        };
        let outcome = crate::check::check(root, &options)?;
        for notice in &outcome.notices {
            let line = text!("cli-warning", text = notice.render(lang));
            let _ = writeln!(std::io::stderr(), "{}", line.render(lang));
        }
        let style = crate::error::Style::for_stdout(lang);
        let report = crate::check::report::render(&outcome, self.format, style);
        let _ = std::io::stdout().write_all(report.as_bytes());
        let failed = outcome.count(Severity::Error) > 0
            || (self.strict && outcome.count(Severity::Warning) > 0);
        if failed { Err(Error::Reported) } else { Ok(()) }
    }
}

impl InitArgs {
    fn run(self, root: &std::path::Path, lang: Lang) -> Result<()> {
        // `--root` defaults to `.`: then DIR is shown as typed, not as `./DIR`.
        let dir = match self.dir {
            Some(dir) if root == std::path::Path::new(".") => dir,
            Some(dir) => root.join(dir),
            None => root.to_path_buf(),
        };
        crate::init::create(&dir)?;
        let done = if dir == std::path::Path::new(".") {
            text!("cli-init-created-here")
        } else {
            text!("cli-init-created", dir = dir.display().to_string())
        };
        let _ = writeln!(std::io::stdout(), "{}", done.render(lang));
        Ok(())
    }
}

impl NewArgs {
    fn run(self, root: &std::path::Path, lang: Lang) -> Result<()> {
        let request = crate::new::Request {
            path: self.path,
            title: self.title,
            type_name: self.type_name,
            date: self.date,
            bundle: self.bundle,
        };
        let created = crate::new::create(root, &request, lang)?;
        let done = crate::new::done(root, &created);
        let _ = writeln!(std::io::stdout(), "{}", done.render(lang));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::Cli;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
