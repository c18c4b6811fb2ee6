// axe-core in real Chromium: 0 violations on every page type, light and dark.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { HERE, PAGES, isolatedContext, missingOptional, present, setup } from './lib.mjs';

const AXE = join(HERE, 'node_modules', 'axe-core', 'axe.min.js');

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

// axe's default rule set: WCAG 2.0/2.1/2.2 A and AA plus best practices.
async function audit(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.addScriptTag({ path: AXE });
  }
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    if (result.passes.length === 0) throw new Error('axe ran no rule that passed: the audit did not run');
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({
        target: n.target.join(' '),
        html: n.html.length > 160 ? n.html.slice(0, 157) + '...' : n.html,
        summary: n.failureSummary?.replace(/\s+/g, ' ').trim(),
      })),
    }));
  });
}

function describe(violations) {
  return violations
    .map(
      (v) =>
        `  [${v.impact}] ${v.id}: ${v.help}\n` +
        v.nodes.map((n) => `      ${n.target}\n        ${n.html}\n        ${n.summary}`).join('\n'),
    )
    .join('\n');
}

for (const p of missingOptional(PAGES)) {
  test(`axe: ${p.type} ${p.path}`, { skip: 'not built yet' }, () => {});
}

for (const scheme of ['light', 'dark']) {
  for (const p of present(PAGES)) {
    test(`axe (${scheme}): ${p.type} ${p.path}`, async () => {
      const context = await isolatedContext(env.browser, env.origin, {
        colorScheme: scheme,
        viewport: { width: 1280, height: 900 },
      });
      try {
        const page = await context.newPage();
        await page.emulateMedia({ colorScheme: scheme });
        const response = await page.goto(env.origin + p.path, { waitUntil: 'load' });
        assert.equal(response.status(), 200, `${p.path} answered ${response.status()}`);
        const dark = await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches);
        assert.equal(dark, scheme === 'dark', `the ${scheme} colour scheme was not emulated`);
        const violations = await audit(page);
        assert.equal(
          violations.length,
          0,
          `${violations.length} axe violation(s) on ${p.path} (${scheme}):\n${describe(violations)}`,
        );
        // A page with a questionnaire is audited again once it shows a result:
        // the first option of every radio group answered.
        const groups = await page.$$eval('form input[type=radio]', (inputs) => [...new Set(inputs.map((i) => i.name))]);
        if (groups.length > 0) {
          for (const name of groups) await page.locator(`input[type=radio][name="${name}"]`).first().check();
          await page.waitForTimeout(300);
          const answered = await audit(page);
          assert.equal(
            answered.length,
            0,
            `${answered.length} axe violation(s) on ${p.path} (${scheme}) after answering every question:\n${describe(answered)}`,
          );
        }
      } finally {
        await context.close();
      }
    });
  }
}
