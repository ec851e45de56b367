//! One link to another site, asked for its status: `HEAD` first, and `GET` to confirm
//! any answer but 2xx and 3xx (servers exist that answer `HEAD` with 404 and `GET` with
//! 200), again after a pause when the failure may pass.

use std::io::ErrorKind;
use std::thread::sleep;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::check::settings::External;
use crate::messages::Text;
use crate::text;

/// Redirects followed before a link counts as unreachable.
pub const MAX_REDIRECTS: u32 = 5;
/// The pause before the first retry; it doubles with each further one.
const BACKOFF: Duration = Duration::from_millis(500);
/// The longest `Retry-After` waited for; a server that asks for more is not asked again.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(5);

/// What a link's server said, as kept in the cache.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "result", rename_all = "lowercase")]
pub enum Verdict {
    /// 2xx or 3xx at the end of the redirects.
    Fine {
        /// The final status.
        status: u16,
    },
    /// A 4xx, also after `GET`: the page is gone.
    Broken {
        /// The status.
        status: u16,
    },
    /// No answer that says the page is gone: maybe a bad day of the server.
    Unreachable {
        /// Why.
        reason: Reason,
    },
}

/// Why a link could not be judged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Reason {
    /// No answer within the timeout.
    Timeout,
    /// The host name does not resolve.
    Dns,
    /// Nothing listens at the address.
    Refused,
    /// The connection broke, or the answer was not HTTP.
    Connection {
        /// The library's words.
        detail: String,
    },
    /// The TLS handshake failed (an expired or foreign certificate, say).
    Tls {
        /// The library's words.
        detail: String,
    },
    /// More than [`MAX_REDIRECTS`] redirects.
    Redirects,
    /// 429 or 5xx after every retry.
    Status {
        /// The last status.
        status: u16,
    },
    /// Anything else the library reports.
    Other {
        /// The library's words.
        detail: String,
    },
}

impl Reason {
    /// The reason in words, for a finding about `url`.
    pub fn text(&self, url: &url::Url, timeout: Duration) -> Text {
        match self {
            Reason::Timeout => text!("check-external-reason-timeout", seconds = timeout.as_secs()),
            Reason::Dns => text!(
                "check-external-reason-dns",
                host = url.host_str().unwrap_or_default()
            ),
            Reason::Refused => text!("check-external-reason-refused"),
            Reason::Connection { detail } => {
                text!("check-external-reason-connection", detail = detail.as_str())
            }
            Reason::Tls { detail } => text!("check-external-reason-tls", detail = detail.as_str()),
            Reason::Redirects => text!("check-external-reason-redirects", max = MAX_REDIRECTS),
            Reason::Status { status } => text!("check-external-reason-status", status = *status),
            Reason::Other { detail } => {
                text!("check-external-reason-other", detail = detail.as_str())
            }
        }
    }
}

/// The HTTP client of one check, shared by its workers.
pub struct Client {
    agent: ureq::Agent,
    retries: u32,
}

impl Client {
    /// A client for `settings`, sending `user_agent`.
    pub fn new(settings: &External, user_agent: &str) -> Client {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(MAX_REDIRECTS)
            .timeout_global(Some(settings.timeout))
            .user_agent(user_agent)
            .build();
        Client {
            agent: config.into(),
            retries: settings.retries,
        }
    }

    /// What the server of `url` says about it.
    pub fn verdict(&self, url: &str) -> Verdict {
        let mut get = false;
        let mut retry = 0;
        loop {
            let answer = if get {
                self.agent.get(url).call()
            } else {
                self.agent.head(url).call()
            };
            let step = match answer {
                // The body is never read: dropping the response closes the connection.
                Ok(response) => judge(response.status().as_u16(), get, retry_after(&response)),
                Err(e) => failure(e),
            };
            match step {
                Step::Done(verdict) => return verdict,
                Step::TryGet {
                    wait,
                    retry: counts,
                } => {
                    get = true;
                    if counts {
                        sleep(wait.max(BACKOFF));
                        retry += 1;
                    }
                }
                Step::Again(verdict, wait) => {
                    let Some(wait) = wait.filter(|_| retry < self.retries) else {
                        return verdict;
                    };
                    sleep(wait.max(BACKOFF * 2u32.pow(retry)));
                    retry += 1;
                }
            }
        }
    }
}

/// What to do after one answer.
#[derive(Debug, PartialEq, Eq)]
enum Step {
    /// Judged.
    Done(Verdict),
    /// `HEAD` got no good answer: ask with `GET` before judging (some servers answer
    /// `HEAD` wrongly); after a pause of at least `wait` when the answer was one that
    /// may pass (429, 5xx), and then the `GET` is the first retry.
    TryGet {
        /// The pause before the `GET`.
        wait: Duration,
        /// Whether the `GET` counts as a retry.
        retry: bool,
    },
    /// Worth another try after at least the given pause (`None`: not again); the
    /// verdict holds when no try is left.
    Again(Verdict, Option<Duration>),
}

/// The step after status `status` of a `HEAD` (or, `get`, a `GET`) request: any answer
/// but 2xx and 3xx to `HEAD` is asked again with `GET` before it is judged.
fn judge(status: u16, get: bool, retry_after: Option<Duration>) -> Step {
    let unreachable = Verdict::Unreachable {
        reason: Reason::Status { status },
    };
    // A server that asks for a long pause is not asked again in this run.
    let wait = match retry_after {
        Some(w) if w > MAX_RETRY_AFTER => None,
        Some(w) => Some(w),
        None => Some(Duration::ZERO),
    };
    // 501 to `HEAD` means "not `HEAD`", not a failure that may pass.
    let passing = matches!(status, 429 | 500..=599) && (status != 501 || get);
    match status {
        200..=399 => Step::Done(Verdict::Fine { status }),
        _ if passing && !get => match wait {
            Some(wait) => Step::TryGet { wait, retry: true },
            None => Step::Done(unreachable),
        },
        _ if !get => Step::TryGet {
            wait: Duration::ZERO,
            retry: false,
        },
        _ if passing => Step::Again(unreachable, wait),
        400..=499 => Step::Done(Verdict::Broken { status }),
        _ => Step::Done(unreachable),
    }
}

/// The step after a request that got no answer.
fn failure(e: ureq::Error) -> Step {
    let again = |reason| Step::Again(Verdict::Unreachable { reason }, Some(Duration::ZERO));
    let done = |reason| Step::Done(Verdict::Unreachable { reason });
    match e {
        ureq::Error::Timeout(_) => again(Reason::Timeout),
        ureq::Error::Io(io) => match io.kind() {
            ErrorKind::TimedOut | ErrorKind::WouldBlock => again(Reason::Timeout),
            ErrorKind::ConnectionRefused => again(Reason::Refused),
            _ => again(Reason::Connection {
                detail: io.to_string(),
            }),
        },
        ureq::Error::ConnectionFailed | ureq::Error::Protocol(_) => again(Reason::Connection {
            detail: e.to_string(),
        }),
        ureq::Error::HostNotFound => done(Reason::Dns),
        ureq::Error::TooManyRedirects => done(Reason::Redirects),
        ureq::Error::Tls(_) | ureq::Error::Rustls(_) | ureq::Error::Pem(_) => done(Reason::Tls {
            detail: e.to_string(),
        }),
        other => done(Reason::Other {
            detail: other.to_string(),
        }),
    }
}

/// The `Retry-After` of a response, when given in seconds (the date form is rare and
/// gets the normal pause).
fn retry_after<B>(response: &ureq::http::Response<B>) -> Option<Duration> {
    let value = response.headers().get("retry-after")?.to_str().ok()?;
    value.trim().parse().ok().map(Duration::from_secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bad_answer_to_head_is_asked_again_with_get() {
        let fine = Step::Done(Verdict::Fine { status: 200 });
        let get = Step::TryGet {
            wait: Duration::ZERO,
            retry: false,
        };
        assert_eq!(judge(200, false, None), fine);
        for status in [400, 403, 404, 405, 410, 501, 600] {
            assert_eq!(judge(status, false, None), get, "{status}");
        }
        assert_eq!(
            judge(404, true, None),
            Step::Done(Verdict::Broken { status: 404 })
        );
        assert_eq!(
            judge(403, true, None),
            Step::Done(Verdict::Broken { status: 403 })
        );
    }

    #[test]
    fn passing_failures_are_tried_again_within_limits() {
        let status = |status| Verdict::Unreachable {
            reason: Reason::Status { status },
        };
        // To `HEAD`: retried as `GET`, after the pause the server asks for.
        assert_eq!(
            judge(503, false, None),
            Step::TryGet {
                wait: Duration::ZERO,
                retry: true
            }
        );
        assert_eq!(
            judge(429, false, Some(Duration::from_secs(2))),
            Step::TryGet {
                wait: Duration::from_secs(2),
                retry: true
            }
        );
        assert_eq!(
            judge(429, false, Some(Duration::from_secs(3600))),
            Step::Done(status(429))
        );
        // To `GET`: again while retries are left.
        assert_eq!(
            judge(503, true, None),
            Step::Again(status(503), Some(Duration::ZERO))
        );
        assert_eq!(
            judge(429, true, Some(Duration::from_secs(3600))),
            Step::Again(status(429), None)
        );
        assert_eq!(
            judge(501, true, None),
            Step::Again(status(501), Some(Duration::ZERO))
        );
    }

    #[test]
    fn gateway_errors_are_told_in_words_an_editor_understands() {
        let url = url::Url::parse("https://example.org/").expect("valid");
        let said = |status| {
            Reason::Status { status }
                .text(&url, Duration::from_secs(1))
                .render(crate::messages::Lang::De)
        };
        assert!(
            said(502).contains("keine gültige Antwort bekommen"),
            "{}",
            said(502)
        );
        assert!(
            said(504).contains("keine Antwort bekommen"),
            "{}",
            said(504)
        );
        assert!(!said(502).contains("hinter dem Server"), "{}", said(502));
    }
}
