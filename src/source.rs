//! Where content and locale files come from: the copy embedded in the binary, or a folder (`--content DIR`).

use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

static EMBEDDED_CONTENT: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/content");
static EMBEDDED_LOCALES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/locales");

/// A read-only tree of text files with two roots, `content/` and `locales/`.
///
/// A folder given with `--content` holds `content/` and may hold `locales/`; when it has no
/// `locales/`, the embedded locales are used so a content author only needs the content.
#[derive(Debug, Clone)]
pub enum Source {
    Embedded,
    Dir(PathBuf),
}

/// One text file read from a source, with a display path for messages (`content/ja/why.md`).
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub display: String,
    pub text: String,
}

#[derive(Debug)]
pub enum SourceError {
    Missing { path: String },
    Unreadable { path: String, reason: String },
}

impl Source {
    /// `content/` or `locales/` relative names, e.g. `("content", "ja/why.md")`.
    pub fn read(&self, root: &str, rel: &str) -> Result<SourceFile, SourceError> {
        let display = self.display(root, rel);
        match self {
            Source::Embedded => {
                let dir = embedded(root);
                let file = dir.get_file(rel).ok_or_else(|| SourceError::Missing {
                    path: display.clone(),
                })?;
                let text = file
                    .contents_utf8()
                    .ok_or_else(|| SourceError::Unreadable {
                        path: display.clone(),
                        reason: "not UTF-8".into(),
                    })?
                    .to_string();
                Ok(SourceFile { display, text })
            }
            Source::Dir(base) => {
                let path = Self::disk_root(base, root).join(rel);
                match std::fs::read(&path) {
                    Ok(bytes) => {
                        let text =
                            String::from_utf8(bytes).map_err(|_| SourceError::Unreadable {
                                path: display.clone(),
                                reason: "not UTF-8".into(),
                            })?;
                        Ok(SourceFile { display, text })
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                        Err(SourceError::Missing { path: display })
                    }
                    Err(e) => Err(SourceError::Unreadable {
                        path: display,
                        reason: e.to_string(),
                    }),
                }
            }
        }
    }

    /// Names of the sub-folders of `root` (the languages), sorted.
    pub fn subdirs(&self, root: &str) -> Vec<String> {
        let mut names: Vec<String> = match self {
            Source::Embedded => embedded(root)
                .dirs()
                .filter_map(|d| d.path().file_name()?.to_str().map(str::to_string))
                .collect(),
            Source::Dir(base) => read_dir_names(&Self::disk_root(base, root), true),
        };
        names.sort();
        names
    }

    /// Names of the files directly in `root/sub` (e.g. the `.ftl` files of one language), sorted.
    pub fn files(&self, root: &str, sub: &str) -> Vec<String> {
        let mut names: Vec<String> = match self {
            Source::Embedded => embedded(root)
                .get_dir(sub)
                .map(|d| {
                    d.files()
                        .filter_map(|f| f.path().file_name()?.to_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default(),
            Source::Dir(base) => read_dir_names(&Self::disk_root(base, root).join(sub), false),
        };
        names.sort();
        names
    }

    fn disk_root(base: &Path, root: &str) -> PathBuf {
        base.join(root)
    }

    /// The source to read locales from: a folder without `locales/` uses the embedded ones.
    pub fn locales_source(&self) -> Source {
        match self {
            Source::Dir(base) if !base.join("locales").is_dir() => Source::Embedded,
            other => other.clone(),
        }
    }

    fn display(&self, root: &str, rel: &str) -> String {
        match self {
            Source::Embedded => format!("{root}/{rel}"),
            Source::Dir(base) => base.join(root).join(rel).display().to_string(),
        }
    }
}

fn embedded(root: &str) -> &'static Dir<'static> {
    if root == "locales" {
        &EMBEDDED_LOCALES
    } else {
        &EMBEDDED_CONTENT
    }
}

fn read_dir_names(dir: &Path, want_dirs: bool) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir() == want_dirs))
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .collect()
}
