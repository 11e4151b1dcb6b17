import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

// The extension-tests entry (`extensionTestsPath`): VS Code calls run() inside the extension host,
// as with @vscode/test-electron. It runs every bundled *.suite.cjs next to it with Mocha; the
// summary goes to the console (→ codeAutomationLog) and, when SEEDBED_TEST_RESULTS is set, to a
// JSON file the harness reads.

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  const dir = __dirname;
  const files = readdirSync(dir).filter((f) => f.endsWith('.suite.cjs')).sort();
  for (const f of files) mocha.addFile(join(dir, f));
  const results: { title: string; state: string; ms?: number; error?: string }[] = [];
  await new Promise<void>((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const out = process.env.SEEDBED_TEST_RESULTS;
      if (out) writeFileSync(out, JSON.stringify({ failures, tests: results }, null, 2));
      if (failures) reject(new Error(`${failures} of ${results.length} extension test(s) failed`));
      else resolve();
    });
    runner.on('pass', (t) => results.push({ title: t.fullTitle(), state: 'passed', ms: t.duration }));
    runner.on('fail', (t, err: Error) => results.push({ title: t.fullTitle(), state: 'failed', error: `${err.message}\n${err.stack ?? ''}`.slice(0, 4000) }));
  });
}
