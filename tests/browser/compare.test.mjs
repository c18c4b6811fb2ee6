// The compare page (/compare/<dataset>/, issue 3) in real Chromium: readers tick which
// options (columns, two or more) and which dimensions (rows) to show; the choice lives
// in the URL (?e=a,b&d=x,y), survives a reload in a new page and follows back/forward;
// the form works from the keyboard; without JavaScript the whole table shows; at
// 360 px the page never scrolls sideways while the table scrolls in its own box with
// its first column kept in view. Also an article's ```compare block at 360 px.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SITE, setup, tabUntil, withPage } from './lib.mjs';

const ALTITUDE = '/compare/altitude/';
const ENGAGEMENT = '/compare/engagement-models/';
const ARTICLE = '/fractional-leadership/fractional-sales-leader-vs-fractional-cro/';
const DESKTOP = { viewport: { width: 1280, height: 900 } };
const MOBILE = { viewport: { width: 360, height: 800 }, deviceScaleFactor: 1 };
const TIMEOUT = { timeout: 60_000 };

// Every compare page the build wrote (at least the two above are expected).
const COMPARE_PAGES = existsSync(join(SITE, 'compare'))
  ? readdirSync(join(SITE, 'compare'))
      .filter((d) => existsSync(join(SITE, 'compare', d, 'index.html')))
      .sort()
      .map((d) => `/compare/${d}/`)
  : [];

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

// What the reader sees: the visible column headers, the visible rows and the visible
// cells of each visible row, the ticked boxes, the status line and the URL query.
async function state(page) {
  return page.evaluate(() => {
    const root = document.querySelector('[data-compare]');
    const table = root.querySelector('table');
    const shown = (el) => el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
    const ids = (els, key) => [...els].filter(shown).map((el) => el.dataset[key]);
    const form = root.querySelector('[data-compare-form]');
    const boxes = (name) => [...form.querySelectorAll(`input[name="${name}"]`)];
    return {
      allEntities: boxes('e').map((b) => b.value),
      allDimensions: boxes('d').map((b) => b.value),
      formShown: shown(form),
      headers: ids(table.querySelectorAll('thead [data-entity]'), 'entity'),
      rows: ids(table.querySelectorAll('tbody tr[data-dimension]'), 'dimension'),
      cells: Object.fromEntries(
        [...table.querySelectorAll('tbody tr[data-dimension]')]
          .filter(shown)
          .map((tr) => [tr.dataset.dimension, ids(tr.querySelectorAll('[data-entity]'), 'entity')]),
      ),
      ticked: {
        e: boxes('e').filter((b) => b.checked).map((b) => b.value),
        d: boxes('d').filter((b) => b.checked).map((b) => b.value),
      },
      status: root.querySelector('[data-compare-status]')?.textContent.trim() ?? null,
      search: location.search,
    };
  });
}

// Asserts that exactly `entities` (in page order) and `dimensions` show, in the header
// row and in every visible body row, and that the boxes say the same.
function assertShows(s, entities, dimensions, where) {
  assert.deepEqual(s.headers, entities, `${where}: visible column headers`);
  assert.deepEqual(s.rows, dimensions, `${where}: visible rows`);
  for (const d of dimensions) {
    assert.deepEqual(s.cells[d], entities, `${where}: visible cells of the row "${d}"`);
  }
  assert.deepEqual(s.ticked.e, entities, `${where}: ticked option boxes`);
  assert.deepEqual(s.ticked.d, dimensions, `${where}: ticked dimension boxes`);
}

function query(s) {
  const q = new URLSearchParams(s.search);
  return { e: q.get('e'), d: q.get('d') };
}

// Unticks or ticks a box by clicking its label text, as a reader does.
const clickLabel = (page, name, value) =>
  page
    .locator('[data-compare-form] label')
    .filter({ has: page.locator(`input[name="${name}"][value="${value}"]`) })
    .click();

async function open(page, path) {
  const response = await page.goto(env.origin + path, { waitUntil: 'load' });
  assert.equal(response.status(), 200, `${path} answered ${response.status()}`);
  await page.waitForSelector('[data-compare-form]:not([hidden])', { state: 'visible' });
}

for (const path of [ALTITUDE, ENGAGEMENT]) {
  test(`compare page is built: ${path}`, () => {
    assert.ok(COMPARE_PAGES.includes(path), `${path} was not built (compare pages: ${COMPARE_PAGES.join(', ')})`);
  });
}

// Every compare page: with nothing in the URL everything shows; narrowing the columns
// to the first and last option shows exactly those, and the URL names them.
for (const path of COMPARE_PAGES) {
  test(`select two options, exactly their columns show and the URL holds them: ${path}`, TIMEOUT, () =>
    withPage(env, DESKTOP, async (page) => {
      await open(page, path);
      let s = await state(page);
      assert.ok(s.allEntities.length >= 2, `${path} offers ${s.allEntities.length} option(s)`);
      assert.ok(s.allDimensions.length >= 1, `${path} offers no dimension`);
      assertShows(s, s.allEntities, s.allDimensions, `${path} on load`);
      assert.equal(s.search, '', 'the URL gained a query before anything was ticked');

      const keep = [s.allEntities[0], s.allEntities.at(-1)];
      for (const id of s.allEntities.slice(1, -1)) await clickLabel(page, 'e', id);
      s = await state(page);
      assertShows(s, keep, s.allDimensions, `${path} after unticking to two options`);
      assert.deepEqual(query(s), { e: s.allEntities.length > 2 ? keep.join(',') : null, d: null }, 'URL query');
      if (s.allEntities.length > 2) {
        assert.match(s.status, /2 options/, `the status line says "${s.status}"`);
      }
    }));
}

test('engagement models: two of four options, shared URL in a new page, back and forward', TIMEOUT, () =>
  withPage(env, DESKTOP, async (page) => {
    await open(page, ENGAGEMENT);
    const all = (await state(page)).allEntities;
    const dims = (await state(page)).allDimensions;
    assert.equal(all.length, 4, `${ENGAGEMENT} should compare four options, has ${all.join(', ')}`);
    const [a, b, c, d] = all;

    await clickLabel(page, 'e', b);
    const three = await state(page);
    assertShows(three, [a, c, d], dims, 'after unticking one option');
    assert.deepEqual(query(three), { e: [a, c, d].join(','), d: null });
    await clickLabel(page, 'e', c);
    const two = await state(page);
    assertShows(two, [a, d], dims, 'after unticking two options');
    assert.deepEqual(query(two), { e: `${a},${d}`, d: null });
    assert.match(two.status, /Showing 2 options and 6 dimensions/);
    const shared = page.url();

    // The shared URL, opened by someone else: a new context, so nothing carries over.
    await withPage(env, DESKTOP, async (other) => {
      await open(other, new URL(shared).pathname + new URL(shared).search);
      const s = await state(other);
      assertShows(s, [a, d], dims, `the shared URL ${shared} in a new page`);
    });

    // Back: three options, then all four (and no query); forward again.
    const expectAt = async (search, entities, where) => {
      await page.waitForFunction((q) => location.search === q, search, { timeout: 5000 }).catch(() => {});
      const s = await state(page);
      assert.equal(s.search, search, `${where}: URL query`);
      assertShows(s, entities, dims, where);
    };
    await page.goBack();
    await expectAt(three.search, [a, c, d], 'after Back');
    await page.goBack();
    await expectAt('', all, 'after Back twice');
    await page.goForward();
    await expectAt(three.search, [a, c, d], 'after Forward');
    await page.goForward();
    await expectAt(two.search, [a, d], 'after Forward twice');
  }));

test('fewer than two options: the message shows and the table keeps the last choice', TIMEOUT, () =>
  withPage(env, DESKTOP, async (page) => {
    for (const path of [ALTITUDE, ENGAGEMENT]) {
      await open(page, path);
      const all = (await state(page)).allEntities;
      const dims = (await state(page)).allDimensions;
      // Down to two options first (a no-op on a two-option dataset).
      for (const id of all.slice(1, -1)) await clickLabel(page, 'e', id);
      const before = await state(page);
      const last = [all[0], all.at(-1)];
      assertShows(before, last, dims, `${path} with two options`);

      await clickLabel(page, 'e', all[0]);
      const s = await state(page);
      assert.match(s.status, /at least two/i, `${path}: with one option ticked the status says "${s.status}"`);
      assert.deepEqual(s.headers, last, `${path}: the table must keep its last two columns`);
      for (const dim of dims) assert.deepEqual(s.cells[dim], last, `${path}: row ${dim} must keep its cells`);
      assert.equal(s.search, before.search, `${path}: the URL must not change to a one-option choice`);
      const visible = await page.locator('[data-compare-status]').isVisible();
      assert.ok(visible, `${path}: the message is not visible`);
    }
  }));

test('dimension boxes hide and show rows, and the URL names the rows left', TIMEOUT, () =>
  withPage(env, DESKTOP, async (page) => {
    await open(page, ALTITUDE);
    const { allEntities: ents, allDimensions: dims } = await state(page);
    assert.ok(dims.length >= 3, `${ALTITUDE} has only ${dims.length} dimensions`);
    const drop = [dims[0], dims[2]];
    for (const d of drop) await clickLabel(page, 'd', d);
    const left = dims.filter((d) => !drop.includes(d));
    let s = await state(page);
    assertShows(s, ents, left, 'after unticking two dimensions');
    assert.deepEqual(query(s), { e: null, d: left.join(',') });

    // Untick all but one: still a table; the last one cannot go.
    for (const d of left.slice(1)) await clickLabel(page, 'd', d);
    s = await state(page);
    assertShows(s, ents, [left[0]], 'with one dimension');
    await clickLabel(page, 'd', left[0]);
    s = await state(page);
    assert.deepEqual(s.rows, [left[0]], 'with no dimension ticked the last row stays');
    assert.match(s.status, /at least one dimension/i, `the status says "${s.status}"`);

    // Ticking one back shows it again, and a shared URL with rows reloads the same.
    // The boxes, not the table, are what the next change starts from: the box just
    // unticked stays unticked, so ticking another shows that one alone.
    await clickLabel(page, 'd', dims[0]);
    s = await state(page);
    assertShows(s, ents, [dims[0]], 'after ticking a dimension back');
    await clickLabel(page, 'd', left[0]);
    s = await state(page);
    const order = dims.filter((d) => d === dims[0] || d === left[0]);
    assertShows(s, ents, order, 'after ticking a second dimension back');
    await withPage(env, DESKTOP, async (other) => {
      await open(other, ALTITUDE + s.search);
      assertShows(await state(other), ents, order, `the shared URL ${s.search} in a new page`);
    });
  }));

test('keyboard only: Tab reaches the boxes, Space toggles them', TIMEOUT, () =>
  withPage(env, DESKTOP, async (page) => {
    await open(page, ENGAGEMENT);
    const { allEntities: all, allDimensions: dims } = await state(page);
    await tabUntil(page, (a) => a.matches('[data-compare-form] input[type=checkbox][name="e"]'));
    const focused = () =>
      page.evaluate(() => {
        const a = document.activeElement;
        const s = getComputedStyle(a);
        return {
          value: a.value,
          name: a.name,
          checked: a.checked,
          focusVisible: a.matches(':focus-visible'),
          outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0,
        };
      });
    let f = await focused();
    assert.equal(f.value, all[0], 'the first option box is the first one Tab reaches');
    assert.ok(f.focusVisible && f.outline, 'the focused box shows no visible focus outline');

    // Tab to the second option, Space unticks it; focus stays on it.
    await page.keyboard.press('Tab');
    f = await focused();
    assert.equal(f.value, all[1], 'Tab moves to the next option box');
    await page.keyboard.press('Space');
    f = await focused();
    assert.equal(f.value, all[1], 'focus left the box after Space');
    assert.equal(f.checked, false, 'Space did not untick the box');
    let s = await state(page);
    assertShows(s, all.filter((id) => id !== all[1]), dims, 'after Space on the second option');
    assert.equal(query(s).e, all.filter((id) => id !== all[1]).join(','));

    // Space again ticks it back; the URL drops the query (everything shows).
    await page.keyboard.press('Space');
    s = await state(page);
    assertShows(s, all, dims, 'after Space again');
    assert.equal(s.search, '');

    // On to the dimension boxes, still by Tab alone.
    await tabUntil(page, (a) => a.matches('[data-compare-form] input[type=checkbox][name="d"]'), null, 10);
    f = await focused();
    await page.keyboard.press('Space');
    s = await state(page);
    assertShows(s, all, dims.filter((d) => d !== f.value), `after Space on the dimension ${f.value}`);
  }));

// The table's scroll box at 360 px: it scrolls sideways (a wheel over it moves it, not
// the page) and its first column stays at the box's left edge, on top.
async function checkScrollBox(page, boxSelector, where) {
  const boxEl = page.locator(boxSelector).first();
  // The box is often taller than the viewport: bring its top (header and first row) in view.
  await boxEl.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  const before = await boxEl.evaluate((el) => ({
    scrollWidth: el.scrollWidth,
    clientWidth: el.clientWidth,
    overflowX: getComputedStyle(el).overflowX,
  }));
  assert.ok(
    before.scrollWidth > before.clientWidth,
    `${where}: the table box does not scroll at 360 px (scrollWidth ${before.scrollWidth}, clientWidth ${before.clientWidth})`,
  );
  assert.match(before.overflowX, /auto|scroll/, `${where}: the table box has overflow-x: ${before.overflowX}`);

  const bb = await boxEl.boundingBox();
  const viewport = page.viewportSize();
  const y = Math.max(bb.y, 0) + Math.min(100, (Math.min(bb.y + bb.height, viewport.height) - Math.max(bb.y, 0)) / 2);
  await page.mouse.move(bb.x + bb.width / 2, y);
  await page.mouse.wheel(400, 0);
  await boxEl.evaluate(
    (el) =>
      new Promise((ok) => {
        const t0 = performance.now();
        const tick = () => (el.scrollLeft > 0 || performance.now() - t0 > 2000 ? ok() : requestAnimationFrame(tick));
        tick();
      }),
  );
  const afterScroll = await boxEl.evaluate((el) => {
    const inner = el.getBoundingClientRect().left + el.clientLeft;
    // The first cell of the first body row: the sticky row header.
    const row = [...el.querySelectorAll('tbody tr')].find((tr) => tr.checkVisibility());
    const first = row.firstElementChild;
    const second = [...row.children].slice(1).find((c) => c.checkVisibility());
    const r = first.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + Math.min(r.width / 2, 20), r.top + Math.min(r.height / 2, 10));
    return {
      scrollLeft: el.scrollLeft,
      boxLeft: inner,
      firstLeft: r.left,
      firstText: first.textContent.trim().slice(0, 40),
      secondLeft: second.getBoundingClientRect().left,
      onTop: !!hit && first.contains(hit),
      pageScrollX: window.scrollX,
      pageScrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    };
  });
  assert.ok(afterScroll.scrollLeft > 0, `${where}: a sideways wheel over the table did not scroll its box`);
  assert.equal(afterScroll.pageScrollX, 0, `${where}: the page scrolled sideways instead of the table box`);
  assert.ok(
    afterScroll.pageScrollWidth <= afterScroll.innerWidth,
    `${where}: the page is ${afterScroll.pageScrollWidth}px wide at 360 px`,
  );
  assert.ok(
    Math.abs(afterScroll.firstLeft - afterScroll.boxLeft) <= 1.5,
    `${where}: with the table scrolled by ${afterScroll.scrollLeft}px the first column ("${afterScroll.firstText}") ` +
      `is at x=${afterScroll.firstLeft}, not at the box's left edge x=${afterScroll.boxLeft} (not sticky)`,
  );
  assert.ok(afterScroll.onTop, `${where}: the first column is covered by the cells scrolling under it`);
  assert.ok(afterScroll.secondLeft < afterScroll.firstLeft + 200, `${where}: the other columns did not move`);
}

async function noSidewaysScroll(page, where) {
  const o = await page.evaluate(() => {
    window.scrollTo(10_000, window.scrollY);
    return { scrollWidth: document.documentElement.scrollWidth, width: window.innerWidth, x: window.scrollX };
  });
  assert.ok(o.scrollWidth <= o.width, `${where}: the page is ${o.scrollWidth}px wide in a ${o.width}px viewport`);
  assert.equal(o.x, 0, `${where}: the page scrolls sideways`);
}

for (const path of [ALTITUDE, ENGAGEMENT]) {
  test(`360 px: no sideways page scroll, the table scrolls in its box with the first column in view: ${path}`, TIMEOUT, () =>
    withPage(env, MOBILE, async (page) => {
      await open(page, path);
      await noSidewaysScroll(page, path);
      await checkScrollBox(page, '[data-compare] .table-scroll', path);
      // Also with a narrower choice of columns.
      const all = (await state(page)).allEntities;
      for (const id of all.slice(1, -1)) await clickLabel(page, 'e', id);
      await noSidewaysScroll(page, `${path} with two options`);
    }));
}

test(`360 px: an article's compare block scrolls in its box, the page does not: ${ARTICLE}`, TIMEOUT, () =>
  withPage(env, MOBILE, async (page) => {
    const response = await page.goto(env.origin + ARTICLE, { waitUntil: 'load' });
    assert.equal(response.status(), 200);
    const boxes = await page.locator('figure.compare .table-scroll').count();
    assert.ok(boxes >= 1, `${ARTICLE} has no compare table (figure.compare .table-scroll)`);
    await noSidewaysScroll(page, ARTICLE);
    await checkScrollBox(page, 'figure.compare .table-scroll', ARTICLE);
    await noSidewaysScroll(page, `${ARTICLE} after scrolling the table`);
  }));

for (const path of [ALTITUDE, ENGAGEMENT]) {
  test(`without JavaScript the complete table shows and the form stays hidden: ${path}`, TIMEOUT, () =>
    withPage(env, { ...DESKTOP, javaScriptEnabled: false }, async (page) => {
      const response = await page.goto(env.origin + path, { waitUntil: 'load' });
      assert.equal(response.status(), 200);
      // The script un-hides the form when it runs, so a hidden form says it did not.
      assert.ok(await page.$eval('[data-compare-form]', (f) => f.hidden), 'the page script ran: JavaScript is not off');
      const s = await page.$eval('[data-compare]', (root) => {
        const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
        const table = root.querySelector('table');
        const rows = [...table.querySelectorAll('tbody tr[data-dimension]')];
        return {
          boxes: {
            e: [...root.querySelectorAll('input[name="e"]')].map((b) => b.value),
            d: [...root.querySelectorAll('input[name="d"]')].map((b) => b.value),
          },
          formShown: shown(root.querySelector('[data-compare-form]')),
          headers: [...table.querySelectorAll('thead [data-entity]')].filter(shown).map((c) => c.dataset.entity),
          rows: rows.filter(shown).map((r) => r.dataset.dimension),
          cells: rows.map((r) => [...r.querySelectorAll('[data-entity]')].filter(shown).map((c) => c.dataset.entity)),
          emptyCells: rows.flatMap((r) => [...r.querySelectorAll('td')].filter((c) => !c.textContent.trim())).length,
        };
      });
      assert.ok(s.boxes.e.length >= 2);
      assert.deepEqual(s.headers, s.boxes.e, 'every option has a visible column');
      assert.deepEqual(s.rows, s.boxes.d, 'every dimension has a visible row');
      for (const cells of s.cells) assert.deepEqual(cells, s.boxes.e, 'every row shows every option');
      assert.equal(s.emptyCells, 0, 'a table cell is empty');
      assert.equal(s.formShown, false, 'the checkboxes show without JavaScript, where they can do nothing');
    }));
}

test('the compare page makes no request but its own files', TIMEOUT, () =>
  withPage(env, DESKTOP, async (page, context) => {
    await open(page, ENGAGEMENT);
    const later = [];
    page.on('request', (r) => later.push(r.url()));
    const all = (await state(page)).allEntities;
    await clickLabel(page, 'e', all[1]);
    await clickLabel(page, 'd', (await state(page)).allDimensions[0]);
    await page.goBack();
    await page.goForward();
    assert.deepEqual(later, [], 'the script made requests while the reader ticked boxes');
    assert.deepEqual(context.foreign, [], 'requests to other hosts');
  }));
