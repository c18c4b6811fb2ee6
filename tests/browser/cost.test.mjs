// The total-cost calculator (the `cost` block, issue 33) in real Chromium: with script,
// the form sums the embedded figures for the reader's ARR band, role, days a week and
// months, and every number it shows is a cell of the data times the months (checked
// here against the data the page embeds, not against cost.js); the page is written
// with the result cost.js computes for the starting values, so nothing moves when the
// script starts; without script the form stays hidden and the tables show the
// precomputed ranges; at 360 px the page never scrolls sideways.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, withPage } from './lib.mjs';

const PAGE = '/fractional-leadership/total-cost-calculator/';
const DESKTOP = { viewport: { width: 1280, height: 900 } };
const MOBILE = { viewport: { width: 360, height: 800 }, deviceScaleFactor: 1 };

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

const dollars = (k) => '$' + k.toLocaleString('en-US') + 'K';
const money = (low, high, orMore) =>
  (low === high ? dollars(low) : `${dollars(low)}–${dollars(high)}`) + (orMore ? ' or more' : '');

async function choose(page, { arr, role, days, months }) {
  const form = page.locator('.cost-form');
  if (arr !== undefined) await form.locator('select[name="arr"]').selectOption(String(arr));
  if (role !== undefined) await form.locator('select[name="role"]').selectOption(role);
  if (days !== undefined) await form.locator('input[name="days"]').fill(String(days));
  if (months !== undefined) await form.locator('input[name="months"]').fill(String(months));
}

const result = (page) => page.locator('.cost-result').innerText();
const data = (page) => page.evaluate(() => JSON.parse(document.querySelector('script.cost-data').textContent));

test('the calculator sums the data for every band and role the reader picks', { timeout: 60_000 }, () =>
  withPage(env, DESKTOP, async (page) => {
    await page.goto(env.origin + PAGE);
    assert.ok(await page.locator('.cost-form').isVisible(), 'the script shows the form');
    const d = await data(page);
    assert.ok(d.bands.length >= 4 && d.fees.length >= 6, 'the page embeds its data');
    const months = 12;
    for (const [b, band] of d.bands.entries()) {
      for (const role of d.roles) {
        await choose(page, { arr: b, role: role.id, months });
        const text = await result(page);
        const fees = d.fees.filter((f) => f.role === role.id && f.arr.low <= band.low && band.high <= f.arr.high);
        if (!fees.length) assert.match(text, /No source gives a fee/, `${role.id} at ${band.label}`);
        for (const f of fees) {
          const total = money(f.monthly.low * months, f.monthly.high * months);
          assert.ok(text.includes(`${money(f.monthly.low, f.monthly.high)} a month, so ${total} over ${months} months`),
            `${role.id} at ${band.label}, ${f.source_name}: expected ${total} in\n${text}`);
        }
        for (const f of d.full_time) {
          const [low, high] = f.monthly
            ? [f.monthly.low * months, f.monthly.high * months]
            : [f.yearly.low, f.yearly.high]; // 12 months: a whole year
          assert.ok(text.includes(`${f.name} (${f.source_name}): ${money(low, high, f.or_more)} over the same ${months} months`),
            `${f.name}: expected ${money(low, high, f.or_more)} in\n${text}`);
        }
        assert.equal((text.match(/Arithmetic:/g) || []).length, fees.length + d.full_time.length, 'every sum is labelled');
      }
    }
  }));

test('days outside the days a fee buys are said, never priced', () =>
  withPage(env, DESKTOP, async (page) => {
    await page.goto(env.origin + PAGE);
    await choose(page, { arr: 0, role: 'fractional-sales-leader', days: 5, months: 6 });
    const text = await result(page);
    assert.match(text, /\$10K–\$14K a month, so \$60K–\$84K over 6 months/);
    assert.match(text, /The fee is for 3–4 days a week; no source prices 5\./);
  }));

test('the page is written with the result the script computes for the starting values', () =>
  withPage(env, DESKTOP, async (page) => {
    const html = await (await page.request.get(env.origin + PAGE)).text();
    await page.goto(env.origin + PAGE);
    const written = await page.evaluate(
      (source) => new DOMParser().parseFromString(source, 'text/html').querySelector('.cost-result').innerHTML,
      html,
    );
    await page.locator('.cost-form input[name="months"]').dispatchEvent('input');
    assert.ok(written.includes('<p>'), written);
    assert.equal(await page.locator('.cost-result').innerHTML(), written);
  }));

test('without script the tables show the precomputed ranges and the form stays hidden', () =>
  withPage(env, { ...DESKTOP, javaScriptEnabled: false }, async (page) => {
    await page.goto(env.origin + PAGE);
    assert.equal(await page.locator('.cost-form').isVisible(), false);
    const rows = await page.locator('table.cost-fees tbody tr').count();
    assert.ok(rows >= 6, `${rows} fee rows`);
    assert.ok(await page.locator('table.cost-fees').isVisible());
    assert.ok(await page.locator('table.cost-full-time').isVisible());
    assert.ok(await page.locator('table.cost-impact').isVisible());
  }));

test('at 360 px the page does not scroll sideways', () =>
  withPage(env, MOBILE, async (page) => {
    await page.goto(env.origin + PAGE);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
  }));
