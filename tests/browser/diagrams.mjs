// Diagrams (#30) in real Chromium, on the diagrams fixture (the bundled site has none):
// at 390 and 1280 px, light and dark, every diagram is visible, fits the column, draws
// its lines in the page's text colour, and axe finds no violation; screenshots go to
// screenshots/diagrams-WIDTH-SCHEME.png to be looked at.
//
//   cargo run -- build --root tests/fixtures/diagrams --output /tmp/diagrams-site
//   PILLAR_SITE=/tmp/diagrams-site node tests/browser/diagrams.mjs
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { HERE, isolatedContext, setup } from './lib.mjs';

const OUT = join(HERE, 'screenshots');
const AXE = join(HERE, 'node_modules', 'axe-core', 'axe.min.js');
const PAGES = ['/notes/diagrams/', '/notes/included/'];
mkdirSync(OUT, { recursive: true });

const env = await setup();
let failures = 0;
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
        try {
          assert.ok(diagrams.length > 0, `${label}: no diagram`);
          for (const d of diagrams) {
            assert.ok(d.width > 100 && d.height > 50, `${label}: ${JSON.stringify(d)}`);
            assert.ok(d.fits, `${label}: wider than the column: ${JSON.stringify(d)}`);
            assert.equal(d.stroke, d.text, `${label}: lines are not the text colour`);
          }
          await page.addScriptTag({ path: AXE });
          const violations = await page.evaluate(async () => {
            const result = await window.axe.run(document, { resultTypes: ['violations'] });
            return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
          });
          assert.deepEqual(violations, [], `${label}: axe`);
          console.log(`ok ${label}: ${diagrams.map((d) => `${Math.round(d.width)}x${Math.round(d.height)}`).join(', ')}`);
        } catch (error) {
          failures += 1;
          console.log(`not ok ${error.message}`);
        }
        if (path === PAGES[0]) {
          await page.screenshot({ path: join(OUT, `diagrams-${width}-${scheme}.png`), fullPage: true });
        }
      }
      await context.close();
    }
  }
} finally {
  await env.close();
}
console.log(`${8 - failures} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
