// Page weight and network hygiene: the gzipped HTML + CSS + JS each page type
// loads, an article under the budget, no render-blocking script, and no request
// to any host but the local test server.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { PAGES, htmlFiles, isLocal, isolatedContext, missingOptional, present, setup, urlPathOf } from './lib.mjs';

// An article page's HTML + CSS + JS, gzipped, stays under 40 KB (40,000 bytes).
const ARTICLE_BUDGET = 40_000;
const COUNTED = new Set(['document', 'stylesheet', 'script']);
// Search index chunks are loaded on demand and are not part of the page weight.
const isIndexChunk = (url) => /\/pagefind\/.*(\.pf_[a-z]+|\.wasm|wasm\.[^/]*)$/.test(new URL(url).pathname);

let env;
const figures = [];
before(async () => {
  env = await setup();
});
after(async () => {
  if (figures.length) {
    const rows = figures.map(
      (f) =>
        `${f.type.padEnd(9)} ${String(f.html).padStart(7)} ${String(f.css).padStart(7)} ${String(f.js).padStart(7)} ${String(f.total).padStart(8)}  ${f.path}`,
    );
    console.log(
      [
        '',
        'Page weight, gzipped bytes (zlib level 6) of what each page loads:',
        `${'type'.padEnd(9)} ${'html'.padStart(7)} ${'css'.padStart(7)} ${'js'.padStart(7)} ${'total'.padStart(8)}  path`,
        ...rows,
        `article budget: ${ARTICLE_BUDGET} bytes`,
        '',
      ].join('\n'),
    );
  }
  await env?.close();
});

async function load(path, onPage) {
  const context = await isolatedContext(env.browser, env.origin, { viewport: { width: 1280, height: 900 } });
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  try {
    const page = await context.newPage();
    const responses = [];
    page.on('response', (r) => responses.push(r));
    const response = await page.goto(env.origin + path, { waitUntil: 'networkidle' });
    const result = onPage ? await onPage(page, response, responses) : undefined;
    return { result, requests, foreign: [...context.foreign], response };
  } finally {
    await context.close();
  }
}

for (const p of missingOptional(PAGES)) {
  test(`page weight: ${p.type} ${p.path}`, { skip: 'not built yet' }, () => {});
}

for (const p of present(PAGES)) {
  test(`page weight: ${p.type} ${p.path}`, async (t) => {
    const { result, requests, foreign } = await load(p.path, async (page, response, responses) => {
      assert.equal(response.status(), 200, `${p.path} answered ${response.status()}`);
      const sizes = { html: 0, css: 0, js: 0 };
      const files = [];
      for (const r of responses) {
        const kind = r.request().resourceType();
        if (!COUNTED.has(kind) || isIndexChunk(r.url())) continue;
        if (r.status() >= 300 && r.status() < 400) continue;
        const body = await r.body();
        const gz = gzipSync(body, { level: 6 }).length;
        const key = kind === 'document' ? 'html' : kind === 'stylesheet' ? 'css' : 'js';
        sizes[key] += gz;
        files.push(`${key} ${gz} B gzipped (${body.length} B raw) ${new URL(r.url()).pathname}`);
      }
      return { sizes, files };
    });
    const { html, css, js } = result.sizes;
    const total = html + css + js;
    figures.push({ type: p.type, path: p.path, html, css, js, total });
    t.diagnostic(`${p.type}: ${total} B gzipped (html ${html}, css ${css}, js ${js})`);
    for (const f of result.files) t.diagnostic(`  ${f}`);
    assert.ok(html > 0, 'the page document itself was not counted');
    const elsewhere = [...new Set([...foreign, ...requests.filter((u) => !isLocal(u, env.origin))])];
    assert.deepEqual(elsewhere, [], `${p.path} requested another host`);
    if (p.type === 'article') {
      assert.ok(
        total < ARTICLE_BUDGET,
        `article ${p.path} loads ${total} B of gzipped HTML+CSS+JS, over the ${ARTICLE_BUDGET} B budget:\n  ${result.files.join('\n  ')}`,
      );
    }
  });
}

test('no page requests another host, and no page has a render-blocking script', async (t) => {
  const paths = htmlFiles().map(urlPathOf);
  for (const path of paths) {
    await t.test(path, async () => {
      const { requests, foreign, result } = await load(path, (page) =>
        page.evaluate(() =>
          [...document.querySelectorAll('head script[src]')]
            .filter((s) => !s.async && !s.defer && s.type !== 'module')
            .map((s) => s.outerHTML),
        ),
      );
      const elsewhere = [...new Set([...foreign, ...requests.filter((u) => !isLocal(u, env.origin))])];
      const problems = [
        ...elsewhere.map((u) => `requested another host: ${u}`),
        ...result.map((s) => `render-blocking script in <head> (add defer or type="module"): ${s}`),
      ];
      assert.deepEqual(problems, [], `${path}:\n  ${problems.join('\n  ')}`);
    });
  }
});

// What the browser did not fetch on load (lazy images, preconnects, CSS
// backgrounds behind a hover) must not point to another host either.
test('no page or stylesheet references a resource on another host', async (t) => {
  const files = htmlFiles();
  const patterns = [
    /<(?:script|img|iframe|audio|video|source|track|embed|input)\b[^>]*?\s(?:src|poster)\s*=\s*["']?((?:https?:)?\/\/[^"'\s>]+)/gi,
    /\ssrcset\s*=\s*["'][^"']*?((?:https?:)?\/\/[^"'\s,]+)/gi,
    /<link\b(?=[^>]*\srel\s*=\s*["']?[^"'>]*\b(?:stylesheet|preload|prefetch|modulepreload|preconnect|dns-prefetch|icon|apple-touch-icon|manifest)\b)[^>]*?\shref\s*=\s*["']?((?:https?:)?\/\/[^"'\s>]+)/gi,
    /<object\b[^>]*?\sdata\s*=\s*["']?((?:https?:)?\/\/[^"'\s>]+)/gi,
    /url\(\s*["']?((?:https?:)?\/\/[^"')\s]+)/gi,
    /@import\s+["']((?:https?:)?\/\/[^"']+)/gi,
  ];
  const find = (text) => patterns.flatMap((re) => [...text.matchAll(re)].map((m) => m[1]));
  const css = [...new Set(files.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/<link\b[^>]*\bhref="(\/[^"]+\.css)"/g)].map((m) => m[1])))];
  for (const f of files) {
    const refs = find(readFileSync(f, 'utf8'));
    if (refs.length) await t.test(urlPathOf(f), () => assert.deepEqual(refs, [], 'references to another host'));
  }
  const origin = env.origin;
  for (const href of css) {
    const text = await (await fetch(origin + href)).text();
    await t.test(href, () => assert.deepEqual(find(text), [], `${href} references another host`));
  }
});
