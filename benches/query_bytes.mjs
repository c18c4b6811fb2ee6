#!/usr/bin/env node
// Measures in Chromium the bytes a search transfers on a built site: what the search
// page loads before anyone types (the page, Pagefind's runtime, its wasm and the
// index's metadata), then what each query adds (index chunks and the result
// fragments), each query in a fresh browser context so nothing is cached.
//
//   node benches/query_bytes.mjs SITE_DIR [QUERY ...]
//
// SITE_DIR is a `pillar build` output with search (benches/run.sh builds the 10,000
// article corpus into target/bench/out-*). Bytes are as transferred (compressed
// bodies, headers left out), summed over every response the page received. Prints a
// markdown table; exits 1 if a query transfers more than the budget (300 KB, issue #13).
//
// Runs Debian's chromium through the browser tests' harness (tests/browser/lib.mjs:
// 127.0.0.1 server, the project's launch flags); `npm ci` in tests/browser first.

import { launch, startServer } from '../tests/browser/lib.mjs';

const BUDGET = 300 * 1024;
const [site, ...given] = process.argv.slice(2);
if (!site) {
  console.error('usage: node benches/query_bytes.mjs SITE_DIR [QUERY ...]');
  process.exit(2);
}
const queries = given.length
  ? given
  : ['careful product analysis', 'estimate risk', 'client carrier', 'coverage', 'setting targets', 'funnel'];

const server = await startServer(site);
const browser = await launch();
let over = false;
const rows = [];
try {
  for (const query of queries) {
    const context = await browser.newContext();
    const page = await context.newPage();
    let bytes = 0;
    let requests = 0;
    page.on('requestfinished', async (request) => {
      const sizes = await request.sizes().catch(() => null);
      if (sizes) {
        bytes += sizes.responseBodySize;
        requests += 1;
      }
    });
    await page.goto(`${server.origin}/search/`, { waitUntil: 'networkidle' });
    const before = { bytes, requests };
    await page.fill('#search-input', query);
    // The status says it is searching, then how many pages match (or that none do):
    // wait for the second, which the page writes once the results are shown.
    const status = () => document.getElementById('search-status')?.textContent ?? '';
    await page.waitForFunction(status, null, { timeout: 30_000 });
    const searching = await page.evaluate(status);
    await page.waitForFunction((before) => {
      const now = document.getElementById('search-status')?.textContent ?? '';
      return now !== '' && now !== before;
    }, searching, { timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    const results = await page.locator('#search-results > li').count();
    const added = bytes - before.bytes;
    if (added > BUDGET) over = true;
    rows.push({ query, results, page: before.bytes, pageRequests: before.requests, added, addedRequests: requests - before.requests });
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log('| query | results shown | search page before typing | the query adds | total |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  console.log(`| ${r.query} | ${r.results} | ${kb(r.page)} (${r.pageRequests} requests) | ${kb(r.added)} (${r.addedRequests} requests) | ${kb(r.page + r.added)} |`);
}
const sorted = rows.map((r) => r.added).sort((a, b) => a - b);
console.log(`\nmedian bytes a query adds: ${kb(sorted[Math.floor(sorted.length / 2)])}; budget ${kb(BUDGET)}`);
process.exit(over ? 1 : 0);
