// Layout and keyboard: no sideways scroll at 360 px, a working skip link, a visible
// focus outline on the site navigation, and no layout shift while the scripts start.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { PAGES, htmlFiles, isolatedContext, missingOptional, present, setup, urlPathOf } from './lib.mjs';

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

async function withPage(options, fn) {
  const context = await isolatedContext(env.browser, env.origin, options);
  try {
    return await fn(await context.newPage());
  } finally {
    await context.close();
  }
}

// The page's scroll width against the viewport, and the elements that stick out
// on the right (to name the culprit when the test fails).
async function overflow(page) {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const scrollWidth = document.documentElement.scrollWidth;
    const culprits = [];
    if (scrollWidth > width) {
      // Elements inside a box that clips or scrolls sideways cannot widen the page.
      const clipped = (el) => {
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
          if (getComputedStyle(p).overflowX !== 'visible') return true;
        }
        return false;
      };
      for (const el of document.querySelectorAll('body *')) {
        if (clipped(el)) continue;
        const r = el.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) continue;
        if (r.right > width + 0.5) {
          culprits.push({ el, box: true, how: `box's right edge at ${Math.round(r.right)}px` });
        } else if (
          getComputedStyle(el).overflowX === 'visible' &&
          el.scrollWidth > el.clientWidth + 1 &&
          r.left + el.scrollWidth > width + 0.5
        ) {
          culprits.push({ el, box: false, how: `content overflows its box to ${Math.round(r.left + el.scrollWidth)}px` });
        }
      }
    }
    // Name the outermost box that sticks out, and the innermost element whose
    // content spills out of its box (an ancestor only spills because of it).
    const named = culprits.filter((c) =>
      c.box
        ? !culprits.some((o) => o.box && o.el !== c.el && o.el.contains(c.el))
        : !culprits.some((o) => o.el !== c.el && c.el.contains(o.el)),
    );
    const name = (el) =>
      el.tagName.toLowerCase() +
      (el.id ? '#' + el.id : '') +
      (el.classList.length ? '.' + [...el.classList].join('.') : '');
    const path = (el) => {
      const parts = [];
      for (let e = el; e && e !== document.body; e = e.parentElement) parts.unshift(name(e));
      return parts.join(' > ');
    };
    return {
      width,
      scrollWidth,
      culprits: named.slice(0, 8).map((c) => `${path(c.el)}: ${c.how}`),
    };
  });
}

const MOBILE = { viewport: { width: 360, height: 800 }, deviceScaleFactor: 1, isMobile: false };

for (const p of missingOptional(PAGES)) {
  test(`360 px: ${p.type} ${p.path}`, { skip: 'not built yet' }, () => {});
}

// The page types named by the quality gates, in both colour schemes...
for (const scheme of ['light', 'dark']) {
  for (const p of present(PAGES)) {
    test(`360 px, no horizontal scroll (${scheme}): ${p.type} ${p.path}`, () =>
      withPage({ ...MOBILE, colorScheme: scheme }, async (page) => {
        const response = await page.goto(env.origin + p.path, { waitUntil: 'load' });
        assert.equal(response.status(), 200);
        const o = await overflow(page);
        assert.ok(
          o.scrollWidth <= o.width,
          `${p.path} scrolls sideways at 360 px: scrollWidth ${o.scrollWidth} > innerWidth ${o.width}\n` +
            `  sticking out:\n    ${o.culprits.join('\n    ')}`,
        );
      }));
  }
}

// ...and every other page of the site (articles carry comparison tables).
test('360 px, no horizontal scroll: every page of the site', async (t) => {
  const gated = new Set(PAGES.map((p) => p.path));
  const paths = htmlFiles()
    .map(urlPathOf)
    .filter((p) => !gated.has(p));
  await withPage(MOBILE, async (page) => {
    for (const path of paths) {
      await t.test(path, async () => {
        await page.goto(env.origin + path, { waitUntil: 'load' });
        const o = await overflow(page);
        assert.ok(
          o.scrollWidth <= o.width,
          `${path} scrolls sideways at 360 px: scrollWidth ${o.scrollWidth} > innerWidth ${o.width}\n` +
            `  sticking out:\n    ${o.culprits.join('\n    ')}`,
        );
      });
    }
  });
});

for (const p of present(PAGES)) {
  test(`skip link is the first focusable element and focuses main: ${p.type} ${p.path}`, () =>
    withPage({ viewport: { width: 1280, height: 900 } }, async (page) => {
      await page.goto(env.origin + p.path, { waitUntil: 'load' });
      await page.keyboard.press('Tab');
      const first = await page.evaluate(() => {
        const a = document.activeElement;
        const r = a.getBoundingClientRect();
        return {
          tag: a.tagName.toLowerCase(),
          cls: a.className,
          href: a.getAttribute('href'),
          text: a.textContent.trim(),
          visible: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight,
        };
      });
      assert.equal(first.tag, 'a', `first Tab focused <${first.tag} class="${first.cls}">, not the skip link`);
      assert.match(first.href ?? '', /^#./, `first focusable link is ${first.href} ("${first.text}"), not a skip link`);
      assert.ok(first.visible, `the skip link "${first.text}" is focused but not visible on screen`);
      const target = first.href.slice(1);
      await page.keyboard.press('Enter');
      const after = await page.evaluate((id) => {
        const main = document.querySelector('main');
        const a = document.activeElement;
        return {
          targetIsMain: !!main && main.id === id,
          focusInMain: !!main && (a === main || main.contains(a)),
          active: a.tagName.toLowerCase() + (a.id ? '#' + a.id : ''),
          hash: location.hash,
        };
      }, target);
      assert.ok(after.targetIsMain, `the skip link points to #${target}, which is not the <main> element`);
      assert.ok(after.focusInMain, `after activating the skip link focus is on ${after.active}, not in <main>`);
      // The next Tab continues inside main, not back at the header.
      await page.keyboard.press('Tab');
      const next = await page.evaluate(() => {
        const a = document.activeElement;
        const header = document.querySelector('header.site-header, body > header');
        return { inHeader: !!header && header.contains(a), active: a.outerHTML.slice(0, 120) };
      });
      assert.ok(!next.inHeader, `Tab after the skip link went back to the header: ${next.active}`);
    }));

  test(`Tab reaches every nav link with a visible focus outline: ${p.type} ${p.path}`, () =>
    withPage({ viewport: { width: 1280, height: 900 } }, async (page) => {
      await page.goto(env.origin + p.path, { waitUntil: 'load' });
      const navLinks = await page.$$eval('header nav a[href], nav[aria-label="Site"] a[href]', (as) => [
        ...new Set(as.map((a) => a.getAttribute('href'))),
      ]);
      assert.ok(navLinks.length > 0, 'no site navigation links found in the header');
      const reached = new Map();
      for (let i = 0; i < 40 && reached.size < navLinks.length; i++) {
        await page.keyboard.press('Tab');
        const f = await page.evaluate(() => {
          const a = document.activeElement;
          const nav = a.closest('header nav, nav[aria-label="Site"]');
          if (!nav || a.tagName !== 'A') return null;
          const s = getComputedStyle(a);
          return {
            href: a.getAttribute('href'),
            text: a.textContent.trim(),
            outlineStyle: s.outlineStyle,
            outlineWidth: parseFloat(s.outlineWidth),
            outlineColor: s.outlineColor,
            boxShadow: s.boxShadow,
            focusVisible: a.matches(':focus-visible'),
          };
        });
        if (f) reached.set(f.href, f);
      }
      const missed = navLinks.filter((h) => !reached.has(h));
      assert.deepEqual(missed, [], `Tab never reached these nav links: ${missed.join(', ')}`);
      for (const f of reached.values()) {
        assert.ok(f.focusVisible, `nav link "${f.text}" focused by Tab does not match :focus-visible`);
        assert.notEqual(f.outlineStyle, 'none', `nav link "${f.text}" has no focus outline (outline-style: none)`);
        assert.ok(f.outlineWidth >= 1, `nav link "${f.text}" focus outline is ${f.outlineWidth}px wide`);
        assert.ok(
          !/rgba\(\d+, \d+, \d+, 0\)|transparent/.test(f.outlineColor),
          `nav link "${f.text}" focus outline is transparent (${f.outlineColor})`,
        );
      }
    }));
}

// Nothing moves when the scripts start or the search results arrive (Lighthouse's
// cumulative layout shift): every script is held back 400 ms, so the page paints before
// they run, as on a slow network, and the layout shifts are summed until all is done.
const SHIFT_VIEWPORTS = {
  mobile: { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true },
  desktop: { viewport: { width: 1350, height: 940 } },
};
for (const [name, options] of Object.entries(SHIFT_VIEWPORTS)) {
  for (const p of present(PAGES)) {
    test(`no layout shift while the scripts start (${name}): ${p.type} ${p.path}`, () =>
      withPage(options, async (page) => {
        await page.addInitScript(() => {
          window.__shifts = [];
          new PerformanceObserver((list) => {
            for (const e of list.getEntries()) {
              const where = e.sources.map((s) => (s.node?.nodeType === 1 ? s.node.outerHTML.slice(0, 80) : String(s.node?.nodeName)));
              window.__shifts.push({ value: e.value, where });
            }
          }).observe({ type: 'layout-shift', buffered: true });
        });
        await page.route(/\.m?js(\?|$)/, async (route) => {
          await new Promise((ok) => setTimeout(ok, 400));
          await route.continue();
        });
        const response = await page.goto(env.origin + p.path, { waitUntil: 'load' });
        assert.equal(response.status(), 200);
        await page.waitForLoadState('networkidle');
        await page.waitForTimeout(300);
        const shifts = await page.evaluate(() => window.__shifts);
        const total = shifts.reduce((sum, s) => sum + s.value, 0);
        assert.ok(total < 0.01, `${p.path} shifts by ${total.toFixed(3)}: ${JSON.stringify(shifts)}`);
      }));
  }
}
