// Search in real Chromium, as a reader uses it: the Pagefind index that `pillar build`
// writes under pagefind/, queried by the theme's search.js on /search/.
//
// - typing a query shows results with their title, topic (cluster) line and an
//   excerpt that marks the match; every result links to a page that exists and whose
//   heading and cluster the result repeats; a distinctive query puts the one page that
//   has the word on top; the live region announces the count; keyboard only works
//   (Tab to the box, type, Tab to the first result, Enter opens it);
// - a query with no match says so in the live region and clears older results;
// - a query in the URL (/search/?q=…, where the search box in every page's header
//   sends it) shows its results on load;
// - a site built with --base-url …/docs/ and served under /docs/ searches with every
//   result, and every request the search makes, under /docs/;
// - menus narrow the results by section and by kind, from the keyboard;
// - without JavaScript the page shows its fallback, whose links work (and no menus).
//
// The site under a sub-path is built here, with $PILLAR_BIN if set, else with
// `cargo run --release` (see lib.mjs).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SITE, htmlFiles, pillar, setup, startServer, tabUntil, urlPathIn, withPage } from './lib.mjs';

const TIMEOUT = { timeout: 60_000 };
// Without $PILLAR_BIN the sub-path site is built with cargo, which may compile first.
const BUILD_TIMEOUT = { timeout: 10 * 60_000 };
const DESKTOP = { viewport: { width: 1280, height: 900 } };

// A query that most of the bundled site matches.
const BROAD = 'fractional CRO';
// A word that only one page of the bundled site contains, and a term whose glossary
// page is the best match.
const DISTINCT = { query: 'downgrades', stem: /downgrad/i, path: '/glossary/nrr/' };
const TERM = { query: 'ICP', path: '/glossary/icp/' };
// A word that no page contains.
const NOTHING = 'xylophonist';
// The results the page lists at once, and each press of its "more" button adds.
const SHOWN = 10;

let env;
let sub; // the site built for /docs/: { server, dir, env }

before(async () => {
  env = await setup();
  const dir = mkdtempSync(join(tmpdir(), 'pillar-subpath-'));
  const server = await startServer(join(dir, 'public'), { prefix: '/docs/' });
  sub = { dir, server, env: { browser: env.browser, origin: server.origin } };
  await pillar(['build', '--output', join(dir, 'public'), '--base-url', `${server.origin}/docs/`]);
}, BUILD_TIMEOUT);

after(async () => {
  await sub?.server.close();
  if (sub) rmSync(sub.dir, { recursive: true, force: true });
  await env?.close();
});

// ---------------------------------------------------------------------------------
// What the built site says, read from its files (independently of the index).

// The text Pagefind indexes on a page: its data-pagefind-body element.
function bodyText(file) {
  const html = readFileSync(file, 'utf8');
  const m = html.match(/<article\b[^>]*\bdata-pagefind-body\b[^>]*>([\s\S]*)<\/article>/);
  return m ? m[1].replace(/<[^>]+>/g, ' ') : null;
}

// The URL paths of the pages whose indexed text matches `re`.
function pagesMatching(re, dir = SITE) {
  return htmlFiles(dir)
    .filter((f) => re.test(bodyText(f) ?? ''))
    .map((f) => urlPathIn(dir, f))
    .sort();
}

// ---------------------------------------------------------------------------------
// Page helpers.

// Records what should never happen on a page: console errors, uncaught exceptions,
// responses of 400 and over, and requests that failed.
function watch(page) {
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()} for ${r.url()}`);
  });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  return problems;
}

function assertClean(problems, context) {
  assert.ok(context.foreign.length === 0, `requests to other hosts: ${context.foreign.join(', ')}`);
  assert.deepEqual(problems, [], problems.join('\n'));
}

async function open(page, url) {
  const response = await page.goto(url, { waitUntil: 'load' });
  assert.equal(response.status(), 200, `${url} answered ${response.status()}`);
  return response;
}

// Waits until the live region reports on `query` (a count, or no match) and returns
// what the page shows.
async function settled(page, query) {
  await page.waitForFunction(
    (q) => {
      const t = document.getElementById('search-status').textContent;
      return t.includes(`“${q}”`) || t === 'Search is not available here.';
    },
    query,
    { timeout: 10_000 },
  );
  return shown(page);
}

async function shown(page) {
  return page.evaluate(() => {
    const status = document.getElementById('search-status');
    return {
      status: status.textContent,
      role: status.getAttribute('role'),
      live: status.getAttribute('aria-live'),
      input: document.getElementById('search-input').value,
      q: new URLSearchParams(location.search).get('q'),
      results: [...document.querySelectorAll('#search-results > li')].map((li) => {
        const a = li.querySelector('h2 > a');
        const excerpt = li.querySelector('p:not(.search-topic)');
        return {
          href: a?.getAttribute('href') ?? null,
          title: a?.textContent.trim() ?? '',
          topic: li.querySelector('.search-topic')?.textContent.trim() ?? null,
          excerpt: excerpt?.textContent.trim() ?? '',
          marks: excerpt ? [...excerpt.querySelectorAll('mark')].map((m) => m.textContent) : [],
          // Elements in the excerpt other than <mark>: there should be none.
          tags: excerpt ? [...excerpt.querySelectorAll('*')].map((e) => e.tagName).filter((t) => t !== 'MARK') : [],
        };
      }),
    };
  });
}

// The count the live region announces for `query`, or fails naming what it says.
function announced(status, query) {
  const m = status.match(/^(\d+) pages? match(?:es)? “(.*)”\.( The first (\d+) are shown\.)?$/);
  assert.ok(m, `the live region says ${JSON.stringify(status)}, not a count of pages matching “${query}”`);
  assert.equal(m[2], query);
  const count = Number(m[1]);
  assert.equal(status.includes(' page matches'), count === 1, `singular or plural wrong: ${status}`);
  assert.equal(Boolean(m[3]), count > SHOWN, `"the first ${SHOWN} are shown" should appear exactly when more match: ${status}`);
  return count;
}

// Fetches every result's link and checks that it answers 200 and that the result
// repeats the page's heading and cluster (read with the browser's HTML parser).
async function checkTargets(site, results) {
  const pages = [];
  for (const r of results) {
    const response = await fetch(site.origin + r.href);
    assert.equal(response.status, 200, `result ${r.href} answered ${response.status}`);
    pages.push(await response.text());
  }
  const seen = await withPage(site, DESKTOP, (page) =>
    page.evaluate((pages) => {
      const parser = new DOMParser();
      return pages.map((html) => {
        const doc = parser.parseFromString(html, 'text/html');
        return {
          h1: doc.querySelector('main h1')?.textContent.replace(/\s+/g, ' ').trim(),
          cluster: doc.querySelector('[data-pagefind-meta="cluster"]')?.textContent.trim() ?? null,
        };
      });
    }, pages),
  );
  results.forEach((r, i) => {
    assert.equal(r.title, seen[i].h1, `result ${r.href}: its title is not the page's heading`);
    assert.equal(r.topic, seen[i].cluster, `result ${r.href}: its topic line is not the page's cluster`);
  });
}

// How many pages the index itself matches for `query`, asked in the page without
// going through search.js.
function indexCount(page, query) {
  return page.evaluate(async (query) => {
    const root = document.documentElement.dataset.root;
    const pf = await import(`${root}pagefind/pagefind.js`);
    return (await pf.search(query)).results.length;
  }, query);
}

// Everything a result list must satisfy, for any query.
async function checkResults(page, { results, status }, query) {
  const count = announced(status, query);
  assert.ok(count > 0, `no results for “${query}”`);
  assert.equal(count, await indexCount(page, query), `the live region's count is not the number of pages the index matches`);
  assert.equal(results.length, Math.min(count, SHOWN), `${results.length} results listed, the live region says ${count}`);
  assert.equal(new Set(results.map((r) => r.href)).size, results.length, 'a page is listed twice');
  for (const r of results) {
    assert.ok(r.href, 'a result without a link');
    assert.ok(r.title && r.title !== r.href, `result ${r.href} has no title`);
    assert.ok(r.excerpt.length > 20, `result ${r.href} has no excerpt`);
    assert.deepEqual(r.tags, [], `result ${r.href}: its excerpt holds elements other than <mark>`);
    // The cluster line is metadata: it must not be indexed as the page's first words.
    if (r.topic) assert.ok(!r.excerpt.startsWith(`${r.topic}.`), `result ${r.href}: the excerpt starts with the cluster name: ${r.excerpt}`);
  }
  return count;
}

// ---------------------------------------------------------------------------------
// The tests.

test('the words the tests search for are where the tests expect them', () => {
  assert.deepEqual(pagesMatching(DISTINCT.stem), [DISTINCT.path], `pages containing “${DISTINCT.query}”`);
  assert.ok(pagesMatching(new RegExp(`\\b${TERM.query}\\b`)).includes(TERM.path));
  assert.deepEqual(pagesMatching(new RegExp(NOTHING, 'i')), []);
});

test('typing a query lists matching pages with title, topic and a marked excerpt', TIMEOUT, async () => {
  await withPage(env, DESKTOP, async (page, context) => {
    const problems = watch(page);
    await open(page, `${env.origin}/search/`);
    await page.fill('#search-input', BROAD);
    const s = await settled(page, BROAD);
    assert.equal(s.role, 'status');
    assert.equal(s.live, 'polite');
    const count = await checkResults(page, s, BROAD);
    // More pages match than the page lists at once, and the live region says so.
    assert.ok(count > SHOWN, `only ${count} pages match “${BROAD}”; this test wants more than ${SHOWN}`);
    assert.ok(s.status.endsWith(`The first ${SHOWN} are shown.`), s.status);
    // Typing keeps the query in the address bar, so the results can be shared.
    assert.equal(s.q, BROAD);
    for (const r of s.results) {
      assert.ok(r.href.startsWith('/') && !r.href.startsWith('//'), `result link ${r.href} is not a path on this site`);
      assert.ok(r.marks.length > 0, `result ${r.href}: no <mark> in its excerpt: ${r.excerpt}`);
      assert.ok(
        r.marks.every((m) => /fractional|cro/i.test(m)),
        `result ${r.href} marks words that are not the query's: ${r.marks.join(', ')}`,
      );
    }
    // Articles of the cluster carry its name as their topic line.
    assert.ok(
      s.results.some((r) => r.topic === 'Fractional Revenue Leadership'),
      `no result shows the cluster as its topic: ${s.results.map((r) => r.topic).join(', ')}`,
    );
    await checkTargets(env, s.results);
    assertClean(problems, context);
  });
});

test('more results load on demand: ten at a time, each needing its fragment, the focus on the first new one', TIMEOUT, async () => {
  await withPage(env, DESKTOP, async (page, context) => {
    const problems = watch(page);
    const fragments = [];
    page.on('request', (r) => { if (r.url().includes('/fragment/')) fragments.push(r.url()); });
    await open(page, `${env.origin}/search/`);
    await page.fill('#search-input', BROAD);
    let s = await settled(page, BROAD);
    const count = announced(s.status, BROAD);
    assert.ok(count > 2 * SHOWN, `only ${count} pages match “${BROAD}”; this test wants more than ${2 * SHOWN}`);
    assert.equal(s.results.length, SHOWN);
    assert.equal(fragments.length, SHOWN, 'a query loads the fragments of the results it shows, no more');
    const more = page.locator('button.search-more');
    assert.ok(await more.isVisible(), 'the button for more results shows while more match');
    await more.press('Enter');
    await page.waitForFunction((n) => document.querySelectorAll('#search-results > li').length === n, 2 * SHOWN);
    s = await shown(page);
    assert.ok(s.status.endsWith(`The first ${2 * SHOWN} are shown.`), s.status);
    assert.equal(fragments.length, 2 * SHOWN);
    assert.equal(new Set(s.results.map((r) => r.href)).size, 2 * SHOWN, 'a page is listed twice');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('href'));
    assert.equal(focused, s.results[SHOWN].href, 'the focus moves to the first new result');
    assertClean(problems, context);
  });
});

test('a word that one page contains finds that page, and a term finds its glossary entry first', TIMEOUT, async () => {
  await withPage(env, DESKTOP, async (page, context) => {
    const problems = watch(page);
    await open(page, `${env.origin}/search/`);
    await page.fill('#search-input', DISTINCT.query);
    let s = await settled(page, DISTINCT.query);
    await checkResults(page, s, DISTINCT.query);
    assert.equal(s.status, `1 page matches “${DISTINCT.query}”.`);
    assert.deepEqual(
      s.results.map((r) => r.href),
      [DISTINCT.path],
    );
    assert.deepEqual(s.results[0].marks.map((m) => m.toLowerCase()), [DISTINCT.query]);
    assert.equal(s.results[0].topic, 'Glossary');

    await page.fill('#search-input', TERM.query);
    s = await settled(page, TERM.query);
    await checkResults(page, s, TERM.query);
    assert.equal(s.results[0].href, TERM.path, `top result for “${TERM.query}”: ${s.results.map((r) => r.href).join(', ')}`);
    assert.match(s.results[0].title, /^ICP\b/);
    await checkTargets(env, s.results.slice(0, 3));
    assertClean(problems, context);
  });
});

test("a result lists the page's matching sections, each linked to its heading", TIMEOUT, async () => {
  await withPage(env, DESKTOP, async (page) => {
    await open(page, `${env.origin}/search/?q=red%20flags`);
    await settled(page, 'red flags');
    const sections = await page.$$eval('#search-results > li', (items) =>
      items.map((li) => ({
        href: li.querySelector('h2 > a').getAttribute('href'),
        sections: [...li.querySelectorAll('.search-sections a')].map((a) => a.getAttribute('href')),
      })),
    );
    const article = '/fractional-leadership/first-90-days-of-a-fractional-cro/';
    const result = sections.find((r) => r.href === article);
    assert.ok(result, `no result for ${article}: ${JSON.stringify(sections)}`);
    assert.ok(result.sections.includes(`${article}#red-flags-in-the-first-quarter`), JSON.stringify(result));
    for (const r of sections) {
      assert.ok(r.sections.length <= 3, `${r.href} lists ${r.sections.length} sections`);
      for (const href of r.sections) {
        assert.ok(href.startsWith(`${r.href}#`), `${href} is not a heading of ${r.href}`);
        const id = decodeURIComponent(href.split('#')[1]);
        const html = readFileSync(join(SITE, r.href, 'index.html'), 'utf8');
        assert.ok(html.includes(`id="${id}"`), `${href}: no heading with that id`);
      }
    }
  });
});

test('keyboard only: Tab to the box, type, Tab to the first result, Enter opens it', TIMEOUT, async () => {
  await withPage(env, DESKTOP, async (page, context) => {
    const problems = watch(page);
    await open(page, `${env.origin}/search/`);
    await tabUntil(page, (el) => el?.id === 'search-input');
    await page.keyboard.type(DISTINCT.query);
    const s = await settled(page, DISTINCT.query);
    assert.equal(s.results[0]?.href, DISTINCT.path);
    // The search button and the two filters sit between the box and the results.
    const presses = await tabUntil(page, (el) => el !== null && el === document.querySelector('#search-results a'), null, 5);
    assert.ok(presses <= 4, `${presses} presses of Tab from the box to the first result`);
    await Promise.all([page.waitForURL(`${env.origin}${DISTINCT.path}`), page.keyboard.press('Enter')]);
    assert.match(await page.textContent('main h1'), /^NRR\b/);
    assertClean(problems, context);
  });
});

// The section the filter test narrows to, and one of the kinds of the bundled site.
const SECTION = 'Fractional Revenue Leadership';
const KIND = 'Guides';

// How many pages the index matches for `query` with `filters`, asked without search.js.
function filteredCount(page, query, filters) {
  return page.evaluate(async ({ query, filters }) => {
    const root = document.documentElement.dataset.root;
    const pf = await import(`${root}pagefind/pagefind.js`);
    return (await pf.search(query, { filters })).results.length;
  }, { query, filters });
}

test('menus narrow the results by section and by kind, from the keyboard, and the URL keeps them', TIMEOUT, async () => {
  await withPage(env, DESKTOP, async (page, context) => {
    const problems = watch(page);
    await open(page, `${env.origin}/search/`);
    assert.equal(await page.isVisible('#search-filters'), false, 'the menus show before the index fills them');
    await tabUntil(page, (el) => el?.id === 'search-input');
    await page.keyboard.type(BROAD);
    const all = announced((await settled(page, BROAD)).status, BROAD);
    await page.waitForSelector('#search-filters', { state: 'visible' });
    const options = await page.$$eval('#search-section option', (os) => os.map((o) => [o.value, o.textContent]));
    assert.ok(options.some(([value, label]) => value === SECTION && /^Fractional Revenue Leadership \(\d+\)$/.test(label)), JSON.stringify(options));
    assert.equal(options[0][0], '', 'the first choice is every section');
    // Keyboard only: Tab from the box to the section menu, choose its next value.
    await page.focus('#search-input');
    await tabUntil(page, (el) => el?.id === 'search-section', null, 4);
    await page.keyboard.press('ArrowDown');
    const section = await page.$eval('#search-section', (m) => m.value);
    assert.equal(section, options[1][0], 'ArrowDown did not choose the next section');
    let s = await settled(page, BROAD);
    const narrowed = announced(s.status, BROAD);
    assert.equal(narrowed, await filteredCount(page, BROAD, { section }));
    assert.ok(narrowed < all, `the section filter did not narrow ${all} results`);
    for (const r of s.results) {
      assert.ok(r.topic === null || r.topic === section, `result ${r.href} is in ${r.topic}, not ${section}`);
    }
    assert.equal(new URL(page.url()).searchParams.get('section'), section);
    // Both filters at once, from a shared URL.
    await open(page, `${env.origin}/search/?q=${encodeURIComponent(BROAD)}&section=${encodeURIComponent(SECTION)}&kind=${encodeURIComponent(KIND)}`);
    s = await settled(page, BROAD);
    assert.equal(await page.$eval('#search-kind', (m) => m.value), KIND);
    assert.equal(await page.$eval('#search-section', (m) => m.value), SECTION);
    const both = announced(s.status, BROAD);
    assert.ok(both > 0, 'no guide of the section matches');
    assert.equal(both, await filteredCount(page, BROAD, { section: SECTION, kind: KIND }));
    assertClean(problems, context);
  });
});

test('a query with no match says so in the live region and clears the results', TIMEOUT, async () => {
  await withPage(env, DESKTOP, async (page, context) => {
    const problems = watch(page);
    await open(page, `${env.origin}/search/`);
    await page.fill('#search-input', TERM.query);
    assert.ok((await settled(page, TERM.query)).results.length > 0);
    await page.fill('#search-input', NOTHING);
    let s = await settled(page, NOTHING);
    assert.equal(s.status, `No pages match “${NOTHING}”.`);
    assert.deepEqual(s.results, []);
    assert.equal(await page.isVisible('#search-status'), true);
    // Emptying the box empties the page.
    await page.fill('#search-input', '');
    await page.waitForFunction(() => document.getElementById('search-status').textContent === '');
    s = await shown(page);
    assert.deepEqual(s.results, []);
    assertClean(problems, context);
  });
});

test('a query in the URL shows its results on load', TIMEOUT, async () => {
  await withPage(env, DESKTOP, async (page, context) => {
    const problems = watch(page);
    await open(page, `${env.origin}/search/?q=${encodeURIComponent(TERM.query)}`);
    const s = await settled(page, TERM.query);
    assert.equal(s.input, TERM.query, 'the box does not show the query of the URL');
    await checkResults(page, s, TERM.query);
    assert.equal(s.results[0].href, TERM.path);
    assertClean(problems, context);
  });
});

test('the search box in the header of a page sends its query to /search/', TIMEOUT, async () => {
  await withPage(env, DESKTOP, async (page, context) => {
    const problems = watch(page);
    const from = '/fractional-leadership/what-is-a-fractional-cro/';
    await open(page, env.origin + from);
    const action = await page.$eval('header form[role=search]', (f) => ({ action: f.getAttribute('action'), method: f.method, name: f.querySelector('input').name }));
    assert.deepEqual(action, { action: '/search/', method: 'get', name: 'q' });
    await tabUntil(page, (el) => el?.id === 'site-search');
    await page.keyboard.type(BROAD);
    await Promise.all([page.waitForURL(/\/search\/\?q=/), page.keyboard.press('Enter')]);
    assert.equal(new URL(page.url()).pathname, '/search/');
    const s = await settled(page, BROAD);
    assert.equal(s.input, BROAD);
    assert.equal(s.q, BROAD);
    await checkResults(page, s, BROAD);
    assertClean(problems, context);
  });
});

test('a site served under /docs/ searches, and every result and request stays under /docs/', TIMEOUT, async () => {
  const site = sub.env;
  const base = '/docs';
  await withPage(site, DESKTOP, async (page, context) => {
    const problems = watch(page);
    const requests = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    await open(page, `${site.origin}${base}/`);
    assert.equal(await page.getAttribute('html', 'data-root'), `${base}/`);
    // From the header's search box, as a reader starts.
    await page.fill('#site-search', BROAD);
    await Promise.all([page.waitForURL(/\/search\/\?q=/), page.press('#site-search', 'Enter')]);
    assert.equal(new URL(page.url()).pathname, `${base}/search/`);
    let s = await settled(page, BROAD);
    await checkResults(page, s, BROAD);
    const outside = s.results.filter((r) => !r.href.startsWith(`${base}/`));
    assert.deepEqual(outside, [], `result links outside ${base}/`);
    // The same pages, in the same order, as the site served at the root.
    await withPage(env, DESKTOP, async (rootPage) => {
      await open(rootPage, `${env.origin}/search/?q=${encodeURIComponent(BROAD)}`);
      const r = await settled(rootPage, BROAD);
      assert.deepEqual(
        s.results.map((x) => x.href),
        r.results.map((x) => base + x.href),
      );
    });
    await checkTargets(site, s.results);
    // Search was loaded from the sub-path and nothing was asked of the root.
    assert.ok(requests.some((p) => p === `${base}/pagefind/pagefind.js`), 'pagefind.js was not loaded from the sub-path');
    assert.ok(requests.some((p) => p.startsWith(`${base}/pagefind/fragment/`)), 'no result fragment was loaded from the sub-path');
    assert.deepEqual(requests.filter((p) => !p.startsWith(`${base}/`)), [], 'requests outside the sub-path');

    // A distinctive word, with the keyboard, into the page it names.
    await page.fill('#search-input', DISTINCT.query);
    s = await settled(page, DISTINCT.query);
    assert.deepEqual(s.results.map((r) => r.href), [base + DISTINCT.path]);
    assert.equal(s.q, DISTINCT.query);
    assert.equal(new URL(page.url()).pathname, `${base}/search/`);
    await page.focus('#search-input');
    await tabUntil(page, (el) => el !== null && el === document.querySelector('#search-results a'), null, 5);
    await Promise.all([page.waitForURL(`${site.origin}${base}${DISTINCT.path}`), page.keyboard.press('Enter')]);
    assertClean(problems, context);
  });
});

for (const [name, site, base] of [
  ['the root', () => env, ''],
  ['/docs/', () => sub.env, '/docs'],
]) {
  test(`without JavaScript the search page of a site served at ${name} shows its fallback, with working links`, TIMEOUT, async () => {
    await withPage(site(), { ...DESKTOP, javaScriptEnabled: false }, async (page, context) => {
      const problems = watch(page);
      await open(page, `${site().origin}${base}/search/?q=${encodeURIComponent(BROAD)}`);
      const fallback = page.locator('main noscript p');
      assert.equal(await fallback.isVisible(), true, 'the noscript text is not shown');
      assert.match(await fallback.textContent(), /Search needs JavaScript/);
      const links = await fallback.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      assert.deepEqual(links, [`${base}/`, `${base}/tags/`]);
      assert.equal(await page.textContent('#search-status'), '');
      assert.equal(await page.locator('#search-results > li').count(), 0);
      assert.equal(await page.isVisible('#search-filters'), false, 'the filter menus show without JavaScript');
      for (const href of links) {
        const response = await fetch(site().origin + href);
        assert.equal(response.status, 200, `${href} answered ${response.status}`);
      }
      // The fallback's links lead somewhere useful.
      await Promise.all([page.waitForURL(`${site().origin}${base}/tags/`), fallback.locator('a').nth(1).click()]);
      assert.ok((await page.locator('main a').count()) > 3, 'the tags page lists nothing');
      assertClean(problems, context);
    });
  });
}
