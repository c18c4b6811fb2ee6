#!/usr/bin/env node
// Measures in Chromium the bytes a search transfers on a built site: what the search
// page loads before anyone types (the page, Pagefind's runtime, its wasm and the
// index's metadata), then what each query adds (index chunks and the result
// fragments), each query in a fresh browser context so nothing is cached.
//
//   node benches/query_bytes.mjs [--detail] SITE_DIR [QUERY ...]
//
// SITE_DIR is a `pillar build` output with search (benches/run.sh builds the 10,000
// article corpus into target/bench/out-*). Bytes are as transferred (compressed
// bodies, headers left out), summed over every response the page received, once with
// the files as written and once gzipped as a static host serves text (Pagefind's index
// files are compressed already and go as they are). Prints a markdown table, and with
// --detail each request a query made; exits 1 if a query transfers more than the
// budget (300 KB, issue #26) even raw.
//
// Runs Debian's chromium through the browser tests' harness (tests/browser/lib.mjs:
// 127.0.0.1 server, the project's launch flags); `npm ci` in tests/browser first.

import { launch, startServer } from '../tests/browser/lib.mjs';

const BUDGET = 300 * 1024;
const args = process.argv.slice(2);
const detail = args.includes('--detail');
const [site, ...given] = args.filter((a) => a !== '--detail');
if (!site) {
  console.error('usage: node benches/query_bytes.mjs SITE_DIR [QUERY ...]');
  process.exit(2);
}
const queries = given.length
  ? given
  : ['careful product analysis', 'estimate risk', 'client carrier', 'coverage', 'setting targets', 'funnel'];

// Each query is measured twice: with the files sent as they are written (raw), and as
// a static host sends them, text compressed with gzip (`startServer`'s `gzip`).
const servers = { raw: await startServer(site), gzip: await startServer(site, { gzip: true }) };
const browser = await launch();
let over = false;
const rows = [];
try {
  for (const query of queries) {
    const row = { query };
    for (const [how, server] of Object.entries(servers)) {
      row[how] = await measure(server, query);
      row.results = row[how].results;
    }
    if (row.raw.added > BUDGET) over = true;
    rows.push(row);
  }
} finally {
  await browser.close();
  await Promise.all(Object.values(servers).map((s) => s.close()));
}

// What `query` transfers on `server`, in a fresh context: the search page before
// typing, then what the query adds, each request with its path and size.
async function measure(server, query) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const requests = [];
  page.on('requestfinished', async (request) => {
    const sizes = await request.sizes().catch(() => null);
    if (sizes) requests.push({ path: new URL(request.url()).pathname, bytes: sizes.responseBodySize });
  });
  await page.goto(`${server.origin}/search/`, { waitUntil: 'networkidle' });
  const before = requests.length;
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
  await context.close();
  const sum = (list) => list.reduce((n, r) => n + r.bytes, 0);
  const added = requests.slice(before);
  return { results, page: sum(requests.slice(0, before)), pageRequests: before, added: sum(added), requests: added };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log('| query | results shown | search page before typing (raw / gzip) | the query adds, raw | the query adds, gzip as a host serves |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  console.log(`| ${r.query} | ${r.results} | ${kb(r.raw.page)} / ${kb(r.gzip.page)} (${r.raw.pageRequests} requests) | ${kb(r.raw.added)} (${r.raw.requests.length} requests) | ${kb(r.gzip.added)} |`);
}
const median = (how) => {
  const sorted = rows.map((r) => r[how].added).sort((a, b) => a - b);
  return kb(sorted[Math.floor(sorted.length / 2)]);
};
console.log(`\nmedian bytes a query adds: ${median('raw')} raw, ${median('gzip')} with gzip as a host serves; budget ${kb(BUDGET)}`);
if (detail) {
  for (const r of rows) {
    console.log(`\n${r.query}: each request the query made (raw / gzip)`);
    r.raw.requests.forEach((q, i) => {
      const gz = r.gzip.requests.find((g) => g.path === q.path);
      console.log(`  ${q.path}  ${kb(q.bytes)} / ${gz ? kb(gz.bytes) : '-'}`);
    });
  }
}
process.exit(over ? 1 : 0);
