// Lighthouse report (issue 7): runs Lighthouse in Debian's Chromium against the built
// bundled site, served on 127.0.0.1, once per page type (home, hub, article, term, tag,
// compare, decision, search), prints the four category scores per page type, then the
// audits that keep a score below 100. A report, not a test: it exits 0 whatever the
// scores (1 only when Lighthouse itself could not run).
//
//   cd tests/browser
//   node lighthouse.mjs                       build the site into a temporary folder, mobile
//   PILLAR_SITE=/tmp/x/public node lighthouse.mjs     an already built site
//   node lighthouse.mjs --desktop             Lighthouse's desktop preset
//   node lighthouse.mjs --both                mobile, then desktop
//   node lighthouse.mjs --all                 also list unweighted audits that failed
//   node lighthouse.mjs --out DIR             also write each full report to DIR/<type>-<preset>.json
//   node lighthouse.mjs --multilingual        the fixture in three languages instead
//                                             (tests/fixtures/multilingual), each tree's pages
//
// Needs the npm packages of package-lock.json (npm ci --ignore-scripts) and Chromium at
// /usr/bin/chromium (or $PILLAR_CHROMIUM). Lighthouse launches that browser through
// chrome-launcher with the flags the tests use; nothing downloads a browser, and a
// host resolver rule keeps Chromium off every host but 127.0.0.1.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch as launchChrome } from 'chrome-launcher';
import lighthouse, { desktopConfig } from 'lighthouse';
import { CHROMIUM, LAUNCH_ARGS, MULTILINGUAL_PAGES, PAGES, ROOT, startServer } from './lib.mjs';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

// For a performance metric below 100, the diagnostics that name its causes.
const RELATED = {
  'cumulative-layout-shift': ['layout-shifts'],
  'total-blocking-time': ['long-tasks', 'bootup-time'],
  'first-contentful-paint': ['render-blocking-resources'],
  'largest-contentful-paint': ['largest-contentful-paint-element', 'render-blocking-resources'],
  'speed-index': ['render-blocking-resources'],
};

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const outIndex = args.indexOf('--out');
const outDir = outIndex >= 0 ? args[outIndex + 1] : null;
for (const a of args) {
  if (!['--desktop', '--both', '--all', '--out', '--multilingual'].includes(a) && a !== outDir) {
    console.error(`unknown argument ${a}\nusage: node lighthouse.mjs [--desktop | --both] [--all] [--out DIR] [--multilingual]`);
    process.exit(2);
  }
}
const presets = flag('--both') ? ['mobile', 'desktop'] : flag('--desktop') ? ['desktop'] : ['mobile'];

// The site: $PILLAR_SITE, or a fresh build of the bundled site (as run.sh does), or
// of the multilingual fixture.
const multilingual = flag('--multilingual');
const PAGE_TYPES = multilingual ? MULTILINGUAL_PAGES : PAGES;
let site = process.env.PILLAR_SITE;
let tmp = null;
if (!site) {
  tmp = mkdtempSync(join(tmpdir(), 'pillar-lighthouse-'));
  site = join(tmp, 'public');
  const fixture = multilingual ? ['--root', 'tests/fixtures/multilingual'] : [];
  console.error(`building the ${multilingual ? 'multilingual fixture' : 'bundled site'} into ${site} ...`);
  const built = spawnSync('cargo', ['run', '--release', '--locked', '--quiet', '--', 'build', ...fixture, '--output', site], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: 15 * 60_000,
  });
  if (built.status !== 0) {
    console.error('the build failed');
    process.exit(1);
  }
}
if (!existsSync(join(site, 'index.html'))) {
  console.error(`no built site at ${site}`);
  process.exit(1);
}

const fileOf = (p) => join(site, p.file ?? join(p.path, 'index.html'));
const pages = PAGE_TYPES.filter((p) => existsSync(fileOf(p)));
const skipped = PAGE_TYPES.filter((p) => !existsSync(fileOf(p)));

const server = await startServer(site);
process.env.CHROME_PATH = CHROMIUM;
const chrome = await launchChrome({
  chromePath: CHROMIUM,
  chromeFlags: [
    ...LAUNCH_ARGS,
    // No host but the local server resolves: the report never touches the network.
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
  ],
  logLevel: 'silent',
});

const results = []; // { type, preset, scores, failing }
let about = '';
let failed = false;
try {
  for (const preset of presets) {
    for (const p of pages) {
      const url = server.origin + p.path;
      let lhr;
      try {
        const run = await lighthouse(
          url,
          { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES },
          preset === 'desktop' ? desktopConfig : undefined,
        );
        lhr = run?.lhr;
      } catch (e) {
        console.error(`${p.type} (${preset}): Lighthouse failed: ${e.message}`);
        failed = true;
        continue;
      }
      if (!lhr) {
        console.error(`${p.type} (${preset}): Lighthouse returned no result`);
        failed = true;
        continue;
      }
      if (lhr.runtimeError) {
        console.error(`${p.type} (${preset}): ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
        failed = true;
      }
      if (outDir) {
        mkdirSync(outDir, { recursive: true });
        writeFileSync(join(outDir, `${p.type}-${preset}.json`), JSON.stringify(lhr, null, 1));
      }
      about = `Lighthouse ${lhr.lighthouseVersion}, ${lhr.environment?.hostUserAgent?.match(/(?:Headless)?Chrome\/[\d.]+/)?.[0] ?? 'Chromium'}`;
      results.push({ type: p.type, path: p.path, preset, ...summarise(lhr) });
      process.stderr.write(`  ${preset} ${p.type} done\n`);
    }
  }
} finally {
  await chrome.kill();
  await server.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}

// The category scores (0-100) and, per category, the audits that cost points: those
// with a weight in the category and a score below 1 (with --all, every failed audit).
function summarise(lhr) {
  const scores = {};
  const failing = [];
  const seen = new Set();
  for (const id of CATEGORIES) {
    const cat = lhr.categories[id];
    scores[id] = cat?.score == null ? null : Math.round(cat.score * 100);
    for (const ref of cat?.auditRefs ?? []) {
      const audit = lhr.audits[ref.id];
      if (!audit || seen.has(ref.id)) continue;
      const scored = audit.scoreDisplayMode === 'binary' || audit.scoreDisplayMode === 'numeric' || audit.scoreDisplayMode === 'metricSavings';
      const bad = scored && audit.score !== null && audit.score < 1;
      const errored = audit.scoreDisplayMode === 'error';
      if ((bad && (ref.weight > 0 || flag('--all'))) || errored) {
        seen.add(ref.id);
        failing.push({
          category: id,
          id: ref.id,
          weight: ref.weight,
          score: audit.score,
          title: audit.title,
          value: audit.displayValue ?? '',
          error: audit.errorMessage ?? '',
          items: itemsOf(audit),
          why: (RELATED[ref.id] ?? [])
            .map((rid) => lhr.audits[rid])
            .filter((a) => a && (a.details?.items ?? []).length > 0 && a.score !== 1)
            .map((a) => ({ title: a.title, value: a.displayValue ?? '', items: itemsOf(a) })),
        });
      }
    }
  }
  return { scores, failing };
}

function itemsOf(audit) {
  let items = audit.details?.items ?? [];
  if (items[0]?.type === 'table') items = items[0].items ?? [];
  return items.slice(0, 4).map((item) => {
    const extra = item.duration != null ? ` (${Math.round(item.duration)} ms)` : item.wastedMs != null ? ` (${Math.round(item.wastedMs)} ms)` : item.score != null && item.node ? ` (shift ${item.score.toFixed(3)})` : '';
    return describeItem(item) + extra;
  });
}

function describeItem(item) {
  {
    const node = item.node ?? item.element ?? null;
    if (node?.selector || node?.snippet) return `${node.selector ?? ''} ${node.snippet ?? ''}`.trim().slice(0, 160);
    if (item.url) return String(item.url).slice(0, 160);
    if (item.source?.url) return String(item.source.url).slice(0, 160);
    if (item.description) return String(item.description).slice(0, 160);
    return JSON.stringify(item).slice(0, 160);
  }
}

// The table.
const pad = (s, n) => String(s).padEnd(n);
const head = ['page type', 'preset', 'perf', 'a11y', 'best-pr', 'seo', 'path'];
const widths = [10, 8, 6, 6, 8, 5, 0];
const line = (cols) => cols.map((c, i) => (widths[i] ? pad(c, widths[i]) : c)).join(' ').trimEnd();
console.log(`${about || 'Lighthouse'} (${CHROMIUM}), site ${site}\n`);
console.log(line(head));
console.log(line(widths.map((w) => '-'.repeat(w || 4))));
for (const r of results) {
  const s = r.scores;
  const cell = (v) => (v == null ? '?' : v);
  console.log(line([r.type, r.preset, cell(s.performance), cell(s.accessibility), cell(s['best-practices']), cell(s.seo), r.path]));
}
for (const p of skipped) console.log(line([p.type, '-', '-', '-', '-', '-', `${p.path} (not built)`]));

console.log('\nWhat keeps a score below 100:');
let any = false;
for (const r of results) {
  if (r.failing.length === 0) continue;
  any = true;
  console.log(`\n${r.type} ${r.path} (${r.preset})`);
  for (const f of r.failing) {
    const score = f.score == null ? 'error' : f.score.toFixed(2);
    console.log(`  [${f.category}] ${f.id} (weight ${f.weight}, score ${score}): ${f.title}${f.value ? ` — ${f.value}` : ''}${f.error ? ` — ${f.error}` : ''}`);
    if (!f.why?.length) for (const item of f.items) console.log(`      ${item}`);
    for (const w of f.why ?? []) {
      console.log(`      ${w.title}${w.value ? ` — ${w.value}` : ''}`);
      for (const item of w.items) console.log(`        ${item}`);
    }
  }
}
if (!any) console.log('  nothing: every page type scores 100 in all four categories.');
process.exit(failed ? 1 : 0);

