// Injection (issue 9): builds the hostile fixture site (tests/fixtures/hostile, whose
// titles, descriptions, tags, FAQ, sources, dataset values and filter labels are full
// of <script>, </script>, event handlers, javascript: URLs and template syntax, each
// setting window.__pwned), loads every HTML page of it in Chromium, answers the filter
// along every path of its script (hints, early and final results), ticks the compare
// boxes, searches, fires the events the injected handlers listen to, and proves that
// nothing injected ran: window.__pwned stays undefined, no dialog opens, no inline
// script or handler attribute carries the payload.
//
// PILLAR_HOSTILE_SITE=<dir> tests an already built hostile site instead of building one.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { htmlFiles, isolatedContext, launch, pillar, startServer, urlPathIn } from './lib.mjs';

const FIXTURE = join('tests', 'fixtures', 'hostile');
const PAGE_TIMEOUT = { timeout: 60_000 };

let site;
let tmp;
let server;
let browser;
let pages = [];

before(
  async () => {
    if (process.env.PILLAR_HOSTILE_SITE) {
      site = process.env.PILLAR_HOSTILE_SITE;
    } else {
      tmp = mkdtempSync(join(tmpdir(), 'pillar-hostile-'));
      site = join(tmp, 'public');
      await pillar(['build', '--root', FIXTURE, '--output', site]);
    }
    assert.ok(existsSync(join(site, 'index.html')), `the hostile build wrote no ${join(site, 'index.html')}`);
    pages = htmlFiles(site).map((file) => urlPathIn(site, file));
    server = await startServer(site);
    browser = await launch();
  },
  { timeout: 11 * 60_000 }, // pillar() allows a cold release build 10 minutes
);

after(async () => {
  await browser?.close();
  await server?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

// Everything in the loaded page that could run the payload, found by structure: an
// executable inline script, an on* attribute, a javascript: URL, and whether it ran.
function inspect() {
  const payload = /__pwned/;
  const found = [];
  const describe = (el) => el.outerHTML.slice(0, 140);
  for (const s of document.querySelectorAll('script')) {
    const type = (s.getAttribute('type') || '').trim().toLowerCase();
    const data = type === 'application/json' || type === 'application/ld+json';
    if (!s.src && !data) found.push(`inline executable script: ${describe(s)}`);
    if (s.src && new URL(s.src).origin !== location.origin) found.push(`script from another host: ${s.src}`);
    if (data) {
      try {
        JSON.parse(s.textContent);
      } catch (e) {
        found.push(`embedded JSON that does not parse (${e.message}): ${describe(s)}`);
      }
    }
  }
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) found.push(`event handler attribute ${name}: ${describe(el)}`);
      if (/^(href|src|action|formaction|xlink:href|data|srcdoc)$/.test(name) && /^\s*(javascript|vbscript|data:text\/html)/i.test(attr.value.replace(/[\u0000-\u0020]/g, ''))) {
        found.push(`${name}="${attr.value}": ${describe(el)}`);
      }
    }
    if (/^(iframe|object|embed|frame)$/i.test(el.tagName)) found.push(`unexpected <${el.tagName.toLowerCase()}>: ${describe(el)}`);
  }
  // An <svg> or <math> the payload made, or one carrying it in markup. Escaped text is
  // only text (a hub's cluster map shows page titles as <text> and <title>), so text
  // nodes are left out of the comparison, except those of scripts and styles.
  for (const el of document.querySelectorAll('svg, math')) {
    const markup = el.cloneNode(true);
    const walker = document.createTreeWalker(markup, NodeFilter.SHOW_TEXT);
    const texts = [];
    while (walker.nextNode()) texts.push(walker.currentNode);
    for (const t of texts) if (!t.parentElement?.closest('script, style')) t.remove();
    if (payload.test(markup.outerHTML)) found.push(`injected <${el.tagName.toLowerCase()}>: ${describe(el)}`);
  }
  for (const el of document.querySelectorAll('img')) {
    if (el.getAttribute('src') === 'x') found.push(`injected <img src=x>: ${describe(el)}`);
  }
  return { pwned: typeof window.__pwned === 'undefined' ? null : String(window.__pwned), found };
}

// Fires on every element the events an injected handler would wait for.
function provoke() {
  const events = ['mouseover', 'mouseenter', 'mousemove', 'click', 'focus', 'load', 'error', 'animationstart', 'toggle'];
  for (const el of document.querySelectorAll('body *')) {
    // A real click on a link would leave the page; the handler check is what matters.
    for (const type of events) {
      if (type === 'click' && (el.closest('a[href]') || el.closest('button, summary, label, input'))) continue;
      el.dispatchEvent(new Event(type, { bubbles: false, cancelable: true }));
    }
  }
  // Focus everything focusable too (autofocus / onfocus injections).
  for (const el of document.querySelectorAll('a[href], input, button, summary, [tabindex]')) el.focus();
}

async function withHostilePage(fn) {
  const context = await isolatedContext(browser, server.origin, { viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(20_000);
  const events = { dialogs: [], console: [], errors: [] };
  context.on('dialog', (d) => {
    events.dialogs.push(`${d.type()}: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  try {
    const page = await context.newPage();
    page.on('dialog', () => {}); // handled on the context; keeps playwright from auto-dismissing silently
    page.on('console', (m) => events.console.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => events.errors.push(e.message));
    return await fn(page, events, context);
  } finally {
    await context.close();
  }
}

async function assertClean(page, events, where) {
  const r = await page.evaluate(inspect);
  assert.equal(r.pwned, null, `${where}: injected code ran, window.__pwned = ${JSON.stringify(r.pwned)}`);
  assert.deepEqual(events.dialogs, [], `${where}: a dialog opened`);
  assert.deepEqual(r.found, [], `${where}: injectable markup in the page`);
  const mentions = events.console.filter((m) => /pwned/i.test(m));
  assert.deepEqual(mentions, [], `${where}: the console mentions the payload`);
  assert.deepEqual(events.errors, [], `${where}: uncaught errors in the page`);
}

test('the hostile site was built with its pages', () => {
  for (const p of ['/', '/guides/', '/guides/attack/', '/guides/second/', '/compare/evil/', '/search/']) {
    assert.ok(pages.includes(p), `the hostile build has no ${p} (pages: ${pages.join(', ')})`);
  }
});

test('every HTML page of the hostile site: nothing injected runs', PAGE_TIMEOUT, async (t) => {
  assert.ok(pages.length > 0);
  for (const path of pages) {
    await t.test(path, () =>
      withHostilePage(async (page, events, context) => {
        const response = await page.goto(server.origin + path, { waitUntil: 'load' });
        assert.equal(response.status(), 200, `${path} answered ${response.status()}`);
        await page.evaluate(provoke);
        await page.waitForTimeout(50);
        await assertClean(page, events, path);
        assert.deepEqual(context.foreign, [], `${path}: requests to other hosts`);
      }),
    );
  }
});

test('hostile text shows as text: titles, headings, filter and table labels', PAGE_TIMEOUT, () =>
  withHostilePage(async (page, events) => {
    await page.goto(server.origin + '/guides/attack/', { waitUntil: 'load' });
    const t = await page.evaluate(() => ({
      title: document.title,
      h1: document.querySelector('h1')?.textContent,
      legend: document.querySelector('form.decision legend')?.textContent,
      option: document.querySelector('form.decision label')?.textContent.trim(),
      caption: document.querySelector('.compare-table caption')?.textContent.trim(),
    }));
    assert.equal(t.h1, "</script><script>window.__pwned = 'title'</script>");
    assert.ok(t.title.startsWith("</script><script>window.__pwned = 'title'</script>"), `document.title is ${t.title}`);
    assert.equal(t.legend, `"><script>window.__pwned='question'</script>`);
    assert.equal(t.option, `<img src=x onerror="window.__pwned='option'">`);
    assert.equal(t.caption, "<script>window.__pwned='caption'</script>");
    await assertClean(page, events, '/guides/attack/');
  }));

// The hostile filter (tests/fixtures/hostile/content/filters/evil.yaml), as its author
// wrote it: the texts the runtime copies into the page when it names the open questions,
// quotes the answers and gives a rule's rationale.
const EVIL = {
  legend: {
    q: `"><script>window.__pwned='question'</script>`,
    r: `</legend><script>window.__pwned='question2'</script>" onfocus="window.__pwned='question2-attr'`,
  },
  label: {
    q: { one: `<img src=x onerror="window.__pwned='option'">`, two: `</script><script>window.__pwned='option2'</script>` },
    r: {
      a: `"><svg onload="window.__pwned='option3'">`,
      b: `javascript:window.__pwned='option4'`,
      c: `');window.__pwned='option5';('" onclick="window.__pwned='option5-attr'`,
    },
  },
  title: { o: `<script>window.__pwned='outcome'</script>`, p: `"><img src=x onerror="window.__pwned='outcome2'">` },
  because: [
    `"><img src=x onerror="window.__pwned='because1'">`,
    `javascript:window.__pwned='because2'`,
    `');window.__pwned='because3';('</p><script>window.__pwned='because3b'</script>`,
    `<a href="javascript:window.__pwned='because4'">link</a>`,
    `</script><script>window.__pwned='because'</script>`,
  ],
};
const quoted = (...labels) => `Because you answered ${labels.map((l) => `“${l}”`).join(' and ')}: `;

// Every path of the runtime, each with what it must show, as text.
const EVIL_STEPS = [
  // One answer, the outcome still open: the hint names the other question.
  { given: { q: 'one' }, hint: `To see a recommendation, also answer: “${EVIL.legend.r}”.` },
  { given: { r: 'b' }, hint: `To see a recommendation, also answer: “${EVIL.legend.q}”.` },
  { given: { r: 'c' }, hint: `To see a recommendation, also answer: “${EVIL.legend.q}”.` },
  // One answer that already settles the outcome, through several rules.
  { given: { r: 'a' }, outcome: 'o', because: quoted(EVIL.label.r.a) + EVIL.because[0] },
  { given: { q: 'two' }, outcome: 'o', because: quoted(EVIL.label.q.two) + EVIL.because[1] },
  // Both answered: each rule decides.
  { given: { q: 'one', r: 'a' }, outcome: 'o', because: quoted(EVIL.label.q.one, EVIL.label.r.a) + EVIL.because[0] },
  { given: { q: 'two', r: 'a' }, outcome: 'o', because: quoted(EVIL.label.q.two, EVIL.label.r.a) + EVIL.because[1] },
  { given: { q: 'one', r: 'b' }, outcome: 'p', because: quoted(EVIL.label.q.one, EVIL.label.r.b) + EVIL.because[2] },
  { given: { q: 'one', r: 'c' }, outcome: 'p', because: quoted(EVIL.label.q.one, EVIL.label.r.c) + EVIL.because[2] },
  { given: { q: 'two', r: 'b' }, outcome: 'o', because: quoted(EVIL.label.q.two, EVIL.label.r.b) + EVIL.because[3] },
  { given: { q: 'two', r: 'c' }, outcome: 'o', because: EVIL.because[4] },
];

test('the hostile filter: hints, quoted answers, rationales and outcomes show as text and run nothing', PAGE_TIMEOUT, () =>
  withHostilePage(async (page, events) => {
    const withFilter = [];
    for (const path of pages) {
      await page.goto(server.origin + path, { waitUntil: 'load' });
      if (await page.$('form.decision input[type=radio]')) withFilter.push(path);
    }
    assert.ok(withFilter.length >= 1, 'no page of the hostile site carries the filter');
    for (const path of withFilter) {
      await page.goto(server.origin + path, { waitUntil: 'load' });
      await page.waitForSelector('form.decision.decision-ready');
      const names = await page.$$eval('form.decision fieldset[data-question]', (fs) => fs.map((f) => f.dataset.question));
      assert.deepEqual(names, ['q', 'r'], `${path}: the hostile filter's questions`);
      for (const step of EVIL_STEPS) {
        const where = `${path} with ${JSON.stringify(step.given)}`;
        await page.getByRole('button', { name: /start over/i }).click();
        for (const [q, o] of Object.entries(step.given)) {
          await page.locator('form.decision label').filter({ has: page.locator(`input[name="${q}"][value="${o}"]`) }).click();
        }
        const shown = await page.$eval('form.decision .decision-result', (r) => ({
          outcome: r.querySelector('[data-outcome]')?.dataset.outcome ?? null,
          title: r.querySelector('[data-outcome] h3')?.textContent.trim() ?? null,
          because: r.querySelector('.decision-because')?.textContent ?? null,
          quoted: r.querySelector('.decision-because strong')?.textContent ?? null,
          hint: r.querySelector('.decision-hint')?.textContent ?? null,
          elements: [...r.querySelectorAll('.decision-because *, .decision-hint *')].map((e) => e.tagName.toLowerCase()),
        }));
        if (step.hint) {
          assert.equal(shown.outcome, null, `${where}: a recommendation shows before the answers settle it`);
          assert.equal(shown.hint, step.hint, `${where}: the hint`);
        } else {
          assert.equal(shown.outcome, step.outcome, `${where}: the recommendation`);
          assert.equal(shown.title, EVIL.title[step.outcome], `${where}: the outcome's title`);
          assert.equal(shown.because, step.because, `${where}: the rationale`);
          if (step.because.startsWith('Because')) assert.equal(shown.quoted, step.because.slice(0, step.because.indexOf(': ') + 2));
        }
        assert.deepEqual(shown.elements, step.hint || !shown.quoted ? [] : ['strong'], `${where}: the hostile text became markup`);
        await page.evaluate(provoke);
        await assertClean(page, events, where);
      }
      // Reload the shared URL, go back and forward, start over.
      const shared = page.url();
      await page.goto(shared, { waitUntil: 'load' });
      await page.goBack();
      await page.goForward();
      await page.getByRole('button', { name: /start over/i }).click();
      await page.evaluate(provoke);
      await assertClean(page, events, `${path} after reload, back, forward and start over`);
    }
  }));

test('ticking the hostile compare boxes runs nothing', PAGE_TIMEOUT, () =>
  withHostilePage(async (page, events) => {
    const path = '/compare/evil/';
    await page.goto(server.origin + path, { waitUntil: 'load' });
    await page.waitForSelector('[data-compare-form]:not([hidden])', { state: 'visible' });
    const boxes = await page.$$eval('[data-compare-form] input[type=checkbox]', (bs) => bs.map((b) => ({ name: b.name, value: b.value })));
    assert.ok(boxes.length >= 3, `${path} shows only ${boxes.length} boxes`);
    for (const b of boxes) {
      const label = page
        .locator('[data-compare-form] label')
        .filter({ has: page.locator(`input[name="${b.name}"][value="${b.value}"]`) });
      await label.click();
      await page.evaluate(provoke);
      await assertClean(page, events, `${path} after toggling ${b.name}=${b.value}`);
      await label.click();
    }
    // A hostile query string names no known id: it must be ignored, not echoed.
    const evil = `?e=${encodeURIComponent('"><img src=x onerror=window.__pwned=1>')},a&d=${encodeURIComponent('<script>window.__pwned=2</script>')}`;
    await page.goto(server.origin + path + evil, { waitUntil: 'load' });
    await page.goBack();
    await page.goForward();
    await page.evaluate(provoke);
    await assertClean(page, events, `${path}${evil}`);
    const status = await page.$eval('[data-compare-status]', (s) => s.innerHTML);
    assert.ok(!/<img|<script/i.test(status), `the status line holds markup: ${status}`);
  }));

test('a hostile query string on the filter page runs nothing', PAGE_TIMEOUT, () =>
  withHostilePage(async (page, events) => {
    const path = '/guides/attack/';
    const evil = `?q=${encodeURIComponent('"><img src=x onerror=window.__pwned=1>')}&x=${encodeURIComponent('</script><script>window.__pwned=2</script>')}`;
    await page.goto(server.origin + path + evil, { waitUntil: 'load' });
    await page.evaluate(provoke);
    await assertClean(page, events, `${path}${evil}`);
  }));

test('searching the hostile site: results and excerpts stay text', PAGE_TIMEOUT, () =>
  withHostilePage(async (page, events) => {
    for (const q of ['pwned', 'script', 'onerror img', 'window', '<script>window.__pwned=1</script>', '"><img src=x onerror=alert(1)>']) {
      const path = `/search/?q=${encodeURIComponent(q)}`;
      await page.goto(server.origin + path, { waitUntil: 'load' });
      await page.waitForFunction(
        () => {
          const s = document.getElementById('search-status')?.textContent ?? '';
          return s && !/Searching/.test(s);
        },
        null,
        { timeout: 15_000 },
      );
      const status = await page.$eval('#search-status', (s) => s.textContent);
      assert.doesNotMatch(status, /not available/i, `${path}: ${status}`);
      if (q === 'pwned' || q === 'script') {
        const n = await page.$$eval('#search-results > li', (lis) => lis.length);
        assert.ok(n >= 1, `${path} found nothing ("${status}"): the hostile text never reached the results`);
      }
      const marks = await page.$$eval('#search-results *', (els) =>
        [...new Set(els.map((e) => e.tagName.toLowerCase()))].filter((t) => !['li', 'h2', 'a', 'p', 'mark', 'ul'].includes(t)),
      );
      // The result markup: a heading link, a topic line, an excerpt with <mark>, and a list
      // of the page's matching sections (links whose text is set as text).
      assert.deepEqual(marks, [], `${path}: search results hold elements other than the result markup`);
      await page.evaluate(provoke);
      await assertClean(page, events, path);
    }
    // And typed into the box on the page.
    await page.fill('#search-input', '</script><script>window.__pwned="typed"</script>');
    await page.waitForTimeout(800);
    await page.evaluate(provoke);
    await assertClean(page, events, '/search/ after typing a payload');
  }));
