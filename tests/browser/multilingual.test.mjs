// A site in three languages (tests/fixtures/multilingual: English, French, Arabic) in
// real Chromium:
//
// - the search page of each language tree finds that language's pages only (Pagefind
//   picks the index of the page's <html lang>);
// - the language switcher goes to the same page in the other language, or to that
//   language's home page and says so, with JavaScript off;
// - vnu and axe find nothing on any page of the three trees.
//
// The fixture is built here, with $PILLAR_BIN if set, else with `cargo run --release`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HERE, htmlFiles, launch, pillar, startServer, urlPathIn, withPage } from './lib.mjs';

const BUILD_TIMEOUT = { timeout: 10 * 60_000 };
const AXE = join(HERE, 'node_modules', 'axe-core', 'axe.min.js');
const VNU = join(HERE, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');

let env;
let dir;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pillar-multilingual-'));
  await pillar(['build', '--root', 'tests/fixtures/multilingual', '--output', join(dir, 'public')]);
  const server = await startServer(join(dir, 'public'));
  const browser = await launch();
  env = { server, browser, origin: server.origin };
}, BUILD_TIMEOUT);

after(async () => {
  await env?.browser.close();
  await env?.server.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// The links the search page of `path` lists for `query`, once it lists some.
async function search(page, path, query) {
  await page.goto(`${env.origin}${path}?q=${encodeURIComponent(query)}`);
  await page.waitForFunction(() => document.querySelectorAll('#search-results > li h2 > a').length > 0, null, {
    timeout: 10_000,
  });
  return page.$$eval('#search-results > li h2 > a', (links) => links.map((a) => new URL(a.href).pathname));
}

test('each language searches its own pages', async () => {
  await withPage(env, {}, async (page) => {
    const french = await search(page, '/fr/search/', 'premier');
    assert.ok(french.includes('/fr/guides/first/'), `French results: ${french}`);
    assert.ok(french.every((p) => p.startsWith('/fr/')), `French results: ${french}`);

    const english = await search(page, '/search/', 'guide');
    assert.ok(english.includes('/guides/second/'), `English results: ${english}`);
    assert.ok(english.every((p) => !p.startsWith('/fr/') && !p.startsWith('/ar/')), `English results: ${english}`);

    const arabic = await search(page, '/ar/search/', 'الدليل');
    assert.ok(arabic.includes('/ar/guides/first/'), `Arabic results: ${arabic}`);
    assert.ok(arabic.every((p) => p.startsWith('/ar/')), `Arabic results: ${arabic}`);
  });
});

test('the switcher goes to the translation, or home saying so, without JavaScript', async () => {
  await withPage(env, { javaScriptEnabled: false }, async (page) => {
    await page.goto(`${env.origin}/guides/first/`);
    await page.click('.language-switcher a[hreflang="fr"]');
    assert.equal(new URL(page.url()).pathname, '/fr/guides/first/');
    assert.equal(await page.getAttribute('html', 'lang'), 'fr');
    await page.click('.language-switcher a[hreflang="ar"]');
    assert.equal(new URL(page.url()).pathname, '/ar/guides/first/');
    assert.equal(await page.getAttribute('html', 'dir'), 'rtl');

    await page.goto(`${env.origin}/guides/second/`);
    const french = page.locator('.language-switcher li', { hasText: 'Français' });
    assert.match(await french.innerText(), /not translated: home page/);
    await french.locator('a').click();
    assert.equal(new URL(page.url()).pathname, '/fr/');
  });
});

test('vnu finds no error on any page of the three languages', () => {
  const files = htmlFiles(join(dir, 'public')).filter((f) => !f.includes('/pagefind/'));
  assert.ok(files.length >= 20, `${files.length} pages`);
  const run = spawnSync('java', ['-Xss8m', '-jar', VNU, '--errors-only', '--format', 'json', ...files], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const report = JSON.parse(run.stderr);
  const errors = (report.messages ?? []).filter((m) => m.type === 'error' || m.type === 'non-document-error');
  assert.deepEqual(errors.map((m) => `${m.url}:${m.lastLine}: ${m.message}`), []);
});

test('axe finds no violation on any page of the three languages', async () => {
  const files = htmlFiles(join(dir, 'public')).filter((f) => !f.endsWith('404.html'));
  await withPage(env, {}, async (page) => {
    for (const file of files) {
      const path = urlPathIn(join(dir, 'public'), file);
      await page.goto(`${env.origin}${path}`);
      await page.addScriptTag({ path: AXE });
      const violations = await page.evaluate(async () => {
        const result = await window.axe.run(document, { resultTypes: ['violations'] });
        return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      });
      assert.deepEqual(violations, [], `axe on ${path}`);
    }
  });
});
