// The Nu HTML Checker reports no error on any .html page of the built site.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HERE, SITE, assertSiteBuilt, htmlFiles } from './lib.mjs';

const VNU = join(HERE, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');

// Runs vnu once over every page (one JVM start), and groups its messages by file.
function check(files) {
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

function describe(file, m) {
  const where = m.lastLine ? `${relative(SITE, file)}:${m.lastLine}:${m.firstColumn ?? m.lastColumn ?? ''}` : relative(SITE, file);
  const extract = m.extract ? `\n      ${m.extract.replace(/\s+/g, ' ').trim()}` : '';
  return `${where}: ${m.subType ? m.subType + ' ' : ''}${m.message}${extract}`;
}

test('Nu HTML Checker: 0 errors on every page', async (t) => {
  assertSiteBuilt();
  const files = htmlFiles();
  assert.ok(files.length > 0, `no .html file under ${SITE}`);
  const { byFile, unplaced } = check(files);
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
