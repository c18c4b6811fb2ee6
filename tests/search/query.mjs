// Runs queries against a built Pagefind bundle in Node, with Pagefind's own browser
// runtime (the site's pagefind/pagefind.js and its WebAssembly), as the search page
// runs it: `pf.options({ baseUrl: "/" })`, then `pf.search(query)`.
//
//   node tests/search/query.mjs SITE_DIR QUERY...      prints the top results as JSON
//                                                      (and on stderr the bytes read)
//
// Only `fetch` is replaced, by one that reads the bundle's files from disk (Node's
// fetch has no file: URLs). Exported for check.mjs.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';

/** The bytes of the bundle's files read so far (pagefind.js and every fetch): what a
 * browser with an empty cache transfers. */
export let transferred = 0;

/** Loads the Pagefind bundle of the site built at `site` and returns its API. */
export async function openIndex(site) {
  globalThis.fetch = async (input) => {
    const url = new URL(typeof input === 'string' ? input : input.url);
    const bytes = await readFile(fileURLToPath(new URL(url.pathname, url)));
    transferred += bytes.length;
    return new Response(bytes, { status: 200 });
  };
  const script = join(site, 'pagefind', 'pagefind.js');
  transferred += (await readFile(script)).length;
  const pf = await import(pathToFileURL(script).href);
  await pf.options({ baseUrl: '/' });
  await pf.init();
  return pf;
}

/** The top `n` results of `query`: url, title, excerpt and heading sub-results. */
export async function top(pf, query, n = 5) {
  const search = await pf.search(query);
  const data = await Promise.all(search.results.slice(0, n).map((r) => r.data()));
  return {
    count: search.results.length,
    results: data.map((d) => ({
      url: d.url,
      title: d.meta?.title,
      excerpt: d.excerpt,
      sub: (d.sub_results ?? []).map((s) => s.url),
    })),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [site, ...queries] = process.argv.slice(2);
  const pf = await openIndex(site);
  for (const q of queries) console.log(JSON.stringify({ query: q, ...(await top(pf, q)) }, null, 1));
  console.error(`bundle bytes read: ${transferred}`);
}
