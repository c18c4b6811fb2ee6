// Shared harness for the browser tests: where the built site is, a tiny static
// server bound to 127.0.0.1, the Chromium launcher, and the list of pages to test.
//
// The site folder comes from $PILLAR_SITE (run.sh builds into a temporary folder
// and sets it); without it the tests use the project's public/.

import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { extname, join, normalize, relative, resolve, sep } from 'node:path';
import { createGzip } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const HERE = fileURLToPath(new URL('.', import.meta.url));
export const ROOT = resolve(HERE, '..', '..');
export const SITE = resolve(process.env.PILLAR_SITE || join(ROOT, 'public'));
export const CHROMIUM = process.env.PILLAR_CHROMIUM || '/usr/bin/chromium';

export const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// The page types the quality gates cover. `optional` pages are checked when the
// build produced them (the compare page and the decision filter are new).
export const PAGES = [
  { type: 'home', path: '/' },
  { type: 'hub', path: '/fractional-leadership/' },
  { type: 'article', path: '/fractional-leadership/what-is-a-fractional-cro/' },
  { type: 'term', path: '/glossary/arr/' },
  { type: 'tag', path: '/tags/fractional-cro/' },
  { type: 'compare', path: '/compare/altitude/', optional: true },
  { type: 'decision', path: '/fractional-leadership/which-revenue-leader-do-you-need/', optional: true },
  { type: 'calculator', path: '/fractional-leadership/total-cost-calculator/', optional: true },
  // The search page with a query, so its results (and the index requests) load.
  { type: 'search', path: '/search/?q=fractional+cro', file: 'search/index.html', optional: true },
];

// The page types of the fixture in three languages (tests/fixtures/multilingual) in
// each language's tree: the article places a translated comparison table and
// decision filter, the compare page is the translated dataset's, and each tree has its
// own 404 page.
export const MULTILINGUAL_PAGES = [
  ['en', ''],
  ['fr', 'fr/'],
  ['ar', 'ar/'],
].flatMap(([code, tree]) => [
  { type: `home ${code}`, path: `/${tree}` },
  { type: `hub ${code}`, path: `/${tree}guides/` },
  { type: `article ${code}`, path: `/${tree}guides/first/` },
  { type: `compare ${code}`, path: `/${tree}compare/plans/` },
  { type: `search ${code}`, path: `/${tree}search/?q=guide`, file: `${tree}search/index.html` },
  { type: `404 ${code}`, path: `/${tree}404.html`, file: `${tree}404.html` },
]);

// Further page types that only the screenshots cover.
export const EXTRA_PAGES = [
  { type: 'glossary', path: '/glossary/', optional: true },
  { type: 'tags', path: '/tags/', optional: true },
  { type: 'about', path: '/about/', optional: true },
  { type: '404', path: '/no-such-page/', file: '404.html', optional: true },
];

export function assertSiteBuilt() {
  if (!existsSync(join(SITE, 'index.html'))) {
    throw new Error(`no built site at ${SITE} (set PILLAR_SITE or run tests/browser/run.sh)`);
  }
}

export function fileFor(page) {
  return join(SITE, page.file ?? join(page.path, 'index.html'));
}

export function exists(page) {
  return existsSync(fileFor(page));
}

// The pages of a list that the build produced. A required page that is missing
// is kept, so the test that opens it fails with a 404 rather than skipping it.
export function present(pages = PAGES) {
  return pages.filter((p) => !p.optional || exists(p));
}

export function missingOptional(pages = PAGES) {
  return pages.filter((p) => p.optional && !exists(p));
}

// Every .html file of the built site, as absolute paths, sorted.
export function htmlFiles(dir = SITE) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.html')) out.push(full);
    }
  };
  walk(dir);
  return out;
}

// The URL path that serves a built .html file.
export function urlPathOf(file) {
  return urlPathIn(SITE, file);
}

// The URL path that serves a .html file of the site built into `dir`.
export function urlPathIn(dir, file) {
  const rel = relative(dir, file).split(sep).join('/');
  if (rel === 'index.html') return '/';
  if (rel.endsWith('/index.html')) return '/' + rel.slice(0, -'index.html'.length);
  return '/' + rel;
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

// The types a host compresses.
const COMPRESSED = /^(text\/|application\/(json|xml)|image\/svg)/;

// A static server for the built site on 127.0.0.1 and a free port. Directories
// serve their index.html; a missing path serves 404.html with status 404. With `gzip`,
// it compresses text (HTML, CSS, JavaScript, JSON, XML, SVG) for a browser that
// accepts it, as GitHub Pages, Netlify and Cloudflare do; other files (images, fonts,
// Pagefind's index and WebAssembly, already compressed) go as they are.
//
// `prefix` ('/docs/') serves the site under that sub-path, as a host serving a site
// built with `--base-url https://host/docs/` does: /docs/x/ is the folder's x/, and
// any path outside the prefix is a 404. `origin` stays the bare origin.
export async function startServer(dir = SITE, { prefix = '/', gzip = false } = {}) {
  const root = resolve(dir);
  if (!prefix.startsWith('/') || !prefix.endsWith('/')) throw new Error(`prefix ${prefix} must start and end with /`);
  const server = createServer((req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const inside = path.startsWith(prefix);
    let file = inside ? normalize(join(root, path.slice(prefix.length - 1))) : join(root, '404.html');
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    let status = 200;
    if (!inside || !existsSync(file) || !statSync(file).isFile()) {
      status = 404;
      file = join(root, '404.html');
      if (!existsSync(file)) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
    }
    const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    const compress = gzip && COMPRESSED.test(type) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
    res.writeHead(status, {
      'content-type': type,
      'cache-control': 'no-store',
      ...(compress ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {}),
    });
    if (req.method === 'HEAD') res.end();
    else if (compress) createReadStream(file).pipe(createGzip()).pipe(res);
    else createReadStream(file).pipe(res);
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

// Runs `pillar ARGS` from the project root: the binary $PILLAR_BIN if set, else
// `cargo run --release --locked` (quick once run.sh has built the release binary).
// Resolves with its output; fails with it when pillar exits non-zero.
export function pillar(args, { timeout = 10 * 60_000 } = {}) {
  const [command, argv] = process.env.PILLAR_BIN
    ? [process.env.PILLAR_BIN, args]
    : ['cargo', ['run', '--release', '--locked', '--quiet', '--', ...args]];
  return new Promise((ok, fail) => {
    const child = spawn(command, argv, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.on('error', (e) => {
      clearTimeout(timer);
      fail(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) ok(output);
      else fail(new Error(`${command} ${argv.join(' ')} ${signal ? `was killed (${signal})` : `exited ${code}`}:\n${output}`));
    });
  });
}

export async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: LAUNCH_ARGS,
  });
}

// Starts the server and the browser once for a test file; `close` ends both.
export async function setup() {
  assertSiteBuilt();
  const server = await startServer();
  const browser = await launch();
  return {
    server,
    browser,
    origin: server.origin,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

// A new context whose requests to anything but the local server are recorded and
// aborted, so no test ever reaches the network.
export async function isolatedContext(browser, origin, options = {}) {
  const context = await browser.newContext(options);
  const foreign = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isLocal(url, origin)) return route.continue();
    foreign.push(url);
    return route.abort('blockedbyclient');
  });
  context.foreign = foreign;
  return context;
}

export function isLocal(url, origin) {
  if (/^(data|blob|about|chrome-error):/.test(url)) return true;
  try {
    const u = new URL(url);
    return u.hostname === '127.0.0.1' && u.origin === origin;
  } catch {
    return false;
  }
}

// Runs `fn(page, context)` with a page of a fresh isolated context and closes the
// context afterwards. Actions and navigations time out after a few seconds, so a
// broken page fails its test quickly instead of hanging the run.
export async function withPage(env, options, fn) {
  const context = await isolatedContext(env.browser, env.origin, options);
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(20_000);
  try {
    return await fn(await context.newPage(), context);
  } finally {
    await context.close();
  }
}

// Presses Tab until `predicate(document.activeElement, arg)`, run in the page, holds;
// returns the number of presses. Fails after `max` presses, naming where focus was.
export async function tabUntil(page, predicate, arg = null, max = 80) {
  const expression = `(${predicate.toString()})(document.activeElement, ${JSON.stringify(arg)})`;
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(expression)) return i;
  }
  const where = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 160));
  throw new Error(`${max} presses of Tab never reached the element wanted; focus is on ${where}`);
}

const VNU = join(HERE, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');

// The Nu HTML Checker's errors on `files` (.html paths): vnu runs once over all of
// them (one JVM start) and its messages are grouped by file; `unplaced` are those
// that name no file of the list.
export function vnu(files) {
  const run = spawnSync(
    'java',
    ['-Xss8m', '-jar', VNU, '--errors-only', '--format', 'json', ...files],
    { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  if (run.error) throw run.error;
  // vnu prints its JSON report on stderr and exits 1 when it found errors.
  let report;
  try {
    report = JSON.parse(run.stderr);
  } catch {
    throw new Error(`vnu did not print a JSON report (exit ${run.status}):\n${run.stderr}${run.stdout}`);
  }
  const byFile = new Map(files.map((f) => [f, []]));
  const unplaced = [];
  for (const m of report.messages ?? []) {
    if (m.type !== 'error' && m.type !== 'non-document-error') continue;
    let file = null;
    if (m.url) {
      try {
        file = fileURLToPath(m.url);
      } catch {
        file = m.url;
      }
    }
    if (file && byFile.has(file)) byFile.get(file).push(m);
    else unplaced.push(m);
  }
  return { byFile, unplaced };
}
