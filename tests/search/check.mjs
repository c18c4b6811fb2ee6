// Checks the search quality set (queries.json) against a built site's Pagefind index,
// with Pagefind's own browser runtime (see query.mjs):
//
//   node tests/search/check.mjs SITE_DIR SET     SET: bundled | bench-1000
//
// Prints one line per query and exits with 1 if any expectation fails.
import { readFileSync } from 'node:fs';
import { openIndex, top } from './query.mjs';

const [site, set] = process.argv.slice(2);
const queries = JSON.parse(readFileSync(new URL('./queries.json', import.meta.url))).sets[set];
if (!site || !queries) {
  console.error('usage: node tests/search/check.mjs SITE_DIR bundled|bench-1000');
  process.exit(2);
}
const pf = await openIndex(site);
let failed = 0;
for (const { query, top5, sub = [] } of queries) {
  const { count, results } = await top(pf, query);
  const urls = results.map((r) => r.url);
  const subs = results.flatMap((r) => r.sub);
  const missing = [...top5.filter((u) => !urls.includes(u)), ...sub.filter((u) => !subs.includes(u))];
  if (missing.length) failed += 1;
  console.log(`${missing.length ? 'FAIL' : 'ok  '} ${JSON.stringify(query)} (${count} results)` +
    (missing.length ? `: missing ${missing.join(' ')}; top 5: ${urls.join(' ')}` : ''));
}
console.log(`${queries.length - failed} of ${queries.length} queries pass`);
process.exit(failed ? 1 : 0);
