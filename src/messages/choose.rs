//! Which language a command speaks: `--messages`, else `LERNORT_MESSAGES`, else the
//! site's `language` when lernort has messages in it, else English.

use super::{Lang, Text};

/// The environment variable that picks the message language, like `--messages`.
pub const ENV: &str = "LERNORT_MESSAGES";

/// The language `LERNORT_MESSAGES` asks for, if it is set; a value lernort has no
/// messages in is an error, so that a typo does not go unnoticed.
pub fn from_env() -> Result<Option<Lang>, Text> {
    match std::env::var(ENV) {
        Ok(value) if value.trim().is_empty() => Ok(None),
        Ok(value) => Lang::from_tag(value.trim())
            .map(Some)
            .ok_or_else(|| crate::text!("cli-messages-env", value = value)),
        Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(_)) => {
            Err(crate::text!("cli-messages-env", value = "(not UTF-8)"))
        }
    }
}

/// The language to speak, given the flag, the environment's choice ([`from_env`]) and
/// the site's language tag (if the site has one).
pub fn choose(flag: Option<Lang>, env: Option<Lang>, site: Option<&str>) -> Lang {
    flag.or(env)
        .or_else(|| site.and_then(Lang::from_tag))
        .unwrap_or(Lang::En)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flag_wins_then_the_environment_then_the_site() {
        assert_eq!(choose(Some(Lang::En), Some(Lang::De), Some("de")), Lang::En);
        assert_eq!(choose(None, Some(Lang::En), Some("de")), Lang::En);
        assert_eq!(choose(None, None, Some("de-AT")), Lang::De);
        assert_eq!(choose(None, None, Some("fr")), Lang::En);
        assert_eq!(choose(None, None, None), Lang::En);
    }
}
