import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { ensureVscodeTools } from '../scripts/vscode-setup.ts';

// The real-VS-Code tools (apt Chromium, code-server from npm; cached under .vscode-test/) are
// installed by the first test file `npm test` starts — this one sorts first — while other files
// run beside it, instead of by test/vscode.test.ts, which sorts last and would wait ≈2.5 min for
// the install at the end of the run. Idempotent and safe beside another install (flock).

test('the real-VS-Code tools are installed: Chromium and code-server', { timeout: 900_000 }, () => {
  const tools = ensureVscodeTools();
  if (tools.installed.length) console.log(`# installed: ${tools.installed.join('; ')}`);
  for (const f of [tools.node, tools.codeServerEntry, tools.chromium]) assert.ok(existsSync(f), `${f} is missing after the install`);
});
