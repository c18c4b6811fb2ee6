// `pillar serve` in Chromium (issue 29, "the browser keeps its place"): a long page
// scrolled half way down, its source edited, and after the live reload the page shows
// the edit where the reader left it, not at the top.
//
// Serves a copy of tests/fixtures/serve with $PILLAR_BIN if set, else with
// `cargo run --release --locked` (as the other tests build pillar).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, isolatedContext, launch } from './lib.mjs';

const FIXTURE = join(ROOT, 'tests', 'fixtures', 'serve');
const DEADLINE = 60_000;

let tmp;
let server;
let origin;
let browser;

// Starts `pillar serve --port 0` on `root`; resolves with the child and its URL.
function serve(root) {
  const args = ['serve', '--port', '0', '--root', root];
  const [command, argv] = process.env.PILLAR_BIN
    ? [process.env.PILLAR_BIN, args]
    : ['cargo', ['run', '--release', '--locked', '--quiet', '--', ...args]];
  const child = spawn(command, argv, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((ok, fail) => {
    let log = '';
    const timer = setTimeout(() => fail(new Error(`pillar serve did not start:\n${log}`)), 10 * 60_000);
    child.stderr.on('data', (d) => {
      log += d;
      const url = /serving (http:\/\/127\.0\.0\.1:\d+)\//.exec(log);
      if (url) {
        clearTimeout(timer);
        ok({ child, url: url[1] });
      }
    });
    child.on('exit', (code) => fail(new Error(`pillar serve exited ${code}:\n${log}`)));
  });
}

before(
  async () => {
    tmp = mkdtempSync(join(tmpdir(), 'pillar-serve-'));
    cpSync(FIXTURE, tmp, { recursive: true });
    // Long enough to scroll: 200 numbered paragraphs.
    const paragraphs = Array.from({ length: 200 }, (_, i) => `Paragraph ${i + 1} of the long note.`);
    writeFileSync(
      join(tmp, 'content', 'notes', 'long.md'),
      `---\ntitle: "Long Note"\ndescription: "A page to scroll."\n---\n${paragraphs.join('\n\n')}\n`,
    );
    ({ child: server, url: origin } = await serve(tmp));
    browser = await launch();
  },
  { timeout: 11 * 60_000 },
);

after(async () => {
  await browser?.close();
  server?.kill();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test('a live reload keeps the scroll position', { timeout: DEADLINE }, async () => {
  const context = await isolatedContext(browser, origin);
  const page = await context.newPage();
  await page.goto(`${origin}/notes/long/`);
  const build = () => document.querySelector('script[data-build]').getAttribute('data-build');
  const first = await page.evaluate(build);
  // The event stream is open once the server's first event arrived.
  await page.waitForTimeout(500);
  // Chromium restores the scroll position of a reloaded page by itself, other browsers
  // not always (nor Chromium once the page changed much); turned off here, so what is
  // tested is the reload script's own restoring.
  await page.evaluate(() => {
    history.scrollRestoration = 'manual';
    window.scrollTo(0, 1500);
  });
  assert.equal(await page.evaluate(() => window.scrollY), 1500);

  appendFileSync(join(tmp, 'content', 'notes', 'long.md'), '\nThe edited ending.\n');
  await page.waitForFunction(
    (old) => {
      const tag = document.querySelector('script[data-build]');
      return tag && tag.getAttribute('data-build') !== old && document.readyState === 'complete';
    },
    first,
    { timeout: DEADLINE },
  );
  assert.match(await page.content(), /The edited ending\./);
  await page.waitForFunction(() => window.scrollY === 1500, null, { timeout: 5_000 });
  await context.close();
});
