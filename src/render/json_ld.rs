//! Structured data (schema.org JSON-LD) for each page, built in rather than left to
//! themes, and escaped so no front matter can close the script element.

use serde_json::{Value, json};

use super::context::{FaqView, LinkView};
use crate::html::json_for_script;
use crate::model::{Page, PageRole, Site};

/// The JSON-LD `@graph` for a page: WebSite on the home page, Article or DefinedTerm on
/// articles, BreadcrumbList everywhere but home, FAQPage where the page has an FAQ.
pub(super) fn for_page(
    site: &Site,
    page: &Page,
    permalink: &str,
    breadcrumbs: &[LinkView],
    faq: &[FaqView],
) -> String {
    let mut graph = Vec::new();
    let description = page
        .front
        .description
        .as_deref()
        .unwrap_or(&site.config.description);
    match page.role {
        PageRole::Home => graph.push(json!({
            "@type": "WebSite",
            "name": site.config.title,
            "url": permalink,
            "description": description,
            "inLanguage": site.config.language,
        })),
        PageRole::Hub(_) => graph.push(json!({
            "@type": "CollectionPage",
            "name": page.title,
            "url": permalink,
            "description": description,
        })),
        PageRole::Article(_) | PageRole::Standalone => {
            if page.front.kind.as_deref() == Some("term") {
                let set = page
                    .cluster()
                    .and_then(|c| site.clusters[c].hub)
                    .map(|hub| site.urls.absolute(&site.pages[hub].site_path));
                graph.push(json!({
                    "@type": "DefinedTerm",
                    "name": page.title,
                    "description": description,
                    "url": permalink,
                    "inDefinedTermSet": set,
                }));
            }
            let author = page.front.author.as_ref().or(site.config.author.as_ref());
            let mut article = json!({
                "@type": "Article",
                "headline": page.title,
                "description": description,
                "url": permalink,
                "mainEntityOfPage": permalink,
                "inLanguage": site.config.language,
            });
            if let Some(date) = page.front.date {
                article["datePublished"] = Value::from(date.iso());
                article["dateModified"] = Value::from(page.last_changed().unwrap_or(date).iso());
            }
            if let Some(author) = author {
                article["author"] = json!({ "@type": "Person", "name": author });
            }
            graph.push(article);
        }
    }
    if breadcrumbs.len() > 1 {
        let items: Vec<Value> = breadcrumbs
            .iter()
            .enumerate()
            .map(|(i, crumb)| {
                json!({
                    "@type": "ListItem",
                    "position": i + 1,
                    "name": crumb.title,
                    "item": absolute(site, &crumb.url),
                })
            })
            .collect();
        graph.push(json!({ "@type": "BreadcrumbList", "itemListElement": items }));
    }
    if !faq.is_empty() {
        let questions: Vec<Value> = page
            .front
            .faq
            .iter()
            .map(|entry| {
                json!({
                    "@type": "Question",
                    "name": entry.question,
                    "acceptedAnswer": { "@type": "Answer", "text": entry.answer },
                })
            })
            .collect();
        graph.push(json!({ "@type": "FAQPage", "mainEntity": questions }));
    }
    json_for_script(&json!({ "@context": "https://schema.org", "@graph": graph }))
}

/// An absolute URL for a URL from the host root.
fn absolute(site: &Site, url: &str) -> String {
    if url.starts_with(site.urls.prefix()) {
        site.urls.absolute_link(url)
    } else {
        site.urls.absolute(url)
    }
}
