// Screenshots of every page type at 360 and 1280 px, light and dark, into
// tests/browser/screenshots/ (git-ignored), to be looked at by a person.
//
//   node screenshots.mjs            full-page shots of every page type
//   PILLAR_SITE=/tmp/site node screenshots.mjs
//
// Besides the full-page shot, a tall page is also cut into viewport-high tiles
// (NAME.part1.png, ...) so each part can be viewed at its real size.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { EXTRA_PAGES, HERE, PAGES, isolatedContext, present, setup } from './lib.mjs';

const OUT = join(HERE, 'screenshots');
const WIDTHS = [360, 1280];
const SCHEMES = ['light', 'dark'];
const HEIGHT = { 360: 800, 1280: 900 };
const MAX_TILES = 30;

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

const env = await setup();
const written = [];
try {
  const pages = present([...PAGES, ...EXTRA_PAGES]);
  for (const width of WIDTHS) {
    for (const scheme of SCHEMES) {
      const context = await isolatedContext(env.browser, env.origin, {
        viewport: { width, height: HEIGHT[width] },
        colorScheme: scheme,
        deviceScaleFactor: 1,
      });
      const page = await context.newPage();
      await page.emulateMedia({ colorScheme: scheme });
      for (const p of pages) {
        const response = await page.goto(env.origin + p.path, { waitUntil: 'networkidle' });
        const name = `${p.type}-${width}-${scheme}`;
        const file = join(OUT, `${name}.png`);
        await page.screenshot({ path: file, fullPage: true });
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        const tiles = Math.min(MAX_TILES, Math.ceil(height / HEIGHT[width]));
        if (tiles > 1) {
          for (let i = 0; i < tiles; i++) {
            const y = i * HEIGHT[width];
            await page.screenshot({
              path: join(OUT, `${name}.part${i + 1}.png`),
              fullPage: true,
              clip: { x: 0, y, width, height: Math.min(HEIGHT[width], height - y) },
            });
          }
        }
        written.push(`${name}.png  ${width}x${height}  ${tiles > 1 ? tiles + ' tiles' : ''}  (HTTP ${response.status()}) ${p.path}`);
      }
      if (context.foreign.length) console.warn(`requests to other hosts were blocked: ${context.foreign.join(', ')}`);
      await context.close();
    }
  }
} finally {
  await env.close();
}
console.log(`screenshots in ${OUT}:\n  ${written.join('\n  ')}`);
