//! `navigation`: the site's navigation as the page being rendered sees it, each item
//! knowing whether it is that page (`current`) or one of its ancestors (`ancestor`),
//! so that a theme marks the way with `aria-current` without a string test per item
//! and page. An item's value is the same on every page below it: the few versions
//! there are (none marked, one item current, one an ancestor) are made once per build.

use tera::Value;

use super::{href, navigation_item};
use crate::model::Site;
use crate::render::fields::Fields;

/// The navigation's versions, by the item the page shown is or lies below.
pub struct Navigation {
    /// Each item's address, as `current_url` gives it.
    urls: Vec<String>,
    /// Each item's value with neither mark, marked current, marked an ancestor.
    items: Vec<[Value; 3]>,
    /// No item marked.
    none: Value,
    /// Per item: the list with that item current, and with it an ancestor.
    marked: Vec<(Value, Value)>,
}

impl Navigation {
    /// The navigation of `site` (its top-level sections in order, as `site.navigation`).
    pub fn of(site: &Site) -> Navigation {
        let items: Vec<(String, Fields)> = site
            .navigation()
            .iter()
            .map(|&id| {
                (
                    href(site, &site.sections[id].url),
                    navigation_item(site, id),
                )
            })
            .collect();
        let urls: Vec<String> = items.iter().map(|(url, _)| url.clone()).collect();
        let with = |current: bool, ancestor: bool| {
            let item = |f: &Fields| {
                let mut f = f.clone();
                f.put("current", current);
                f.put("ancestor", ancestor);
                f.value()
            };
            items.iter().map(|(_, f)| item(f)).collect::<Vec<Value>>()
        };
        let plain = with(false, false);
        let (current, ancestor) = (with(true, false), with(false, true));
        let marked = (0..items.len())
            .map(|i| {
                let mut as_current = plain.clone();
                as_current[i] = current[i].clone();
                let mut as_ancestor = plain.clone();
                as_ancestor[i] = ancestor[i].clone();
                (Value::from(as_current), Value::from(as_ancestor))
            })
            .collect();
        let none = Value::from(plain.clone());
        let items = (plain.into_iter().zip(current).zip(ancestor))
            .map(|((p, c), a)| [p, c, a])
            .collect();
        Navigation {
            urls,
            items,
            none,
            marked,
        }
    }

    /// The navigation on the page at `current_url`.
    pub fn at(&self, current_url: &str) -> Value {
        let mut above = self
            .urls
            .iter()
            .enumerate()
            .filter(|(_, url)| current_url.starts_with(url.as_str()));
        match (above.next(), above.next()) {
            (None, _) => self.none.clone(),
            (Some((i, url)), None) => {
                let (current, ancestor) = &self.marked[i];
                if current_url == url {
                    current.clone()
                } else {
                    ancestor.clone()
                }
            }
            // Items inside one another (top-level sections never are): each is marked.
            _ => self.each_marked(current_url),
        }
    }

    fn each_marked(&self, current_url: &str) -> Value {
        let items: Vec<Value> = (self.urls.iter().zip(&self.items))
            .map(|(url, [plain, current, ancestor])| {
                if current_url == url {
                    current.clone()
                } else if current_url.starts_with(url.as_str()) {
                    ancestor.clone()
                } else {
                    plain.clone()
                }
            })
            .collect();
        Value::from(items)
    }
}

#[cfg(test)]
mod tests {
    use super::Navigation;
    use tera::{Context, Tera, Value};

    /// Items `(url, [plain, current, ancestor])` whose values are their marks as text.
    fn navigation(urls: &[&str]) -> Navigation {
        let items: Vec<[Value; 3]> = urls
            .iter()
            .map(|u| ["-", "current", "ancestor"].map(|m| Value::from(format!("{u}{m}"))))
            .collect();
        let plain: Vec<Value> = items.iter().map(|i| i[0].clone()).collect();
        let marked = (0..items.len())
            .map(|i| {
                let with = |k: usize| {
                    let mut list = plain.clone();
                    list[i] = items[i][k].clone();
                    Value::from(list)
                };
                (with(1), with(2))
            })
            .collect();
        Navigation {
            urls: urls.iter().map(|u| u.to_string()).collect(),
            none: Value::from(plain),
            items,
            marked,
        }
    }

    fn shown(value: Value) -> String {
        let mut tera = Tera::default();
        tera.add_raw_template("t", "{% for i in n %}{{ i }} {% endfor %}")
            .expect("a valid template");
        let mut context = Context::new();
        context.insert_value("n", value);
        tera.render("t", &context).expect("renders")
    }

    #[test]
    fn the_page_shown_marks_the_item_it_is_or_lies_below() {
        let nav = navigation(&["/a/", "/b/"]);
        assert_eq!(shown(nav.at("/")), "/a/- /b/- ");
        assert_eq!(shown(nav.at("/a/")), "/a/current /b/- ");
        assert_eq!(shown(nav.at("/b/x/")), "/a/- /b/ancestor ");
        assert_eq!(shown(nav.at("/ab/")), "/a/- /b/- ");
    }

    #[test]
    fn items_inside_one_another_are_each_marked() {
        let nav = navigation(&["/a/", "/a/b/", "/c/"]);
        assert_eq!(shown(nav.at("/a/b/")), "/a/ancestor /a/b/current /c/- ");
        assert_eq!(shown(nav.at("/a/b/x/")), "/a/ancestor /a/b/ancestor /c/- ");
        assert_eq!(shown(nav.at("/a/x/")), "/a/ancestor /a/b/- /c/- ");
    }
}
