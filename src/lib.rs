//! lernort: a static site generator for accessible, print-ready public-sector sites.
//!
//! The pipeline runs one way: [`config`] → [`content`] → [`model`] → [`render`] →
//! [`output`]. [`build`] strings the stages together; the CLI in [`cli`] is a thin
//! layer over it.

// Diagnostics travel only on the error path, once per problem; boxing them to keep
// `Result` small would buy nothing measurable and cost readability everywhere.
#![allow(clippy::result_large_err)]

pub mod build;
pub mod check;
pub mod cli;
pub mod config;
pub mod content;
pub mod discard;
pub mod error;
pub mod feed;
pub mod ignored;
pub mod init;
pub mod lines;
pub mod locale;
pub mod markdown;
pub mod messages;
pub mod model;
pub mod new;
pub mod output;
pub mod parallel;
pub mod profile;
pub mod render;
pub mod schedule;
pub mod schema;
pub mod serve;
pub mod srcset;
pub mod taxonomy;
pub mod watch;
pub mod yaml;
