//! Shortcodes: Tera templates that authors call from markdown with named arguments and,
//! optionally, a body of markdown.
//!
//! [`syntax`] finds the calls in a body (the model stage keeps them in the page's
//! outline), the markdown renderer hands each call to the render stage, which renders
//! the template `shortcodes/NAME.html` of the theme (or of the site's `templates/`).

mod check;
mod include;
pub(crate) mod syntax;

pub(crate) use check::{check, check_page};
pub(crate) use include::{INCLUDE, Included, Library, has_includes, resolve_includes};
pub(crate) use syntax::{ArgValue, Call, Form, SyntaxError, scan};
