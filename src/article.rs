//! The unit of work: one article as read from an input, before any analysis.
//!
//! An [`Article`] carries the text and whatever metadata the input gave (an id, a
//! publication date, a title, a URL) plus its [`Origin`], the file and line it came
//! from, so that every later error or warning can name where the article was read.

use chrono::NaiveDate;
use std::fmt;

/// Where an article was read from: a file path (or `-` for stdin) and, for JSON
/// Lines input, the 1-based line number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The path as the user gave it (or as found while walking a directory); `-` is stdin.
    pub path: String,
    /// 1-based line number for JSON Lines input; `None` for a whole-file article.
    pub line: Option<usize>,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(n) => write!(f, "{}:{}", self.path, n),
            None => write!(f, "{}", self.path),
        }
    }
}

/// One article: text plus optional metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// Article id: the file stem for `.txt`, the JSONL `id` (or `<stem>-<line>`).
    pub id: String,
    /// The full text, dateline included.
    pub text: String,
    /// Publication date from the input's metadata (JSONL `date`), if any.
    pub date: Option<NaiveDate>,
    /// Title from the metadata, if any.
    pub title: Option<String>,
    /// URL from the metadata, if any.
    pub url: Option<String>,
    /// Where the article was read from.
    pub origin: Origin,
}

impl Article {
    /// An article with text only, as a library caller would build one.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Article {
        Article {
            id: id.into(),
            text: text.into(),
            date: None,
            title: None,
            url: None,
            origin: Origin {
                path: "-".into(),
                line: None,
            },
        }
    }
}
