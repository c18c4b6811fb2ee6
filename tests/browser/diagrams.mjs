// Diagrams (#30) in real Chromium, on the diagrams fixture (the bundled site has none):
// at 390 and 1280 px, light and dark, every Mermaid diagram is visible, fits the
// column, draws its lines in the page's text colour, and axe finds no violation;
// screenshots go to screenshots/diagrams-WIDTH-SCHEME.png to be looked at.
//
// The decision filters' trees (/notes/decision-tree/ in one drawing, /notes/split-tree/
// in a <details> per season), with every <details> of the tree open:
// each drawing is visible at its natural size, its words at least 11 px on screen,
// inside a figure that stays in the column and scrolls sideways where the drawing is
// wider (a region named by the drawing's title, reached with Tab, with a focus ring,
// scrolled by the arrow keys); the list that tells the same tree follows it; axe and
// vnu find nothing. Screenshots: screenshots/PAGE-WIDTH-SCHEME.png.
//
//   cargo run -- build --root tests/fixtures/diagrams --output /tmp/diagrams-site
//   PILLAR_SITE=/tmp/diagrams-site node tests/browser/diagrams.mjs
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { HERE, SITE, isolatedContext, setup, tabUntil, vnu } from './lib.mjs';

const OUT = join(HERE, 'screenshots');
const AXE = join(HERE, 'node_modules', 'axe-core', 'axe.min.js');
const PAGES = ['/notes/diagrams/', '/notes/included/'];
const TREES = ['/notes/decision-tree/', '/notes/split-tree/'];
mkdirSync(OUT, { recursive: true });

const env = await setup();
let failures = 0;
let passes = 0;
// Runs `check`, printing ok or not ok with `label`, and counts it.
async function run(label, check) {
  try {
    const said = await check();
    passes += 1;
    console.log(`ok ${label}${said ? `: ${said}` : ''}`);
  } catch (error) {
    failures += 1;
    console.log(`not ok ${label}: ${error.message}`);
  }
}

await run(`vnu ${TREES.join(' ')}`, () => {
  const files = TREES.map((path) => join(SITE, path, 'index.html'));
  const { byFile, unplaced } = vnu(files);
  const messages = [...[...byFile.values()].flat(), ...unplaced].map((m) => `${m.url}:${m.lastLine}: ${m.message}`);
  assert.deepEqual(messages, []);
});

try {
  for (const width of [390, 1280]) {
    for (const scheme of ['light', 'dark']) {
      const context = await isolatedContext(env.browser, env.origin, {
        viewport: { width, height: 900 },
        colorScheme: scheme,
      });
      const page = await context.newPage();
      for (const path of PAGES) {
        await page.goto(env.origin + path, { waitUntil: 'networkidle' });
        const diagrams = await page.$$eval('figure.diagram svg', (svgs) =>
          svgs.map((svg) => {
            const box = svg.getBoundingClientRect();
            const column = svg.closest('.prose').getBoundingClientRect();
            const line = svg.querySelector('polyline');
            return {
              width: box.width,
              height: box.height,
              fits: box.left >= column.left - 0.5 && box.right <= column.right + 0.5,
              stroke: line && getComputedStyle(line).stroke,
              text: getComputedStyle(svg).color,
              name: svg.getAttribute('aria-labelledby'),
            };
          }),
        );
        const label = `${path} at ${width} ${scheme}`;
        await run(label, async () => {
          assert.ok(diagrams.length > 0, `${label}: no diagram`);
          for (const d of diagrams) {
            assert.ok(d.width > 100 && d.height > 50, `${label}: ${JSON.stringify(d)}`);
            assert.ok(d.fits, `${label}: wider than the column: ${JSON.stringify(d)}`);
            assert.equal(d.stroke, d.text, `${label}: lines are not the text colour`);
          }
          assert.deepEqual(await axe(page), [], `${label}: axe`);
          return diagrams.map((d) => `${Math.round(d.width)}x${Math.round(d.height)}`).join(', ');
        });
        if (path === PAGES[0]) {
          await page.screenshot({ path: join(OUT, `diagrams-${width}-${scheme}.png`), fullPage: true });
        }
      }
      for (const path of TREES) {
        await run(`${path} at ${width} ${scheme}`, () => checkTree(page, path, width, scheme));
      }
      await context.close();
    }
  }
} finally {
  await env.close();
}
console.log(`${passes} passed, ${failures} failed`);

// axe's violations on `page`, one line each (none expected).
async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.addScriptTag({ path: AXE });
  }
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

// A decision tree's page at `path`, `width` wide, in `scheme`: see the top of this file.
async function checkTree(page, path, width, scheme) {
  await page.goto(env.origin + path, { waitUntil: 'networkidle' });
  const opened = await page.$$eval('details.decision-tree, .decision-tree details', (all) => {
    for (const d of all) d.open = true;
    return all.length;
  });
  assert.ok(opened > 0, 'no decision tree');
  const drawings = await page.$$eval('figure.decision-diagram', (figures) =>
    figures.map((figure) => {
      const svg = figure.querySelector('svg');
      const box = svg.getBoundingClientRect();
      const frame = figure.getBoundingClientRect();
      const column = figure.closest('.prose').getBoundingClientRect();
      // The words' size on screen: their font size times the drawing's scale.
      const scale = box.width / svg.viewBox.baseVal.width;
      const sizes = [...svg.querySelectorAll('text')].map(
        (t) => parseFloat(getComputedStyle(t).fontSize) * scale,
      );
      const list = figure.nextElementSibling;
      return {
        width: box.width,
        height: box.height,
        natural: Number(svg.getAttribute('width')),
        visible: getComputedStyle(svg).visibility === 'visible' && box.width > 0,
        smallest: Math.min(...sizes),
        inColumn: frame.left >= column.left - 0.5 && frame.right <= column.right + 0.5,
        overflows: figure.scrollWidth > figure.clientWidth,
        role: figure.getAttribute('role'),
        tabindex: figure.getAttribute('tabindex'),
        title: svg.querySelector('title').textContent,
        list: list && list.matches('ul.decision-tree-list') ? list.querySelectorAll('a').length : 0,
        listShown: list ? list.getBoundingClientRect().height : 0,
        stroke: getComputedStyle(svg.querySelector('polyline')).stroke,
        color: getComputedStyle(svg).color,
      };
    }),
  );
  assert.ok(drawings.length > 0, 'no drawing');
  for (const [i, d] of drawings.entries()) {
    const about = JSON.stringify(d);
    assert.ok(d.visible && d.width > 100 && d.height > 50, `drawing ${i} not shown: ${about}`);
    assert.ok(Math.abs(d.width - d.natural) < 1, `drawing ${i} not at its natural size: ${about}`);
    assert.ok(d.smallest >= 11, `drawing ${i}: words of ${d.smallest.toFixed(1)} px: ${about}`);
    assert.ok(d.inColumn, `drawing ${i}: its figure leaves the column: ${about}`);
    assert.equal(d.stroke, d.color, `drawing ${i}: lines are not the text colour`);
    assert.equal(d.role, 'region', about);
    assert.equal(d.tabindex, '0', about);
    assert.ok(d.list > 0 && d.listShown > 0, `drawing ${i}: no list after it: ${about}`);
    // Named by its title, as the accessibility tree tells it.
    assert.equal(await page.getByRole('region', { name: d.title, exact: true }).count(), 1, `no region named ${d.title}`);
  }
  // The first drawing, reached with Tab: a focus ring, and the arrow keys scroll it
  // where it is wider than the column.
  await tabUntil(page, (el) => el.matches('figure.decision-diagram'));
  const ring = await page.evaluate(() => {
    const s = getComputedStyle(document.activeElement);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
  });
  assert.ok(ring.style !== 'none' && ring.width >= 2, `no focus ring: ${JSON.stringify(ring)}`);
  if (drawings[0].overflows) {
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.activeElement.scrollLeft > 0, null, { timeout: 2000 });
  }
  // Back to rest for axe and the screenshot: no focus, scrolled to the start (the
  // arrow key's scroll is smooth, so wait for it to be over).
  await page.waitForTimeout(500);
  await page.evaluate(() => {
    const figure = document.activeElement;
    figure.blur();
    figure.scrollTo({ left: 0, behavior: 'instant' });
  });
  await page.waitForFunction(() => document.querySelector('figure.decision-diagram').scrollLeft === 0);
  assert.deepEqual(await axe(page), [], 'axe');
  await page.locator('details.decision-tree').screenshot({ path: join(OUT, `${path.split('/').at(-2)}-${width}-${scheme}.png`) });
  return drawings
    .map((d) => `${Math.round(d.width)}x${Math.round(d.height)}${d.overflows ? ' (scrolls)' : ''}, words ${d.smallest.toFixed(1)} px`)
    .join('; ');
}

process.exit(failures ? 1 : 0);
