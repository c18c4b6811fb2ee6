// The Nu HTML Checker reports no error on any .html page of the built site.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { relative } from 'node:path';
import { SITE, assertSiteBuilt, htmlFiles, vnu } from './lib.mjs';

function describe(file, m) {
  const where = m.lastLine ? `${relative(SITE, file)}:${m.lastLine}:${m.firstColumn ?? m.lastColumn ?? ''}` : relative(SITE, file);
  const extract = m.extract ? `\n      ${m.extract.replace(/\s+/g, ' ').trim()}` : '';
  return `${where}: ${m.subType ? m.subType + ' ' : ''}${m.message}${extract}`;
}

test('Nu HTML Checker: 0 errors on every page', async (t) => {
  assertSiteBuilt();
  const files = htmlFiles();
  assert.ok(files.length > 0, `no .html file under ${SITE}`);
  const { byFile, unplaced } = vnu(files);
  assert.deepEqual(unplaced.map((m) => `${m.url ?? '?'}: ${m.message}`), [], 'vnu messages that name no page');
  for (const [file, messages] of byFile) {
    await t.test(relative(SITE, file), () => {
      assert.equal(
        messages.length,
        0,
        `${messages.length} vnu error(s):\n${messages.map((m) => '  ' + describe(file, m)).join('\n')}`,
      );
    });
  }
});
