// Screenshots of every page type at 390, 768, 1280 and 1920 px, light and dark, into
// tests/browser/screenshots/ (git-ignored), to be looked at by a person.
//
//   node screenshots.mjs            full-page shots of every page type
//   node screenshots.mjs --tiles    also cut each tall page into viewport-high
//                                   tiles (NAME.part1.png, ...) to view at real size
//   PILLAR_SITE=/tmp/site node screenshots.mjs   (default: the project's public/)
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { EXTRA_PAGES, HERE, PAGES, isolatedContext, present, setup } from './lib.mjs';

const OUT = join(HERE, 'screenshots');
const WIDTHS = [390, 768, 1280, 1920];
const SCHEMES = ['light', 'dark'];
const HEIGHT = { 390: 844, 768: 1024, 1280: 800, 1920: 1080 };
const MAX_TILES = 30;
const TILES = process.argv.includes('--tiles');

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
        await shoot(page, `${p.type}-${width}-${scheme}`, width, p, response);
        // A questionnaire is shot again with a result showing: the first option
        // of every radio group answered.
        const groups = await page.$$eval('form input[type=radio]', (inputs) => [...new Set(inputs.map((i) => i.name))]);
        if (groups.length > 0) {
          for (const name of groups) await page.locator(`input[type=radio][name="${name}"]`).first().check();
          await page.waitForTimeout(300);
          await shoot(page, `${p.type}-answered-${width}-${scheme}`, width, p, response);
        }
      }
      if (context.foreign.length) console.warn(`requests to other hosts were blocked: ${context.foreign.join(', ')}`);
      await context.close();
    }
  }
} finally {
  await env.close();
}
console.log(`screenshots in ${OUT}:\n  ${written.join('\n  ')}`);

async function shoot(page, name, width, p, response) {
  // From the top, so sticky columns (the sidebar, the contents) sit where a reader first
  // sees them, not where a check() scrolled to.
  await page.evaluate(() => scrollTo(0, 0));
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const tiles = TILES ? Math.min(MAX_TILES, Math.ceil(height / HEIGHT[width])) : 1;
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
  written.push(`${name}.png  ${width}x${height}${tiles > 1 ? `, ${tiles} tiles` : ''}  (HTTP ${response.status()}) ${p.path}`);
}
