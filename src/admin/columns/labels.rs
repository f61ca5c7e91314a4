//! Words for the CSV export's headings and coded values in one language (`--labels ja|en`).

use std::cell::RefCell;
use std::collections::HashMap;

use crate::i18n::{Lang, Localizer};

/// Words for headings and coded values in one language (`--labels`).
pub struct Labels {
    pub(super) loc: Localizer,
    pub(super) lang: Lang,
    /// Content words: `reason:<id>` and `purpose:<id>` to their label.
    content: HashMap<String, String>,
    cache: RefCell<HashMap<String, Option<String>>>,
}

impl std::fmt::Debug for Labels {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Labels({})", self.lang)
    }
}

impl Labels {
    /// `content` maps `reason:<id>` and `purpose:<id>` to the content's own words.
    pub fn new(loc: Localizer, lang: Lang, content: HashMap<String, String>) -> Labels {
        Labels {
            loc,
            lang,
            content,
            cache: RefCell::new(HashMap::new()),
        }
    }

    /// The same words with a cache of their own, for another thread.
    pub fn fresh(&self) -> Labels {
        Labels::new(self.loc.clone(), self.lang.clone(), self.content.clone())
    }

    /// The words for `code` under `prefix` (a Fluent id prefix, or `reason:`), if any.
    pub(super) fn word(&self, prefix: &str, code: &str) -> Option<String> {
        let key = format!("{prefix}{code}");
        if let Some(w) = self.cache.borrow().get(&key) {
            return w.clone();
        }
        let word = match self.content.get(&key) {
            Some(w) => Some(w.clone()),
            None if self.loc.has_message(&self.lang, &key) => Some(self.loc.t(&self.lang, &key)),
            None => None,
        };
        self.cache.borrow_mut().insert(key, word.clone());
        word
    }

    pub(super) fn heading(&self, key: &str) -> String {
        self.loc.t(&self.lang, &format!("export-col-{key}"))
    }
}
