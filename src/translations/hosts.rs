//! The redirect files of hosts (`redirects: netlify | cloudflare | vercel` in
//! `site.yaml`) for a site in several languages: hosts read one file at the site root,
//! so every tree's redirects go into it, and on Netlify each language's folder gets its
//! own 404 page.

use crate::config::HostRedirects;
use crate::model::Site;
use crate::output::OutputFile;
use crate::urls;

/// Joins the host redirect files of every tree among `files` (each tree writes its
/// own at the root, the default language's first) into one, and on Netlify sends each
/// other language's missing pages (`/fr/*`) to its 404 page (`/fr/404.html`), after
/// every other redirect. Cloudflare Pages serves the nearest `404.html` by itself;
/// Vercel and GitHub Pages serve the root one.
pub(crate) fn join_host_files(files: &mut Vec<OutputFile>, default: &Site) {
    join(files, urls::NETLIFY_REDIRECTS, netlify_joined);
    join(files, urls::VERCEL_CONFIG, vercel_joined);
    if default.config.redirects == HostRedirects::Netlify {
        not_found_rules(files, default);
    }
}

/// Netlify's and Cloudflare's `_redirects` of every tree as one: the first whole, the
/// rules of the others after it (their comments left out).
fn netlify_joined(texts: &[String]) -> String {
    let mut text = texts[0].clone();
    for other in &texts[1..] {
        for line in other.lines().filter(|line| !line.starts_with('#')) {
            text.extend([line, "\n"]);
        }
    }
    text
}

/// Vercel's `vercel.json` of every tree as one: every tree's `redirects`, in order.
fn vercel_joined(texts: &[String]) -> String {
    let mut redirects = Vec::new();
    for text in texts {
        let json: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
        if let Some(entries) = json["redirects"].as_array() {
            redirects.extend(entries.iter().cloned());
        }
    }
    let json = serde_json::json!({ "redirects": redirects });
    let mut text = serde_json::to_string_pretty(&json).expect("JSON of strings and numbers");
    text.push('\n');
    text
}

/// Replaces the files at `path` among `files` by one, `joined` from their texts in
/// order, if there are several.
fn join(files: &mut Vec<OutputFile>, path: &str, joined: fn(&[String]) -> String) {
    let texts: Vec<String> = files
        .iter()
        .filter(|f| f.path == path)
        .map(|f| String::from_utf8_lossy(&f.bytes).into_owned())
        .collect();
    if texts.len() < 2 {
        return;
    }
    let text = joined(&texts);
    files.retain(|f| f.path != path);
    files.push(OutputFile::new(path, text));
}

/// Adds to Netlify's `_redirects` (made if there is none) a rule per language other
/// than the default: `/fr/* /fr/404.html 404`.
fn not_found_rules(files: &mut Vec<OutputFile>, default: &Site) {
    let rules: String = default
        .config
        .languages
        .keys()
        .map(|code| urls::language_tree(code, &default.config.language))
        .filter(|tree| !tree.is_empty())
        .map(|tree| {
            let folder = default.urls.path(&tree);
            let page = default.urls.path(&format!("{tree}{}", urls::NOT_FOUND));
            format!("{folder}* {page} 404\n")
        })
        .collect();
    if rules.is_empty() {
        return;
    }
    match files.iter_mut().find(|f| f.path == urls::NETLIFY_REDIRECTS) {
        Some(file) => file.bytes.extend_from_slice(rules.as_bytes()),
        None => {
            let header = "# Written by pillar: each language's missing pages get its 404 page.\n";
            files.push(OutputFile::new(
                urls::NETLIFY_REDIRECTS,
                format!("{header}{rules}"),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The redirect files of the English and the French trees, as each tree writes
    /// them at the root, become one.
    #[test]
    fn every_trees_redirects_go_into_the_one_file_at_the_root() {
        let mut files = vec![
            OutputFile::new("_redirects", "# pillar\n/who /about/ 301\n"),
            OutputFile::new("index.html", ""),
            OutputFile::new("_redirects", "# pillar\n/fr/qui /fr/a-propos/ 301\n"),
        ];
        join(&mut files, urls::NETLIFY_REDIRECTS, netlify_joined);
        let joined: Vec<&OutputFile> = files.iter().filter(|f| f.path == "_redirects").collect();
        assert_eq!(joined.len(), 1);
        assert_eq!(
            String::from_utf8_lossy(&joined[0].bytes),
            "# pillar\n/who /about/ 301\n/fr/qui /fr/a-propos/ 301\n"
        );

        let vercel = |from: &str| {
            format!(
                r#"{{"redirects": [{{"source": "{from}", "destination": "/", "statusCode": 301}}]}}"#
            )
        };
        let joined = vercel_joined(&[vercel("/who"), vercel("/fr/qui")]);
        let json: serde_json::Value = serde_json::from_str(&joined).unwrap();
        let sources: Vec<&str> = json["redirects"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["source"].as_str().unwrap())
            .collect();
        assert_eq!(sources, ["/who", "/fr/qui"]);
    }
}
