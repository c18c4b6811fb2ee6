//! The floor: what building a site costs at the least. Reads every markdown file of
//! `ROOT/content`, drops the front matter, renders the body with pulldown-cmark (the
//! options pillar uses) and writes `OUT/<path>/index.html`, on all cores. No templates,
//! no links, no highlighting: the number the issue compares pillar against.
//!
//! Usage: floor ROOT OUT

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, root, out] = args.as_slice() else {
        eprintln!("usage: floor ROOT OUT");
        std::process::exit(2);
    };
    let content = Path::new(root).join("content");
    let out = PathBuf::from(out);
    let files: Vec<PathBuf> = walkdir::WalkDir::new(&content)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    let options = pillar::markdown_options();
    let bytes: usize = files
        .par_iter()
        .map(|path| {
            let text = fs::read_to_string(path).expect("read");
            let body = strip_front_matter(&text);
            let mut html = String::with_capacity(body.len() * 3 / 2);
            pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new_ext(body, options));
            let rel = path.strip_prefix(&content).unwrap().with_extension("");
            let dir = out.join(rel);
            fs::create_dir_all(&dir).expect("mkdir");
            fs::write(dir.join("index.html"), &html).expect("write");
            html.len()
        })
        .sum();
    println!("floor: {} pages, {} MB of HTML", files.len(), bytes / 1_000_000);
}

fn strip_front_matter(text: &str) -> &str {
    let Some(rest) = text.strip_prefix("---\n") else {
        return text;
    };
    match rest.find("\n---\n") {
        Some(end) => &rest[end + 5..],
        None => text,
    }
}
