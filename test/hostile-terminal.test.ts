import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { progressPrinter } from '../src/cli/progress.ts';
import { jsonText, terminalText } from '../src/cli/terminal.ts';
import { startPostgres, type PgServer } from './support/postgres.ts';
import { cleanup, cli, createDb, Database, tempDir, type CliResult } from './support/sqlite.ts';

// Terminal escape sequences in database names (issue #14 item 5). A table called "\x1b[2J" cleared
// the screen when `seedbed schema` printed it; "\x1b]0;…\x07" set the window title; U+202E
// reversed the rest of the line. Every human-readable line of the CLI now shows such characters as
// escapes (`\x1b[2J`, `\u202e`), and --json stays exact JSON with them escaped the JSON way.

const dir = tempDir('seedbed-hostile-terminal-');
after(() => cleanup(dir));

const N = {
  clear: 'clear\x1b[2J\x1b[H',
  title: 'title\x1b]0;pwned\x07',
  c1: 'c1\x9b31m',
  bidi: 'rtl\u202eevil\u2066x\u2069',
  zero: 'zw\u200b\ufeff',
  back: 'bs\x08\x08cr\rX\x7f',
};

/** Any character a terminal acts on, or that reorders or hides text (tabs and line ends allowed). */
const RAW = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]/u;

const idq = (s: string) => `"${s.replaceAll('"', '""')}"`;

function ddl(dialect: 'sqlite' | 'postgresql'): string {
  const id = dialect === 'sqlite' ? 'INTEGER PRIMARY KEY' : 'serial PRIMARY KEY';
  return `
    CREATE TABLE ${idq(N.clear)} (id ${id}, ${idq(N.title)} TEXT NOT NULL);
    CREATE TABLE ${idq(N.bidi)} (id ${id}, ${idq(N.c1)} INTEGER NOT NULL REFERENCES ${idq(N.clear)} (id), ${idq(N.zero)} TEXT CHECK (${idq(N.zero)} <> 'x'));
    CREATE TABLE ${idq(N.back)} (id ${id}, note TEXT);`;
}

function assertClean(label: string, r: CliResult, code = 0): void {
  assert.equal(r.code, code, `${label}: exit ${r.code}: ${r.stderr}`);
  for (const [stream, text] of [['stdout', r.stdout], ['stderr', r.stderr]] as const) {
    const m = RAW.exec(text);
    assert.equal(m, null, `${label} ${stream}: raw ${JSON.stringify(m?.[0])} near ${JSON.stringify(m && text.slice(Math.max(0, m.index - 20), m.index + 20))}`);
  }
}

/** The commands that print names, human-readable and --json, on one database. */
function everyCommand(url: string, extra: (r: Record<string, CliResult>) => void) {
  const db = ['--db', url];
  const r: Record<string, CliResult> = {};
  r.schema = cli(['schema', ...db]);
  r.plan = cli(['plan', '--columns', '--rows', '5', ...db]);
  r.explain = cli(['plan', '--explain', '--rows', '5', ...db]);
  r.seed = cli(['seed', '--rows', '5', ...db]);
  r.status = cli(['status', ...db]);
  r.coverage = cli(['coverage', ...db]);
  r.runs = cli(['runs', ...db]);
  r.validate = cli(['validate', ...db]);
  r.unknown = cli(['plan', '--tables', 'clear', ...db]);
  for (const [label, res] of Object.entries(r)) assertClean(label, res, label === 'unknown' || (label === 'validate' && res.code === 1) ? 1 : 0);

  // What users read: the names, escaped where they hold control characters.
  assert.match(r.schema.stdout, /^clear\\x1b\[2J\\x1b\[H \(2 columns, pk id\)$/m);
  assert.match(r.schema.stdout, /→ clear\\x1b\[2J\\x1b\[H\.id via c1\\x9b31m/);
  assert.match(r.plan.stdout, /title\\x1b\]0;pwned\\x07/);
  assert.match(r.plan.stdout, /rtl\\u202eevil\\u2066x\\u2069/);
  assert.match(r.seed.stderr, /^ {2}bs\\x08\\x08cr\\x0dX\\x7f: 5 rows in \d+ ms$/m, 'progress lines');
  assert.match(r.status.stdout, /zw|rtl\\u202eevil/);
  assert.match(r.coverage.stdout, /clear\\x1b\[2J\\x1b\[H/);
  assert.match(r.unknown.stderr, /Did you mean "clear\\x1b\[2J\\x1b\[H"\?/, 'error messages');

  // --json: exact JSON, the names parse back byte for byte, and nothing raw reaches the terminal.
  for (const cmd of ['schema', 'status', 'coverage']) {
    const j = cli(['--json', cmd, ...db]);
    assertClean(`${cmd} --json`, j);
    const text = JSON.stringify(JSON.parse(j.stdout));
    for (const name of cmd === 'schema' ? Object.values(N) : [N.clear, N.bidi, N.back]) assert.ok(text.includes(JSON.stringify(name).slice(1, -1)), `${cmd} --json holds ${JSON.stringify(name)} exactly`);
  }
  extra(r);
}

describe('terminal escapes in names: SQLite', () => {
  test('schema, plan, seed, status, coverage, runs, validate and errors print them escaped', () => {
    const file = join(dir, 'hostile.db');
    createDb(file, ddl('sqlite'));
    everyCommand(`sqlite:${file}`, () => {});
    // A problem validate reports names the table: an orphan row written with the FK checks off.
    const db = new Database(file);
    db.pragma('foreign_keys = OFF');
    db.exec(`INSERT INTO ${idq(N.bidi)} (${idq(N.c1)}) VALUES (999999)`);
    db.close();
    const v = cli(['validate', '--db', `sqlite:${file}`]);
    assertClean('validate with a problem', v, 1);
    assert.match(v.stdout, /rtl\\u202eevil\\u2066x\\u2069/);
    const clear = cli(['clear', '--yes', '--tables', N.back, '--db', `sqlite:${file}`]);
    assertClean('clear', clear);
  });
});

describe('terminal escapes in names: PostgreSQL', () => {
  let pg: PgServer;
  before(async () => {
    pg = await startPostgres();
    await pg.createDatabase('hostile', ddl('postgresql'));
  });
  after(async () => {
    await pg?.stop();
  });

  test('schema, plan, seed, status, coverage, runs, validate and errors print them escaped', () => {
    everyCommand(pg.url('hostile'), (r) => assert.match(r.validate.stdout, /valid: no problems found/));
  });
});

describe('the output boundary (src/cli/terminal.ts)', () => {
  test('a TTY progress line keeps only the printer\'s own codes', () => {
    const saved = process.env.CI;
    delete process.env.CI;
    let text = '';
    try {
      const print = progressPrinter({ isTTY: true, write: (s: string) => ((text += s), true) } as unknown as NodeJS.WriteStream);
      print({ type: 'start', tables: 1, rows: 10, seed: 1 } as never);
      print({ type: 'progress', table: N.clear, done: 5, total: 10, totalDone: 5, totalRows: 10 } as never);
      print({ type: 'table-done', table: N.title, rows: 20000, ms: 3, rowsPerSecond: 1 } as never);
      print({ type: 'left-out', table: N.bidi, reason: `no value of ${N.zero} meets its CHECK` } as never);
    } finally {
      if (saved !== undefined) process.env.CI = saved;
    }
    const own = text.replaceAll('\r\x1b[2K', '');
    assert.equal(RAW.exec(own), null, JSON.stringify(own));
    assert.match(own, /clear\\x1b\[2J\\x1b\[H 5\/10/);
    assert.match(own, /rtl\\u202eevil\\u2066x\\u2069: cannot fill: no value of zw\\u200b\\ufeff meets its CHECK/);
  });

  test('terminalText escapes, keeps line ends, shortens a huge word; jsonText is exact JSON', () => {
    assert.equal(terminalText('a\x1b[2Jb\u202ec\n\td'), 'a\\x1b[2Jb\\u202ec\n\td');
    const huge = terminalText(`Cannot open sqlite:/tmp/${'a'.repeat(120_000)}.db`);
    assert.ok(huge.length < 400, `${huge.length} characters`);
    assert.match(huge, /…\[119,\d{3} characters left out\]…a+\.db$/);
    const value = { name: `x\x9b\u202e\u2028\x1b\u{E0041}` };
    const j = jsonText(value);
    assert.equal(RAW.exec(j), null);
    assert.deepEqual(JSON.parse(j), value);
  });
});
