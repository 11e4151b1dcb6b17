import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { chmodSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { cleanup, cli, ROOT, tempDir } from './support/sqlite.ts';

// Files a URL names (sslrootcert, sslcert, sslkey, sslcrl) that are not files: a named pipe held
// the read for ever (Ctrl-C and SIGTERM could not end it: the synchronous read held the thread)
// and /dev/zero was read until the kernel killed the largest process (24 GB here). Now each is
// one message naming the parameter and what the path is, before any connection is tried.

const dir = tempDir('seedbed-hostile-files-');
after(() => cleanup(dir));
const MAIN = join(ROOT, 'src', 'cli', 'main.ts');
const NODE = join(ROOT, 'node_modules', '.bin', 'node');

/** The CLI under a 4 GB address-space limit (a regression must not take the machine with it). */
function status(query: string) {
  const url = `postgresql://u@127.0.0.1:1/db?${query}`;
  const started = Date.now();
  const r = spawnSync('sh', ['-c', 'ulimit -v 4000000; exec "$0" "$@"', NODE, MAIN, 'status', '--db', url], {
    encoding: 'utf8', timeout: 30_000, killSignal: 'SIGKILL', env: { ...process.env, PGCONNECT_TIMEOUT: '2' },
  });
  return { code: r.status, out: (r.stdout ?? '') + (r.stderr ?? ''), ms: Date.now() - started };
}

const fifo = join(dir, 'pipe.pem');
execFileSync('mkfifo', [fifo]);
const big = join(dir, 'big.pem');
writeFileSync(big, Buffer.alloc(3 * 1024 * 1024, 'A'));
chmodSync(big, 0o600);
const small = join(dir, 'small.pem');
writeFileSync(small, '-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n');

const cases: [string, string, RegExp][] = [
  ['sslrootcert=/dev/zero (verify-full)', 'sslmode=verify-full&sslrootcert=/dev/zero', /The root certificate \(sslrootcert\) \/dev\/zero is a device, not a file\./],
  ['sslrootcert at a named pipe', `sslmode=verify-ca&sslrootcert=${fifo}`, /The root certificate \(sslrootcert\) \S+pipe\.pem is a named pipe \(FIFO\), not a file\./],
  ['sslcert at a named pipe', `sslcert=${fifo}`, /The client certificate \(sslcert\) \S+pipe\.pem is a named pipe \(FIFO\), not a file\./],
  ['sslkey=/dev/zero (was: "has group or world access", a misleading fix)', `sslcert=${small}&sslkey=/dev/zero`, /The private key \(sslkey\) \/dev\/zero is a device, not a file\./],
  ['sslcrl at a named pipe', `sslmode=require&sslcrl=${fifo}`, /The certificate revocation list \(sslcrl\) \S+ is a named pipe \(FIFO\), not a file\./],
  ['sslrootcert at a folder', `sslmode=verify-full&sslrootcert=${dir}`, /The root certificate \(sslrootcert\) \S+ is a directory, not a file\./],
  ['a 3 MB "certificate"', `sslmode=verify-full&sslrootcert=${big}`, /The root certificate \(sslrootcert\) \S+big\.pem is 3\.0 MB: no certificate or key is that large\./],
];

for (const [name, query, message] of cases) {
  test(`${name}: one message, at once`, () => {
    const r = status(query);
    assert.equal(r.code, 1, r.out);
    assert.match(r.out, message);
    assert.match(r.out, /Fix: Check the path in the URL \(or the PGSSL… variable\)\. It names a PEM file\./);
    assert.ok(r.ms < 15_000, `took ${r.ms} ms`);
  });
}

test('a zero-byte file (an empty database): every command says what it found and leaves it zero bytes (clear wrote a 4 KB header)', () => {
  const file = join(dir, 'empty.db');
  writeFileSync(file, '');
  const said: Record<string, RegExp> = {
    seed: /has no tables to seed/, clear: /Cleared 0 tables/, undo: /There is no seed run to undo/, status: /tables with data: 0\/0/, validate: /./, runs: /./,
  };
  for (const [command, message] of Object.entries(said)) {
    const r = cli([command, ...(command === 'clear' || command === 'undo' ? ['--yes'] : []), '--db', `sqlite:${file}`]);
    assert.match(r.stdout + r.stderr, message, command);
    assert.equal(statSync(file).size, 0, `${command} wrote to the file`);
  }
});
