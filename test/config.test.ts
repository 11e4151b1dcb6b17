import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ConfigError, findConfig, loadConfig, resolveScenario, validateConfig, loadResolved } from '../src/seeders/config/index.ts';
import type { SeedbedConfig } from '../src/seeders/config/types.ts';
import { openDatabase, SeedbedError, type SchemaInfo } from '../src/seeders/index.ts';
import { cleanup, cliEntry, counts, createDb, Database, ROOT, tempDir } from './support/sqlite.ts';

// seedbed.config.ts: found and loaded without a build step (jiti, `import … from 'seedbed'`),
// validated (shape, then names against the live schema) with ONE error naming file:line and the
// fix, resolved for a scenario with the documented precedence, and wired into the CLI.

const dir = tempDir('seedbed-config-');
after(() => cleanup(dir));

const SCHEMA_SQL = `
CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'teacher', 'student')), bio TEXT);
CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users (id), title TEXT NOT NULL,
  body TEXT, words INTEGER GENERATED ALWAYS AS (length(body)) VIRTUAL);
CREATE TABLE audit_log (id INTEGER PRIMARY KEY, at TEXT NOT NULL);
`;

let schema: SchemaInfo;
before(async () => {
  createDb(join(dir, 'schema.db'), SCHEMA_SQL);
  const db = await openDatabase(`sqlite:${join(dir, 'schema.db')}`);
  schema = await db.readSchema();
  await db.close();
});

let n = 0;
/** Writes `text` as a config file in a folder of its own; returns its path. */
function configFile(text: string, name = 'seedbed.config.ts'): string {
  const d = join(dir, `p${++n}`);
  mkdirSync(d, { recursive: true });
  const f = join(d, name);
  writeFileSync(f, text);
  return f;
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

async function loadError(text: string, name?: string): Promise<ConfigError> {
  const f = configFile(text, name);
  try {
    const { config, source } = await loadConfig(f);
    validateConfig(config, schema, f, source);
  } catch (e) {
    assert.ok(e instanceof ConfigError, `expected a ConfigError, got ${(e as Error).stack}`);
    assert.ok(e instanceof SeedbedError && e.code === 'BAD_INPUT');
    return e;
  }
  assert.fail('no error');
}

describe('finding and loading', () => {
  test('findConfig: none, one, or two (ambiguous)', () => {
    const d = join(dir, 'find');
    mkdirSync(d);
    assert.equal(findConfig(d), undefined);
    writeFileSync(join(d, 'seedbed.config.mjs'), 'export default {};');
    assert.equal(findConfig(d), join(d, 'seedbed.config.mjs'));
    writeFileSync(join(d, 'seedbed.config.ts'), 'export default {};');
    assert.throws(() => findConfig(d), /2 Seedbed config files: seedbed\.config\.ts, seedbed\.config\.mjs/);
  });

  test('a TypeScript config importing \'seedbed\' and a local helper loads without a build step', async () => {
    const f = configFile(`import { defineConfig, type SeedbedConfig } from 'seedbed';
import { twice } from './helper.ts';
const rows: number = twice(5);
export default defineConfig({ rows, tables: { users: { columns: { name: ({ faker }) => faker.person.fullName() } } } }) satisfies SeedbedConfig;
`);
    writeFileSync(join(f, '..', 'helper.ts'), 'export const twice = (n: number): number => n * 2;\n');
    const { config, file } = await loadConfig(f);
    assert.equal(file, f);
    assert.equal(config.rows, 10);
    assert.equal(typeof (config.tables!.users!.columns!.name), 'function');
  });

  test('.mjs and .js configs load too; a folder given to --config means the config inside it', async () => {
    const mjs = configFile(`import { defineConfig } from 'seedbed';\nexport default defineConfig({ seed: 7 });\n`, 'seedbed.config.mjs');
    assert.equal((await loadConfig(mjs)).config.seed, 7);
    const js = configFile(`export default { seed: 8 };\n`, 'seedbed.config.js');
    assert.equal((await loadConfig(join(js, '..'))).config.seed, 8);
  });

  test('an edited config is read afresh on the next load', async () => {
    const f = configFile(`export default { rows: 1 };\n`);
    assert.equal((await loadConfig(f)).config.rows, 1);
    writeFileSync(f, `export default { rows: 2 };\n`);
    assert.equal((await loadConfig(f)).config.rows, 2);
  });

  test('a syntax error: file:line of the error', async () => {
    const text = `import { defineConfig } from 'seedbed';\n\nexport default defineConfig({\n  rows: 5\n  seed: 1,\n});\n`;
    const e = await loadError(text);
    assert.equal(e.line, 5);
    assert.match(e.message, /seedbed\.config\.ts:5: syntax error: /);
  });

  test('a throw inside the config: file:line where it threw', async () => {
    const text = `import { defineConfig } from 'seedbed';\nconst size = (): number => {\n  throw new Error('no size today');\n};\nexport default defineConfig({ rows: size() });\n`;
    const e = await loadError(text);
    assert.equal(e.line, 3);
    assert.match(e.message, /seedbed\.config\.ts:3: the config threw while loading: no size today/);
  });

  test('an import that cannot be found: the line of the import', async () => {
    const text = `import { defineConfig } from 'seedbed';\nimport { x } from './nope.ts';\nexport default defineConfig({ rows: x });\n`;
    const e = await loadError(text);
    assert.equal(e.line, 2);
    assert.match(e.message, /cannot import "\.\/nope\.ts"/);
  });

  test('no default export, or not an object', async () => {
    assert.match((await loadError(`export const config = {};\n`)).message, /seedbed\.config\.ts:1: the file has no default export/);
    const e = await loadError(`const x = 1;\nexport default 42;\n`);
    assert.match(e.message, /seedbed\.config\.ts:2: the default export is a number/);
  });
});

describe('validation: one error with file:line and the fix', () => {
  // [what, config body (inside defineConfig({ … })), the line's marker, message, fix]
  const cases: [string, string, string, RegExp, RegExp?][] = [
    ['unknown top-level key', `rowz: 5, // HERE`, 'HERE', /unknown setting "rowz" in the config/, /Did you mean "rows"\?/],
    ['rows not whole', `rows: 2.5, // HERE`, 'HERE', /^.*rows: must be a whole number >= 0 \(got 2\.5\)/],
    ['negative table rows', `tables: {\n users: { rows: -1 }, // HERE\n }`, 'HERE', /tables\.users\.rows: must be a whole number >= 0 \(got -1\)/],
    ['perParent min > max', `tables: {\n posts: {\n perParent: { user_id: [3, 1] }, // HERE\n },\n }`, 'HERE', /tables\.posts\.perParent\.user_id: the range \[3, 1\] has min > max/, /Write \[1, 3\]/],
    ['weight not positive', `tables: { users: { columns: {\n role: { values: { admin: 0, student: 5 } }, // HERE\n } } }`, 'HERE', /weight of "admin" must be a positive number \(got 0\)/],
    ['weight not a number', `tables: { users: { columns: {\n role: { values: { admin: 'lots' } }, // HERE\n } } }`, 'HERE', /weight of "admin" must be a positive number \(got "lots"\)/],
    ['empty values', `tables: { users: { columns: {\n role: { values: [] }, // HERE\n } } }`, 'HERE', /values: is an empty list/],
    ['generate and values', `tables: { users: { columns: {\n role: { generate: () => 'admin', values: ['admin'] }, // HERE\n } } }`, 'HERE', /has both generate and values/],
    ['nullRate out of range', `nullRate: 1.5, // HERE`, 'HERE', /nullRate: must be a share between 0 and 1/],
    ['a rule that is a plain value', `tables: { users: { columns: {\n name: 'Ann', // HERE\n } } }`, 'HERE', /must be a function or \{ generate, values, nullRate \}/, /values: \["Ann"\]/],
    ['unknown table setting', `tables: {\n users: { count: 5 }, // HERE\n }`, 'HERE', /unknown setting "count" in table users/],
    ['rows and perParent together', `tables: {\n posts: { rows: 5, perParent: { user_id: 2 } }, // HERE\n }`, 'HERE', /posts has both rows and perParent/],
    ['defaultScenario unknown', `scenarios: { light: { rows: 1 } },\n defaultScenario: 'lihgt', // HERE`, 'HERE', /defaultScenario: names no scenario: "lihgt"/, /Did you mean "light"\?/],
    ['scenario table count wrong', `scenarios: { light: { tables: {\n users: -3, // HERE\n } } }`, 'HERE', /scenarios\.light\.tables\.users: rows must be a whole number/],
    ['hook not a function', `hooks: { beforeTable: 5 }, // HERE`, 'HERE', /hooks\.beforeTable: must be a function/],
    ['unknown locale', `locale: 'en-US', // HERE`, 'HERE', /"en-US" is not a faker locale/, /Did you mean "en_US"\?/],
    ['bad database URL', `database: 'mysql://x/y', // HERE`, 'HERE', /neither sqlite:PATH nor postgresql/],
    // names, against the live schema
    ['unknown table', `tables: {\n usres: { rows: 3 }, // HERE\n }`, 'HERE', /tables\.usres: unknown table "usres"/, /Did you mean "users"\?/],
    ['unknown column', `tables: { users: { columns: {\n emial: ({ faker }) => faker.internet.email(), // HERE\n } } }`, 'HERE', /tables\.users\.columns\.emial: unknown column "emial" in table users/, /Did you mean "email"\?/],
    ['unknown column in a scenario', `scenarios: { heavy: { tables: { posts: { columns: {\n titel: () => 'x', // HERE\n } } } } }`, 'HERE', /scenarios\.heavy\.tables\.posts\.columns\.titel: unknown column/, /Did you mean "title"\?/],
    ['perParent on a column that is not a foreign key', `tables: { posts: {\n perParent: { title: 2 }, // HERE\n } }`, 'HERE', /posts\.title is not a foreign key column/, /Use a foreign key column of posts: user_id/],
    ['fanOut out of range', `fanOut: -1, // HERE`, 'HERE', /fanOut: must be a number from 0 \(every parent equally often\) to 20 \(got -1\)/, /Write 0 for an even spread/],
    ['fanOut of a table not per column', `tables: { posts: {\n fanOut: 2, // HERE\n } }`, 'HERE', /tables\.posts\.fanOut: must be an object of foreign key column → skew/, /fanOut: \{ author_id: 0 \}/],
    ['fanOut on a column that is not a foreign key', `tables: { posts: {\n fanOut: { title: 0 }, // HERE\n } }`, 'HERE', /posts\.title is not a foreign key column, so it has no parents to spread over/, /Use a foreign key column of posts: user_id/],
    ['excluded table configured', `exclude: ['audit_log'],\n tables: {\n audit_log: { rows: 3 }, // HERE\n }`, 'HERE', /table audit_log is configured but also excluded/],
    ['exclude names an unknown table', `exclude: [\n 'audit_logs', // HERE\n ]`, 'HERE', /exclude\[0\]: unknown table "audit_logs"/, /Did you mean "audit_log"\?/],
    ['value not allowed by the CHECK', `tables: { users: { columns: {\n role: { values: { admin: 1, studnet: 5 } }, // HERE\n } } }`, 'HERE', /"studnet" is not an allowed value of users\.role/, /Did you mean "student"\? Allowed: admin, teacher, student/],
    ['nullRate on a NOT NULL column', `tables: { users: { columns: {\n name: { nullRate: 0.2 }, // HERE\n } } }`, 'HERE', /users\.name is NOT NULL; it cannot hold NULLs/],
    ['a generated column', `tables: { posts: { columns: {\n words: () => 3, // HERE\n } } }`, 'HERE', /posts\.words is a generated column/],
    ['lookup of an unknown table', `tables: { posts: { columns: {\n title: ({ lookup }) => String(lookup.pick('user')?.name), // HERE\n } } }`, 'HERE', /lookup of unknown table "user"/, /Did you mean "users"\?/],
    ['after names an unknown table', `tables: { posts: {\n after: ['user'], // HERE\n } }`, 'HERE', /tables\.posts\.after\[0\]: unknown table "user"/],
  ];
  for (const [what, body, marker, message, fix] of cases) {
    test(what, async () => {
      // A comment naming the same keys above the real ones must not be taken for them.
      const text = `import { defineConfig } from 'seedbed';\n\n// tables: { usres: {}, users: { columns: { emial: 1 } } }\nexport default defineConfig({\n ${body}\n});\n`;
      const e = await loadError(text);
      assert.equal(e.line, lineOf(text, marker), `line of: ${e.message}`);
      assert.match(e.message, /seedbed\.config\.ts:\d+: /);
      assert.match(e.message, message);
      if (fix) assert.match(e.fix ?? '', fix);
    });
  }

  test('several problems: the first by line, and how many more', async () => {
    const text = `export default {\n  rows: -1,\n  tables: { usres: {} },\n  seed: 'x',\n};\n`;
    const e = await loadError(text);
    assert.equal(e.line, 2);
    assert.match(e.message, /rows: must be a whole number .*\(1 more problem in the config after this one: line 4\)/);
  });

  test('a valid config passes and comes back typed', async () => {
    const f = configFile(`import { defineConfig } from 'seedbed';
export default defineConfig({
  seed: 3, rows: 10, nullRate: 0.2, locale: 'de', exclude: ['audit_log'],
  tables: {
    users: { rows: 5, columns: { role: { values: { admin: 1, student: 9 } }, bio: { nullRate: 0.5 }, name: ({ faker }) => faker.person.fullName() } },
    posts: { perParent: { user_id: [0, 3] }, after: ['users'], columns: { title: ({ row, lookup }) => String(lookup.pick('users', { id: row.user_id })?.name) } },
  },
  scenarios: { light: { rows: 2, tables: { users: 2 } }, heavy: { rows: 1000 } },
  defaultScenario: 'light',
  hooks: { beforeTable() {}, afterTable() {} },
});
`);
    const { config, source } = await loadConfig(f);
    assert.equal(validateConfig(config, schema, f, source), config);
  });
});

describe('resolveScenario: CLI flags > scenario > config defaults', () => {
  const base = (): SeedbedConfig => ({
    database: 'sqlite:dev.db',
    seed: 3, rows: 10, nullRate: 0.2, locale: 'de', exclude: ['audit_log'],
    tables: {
      users: { rows: 5, columns: { name: () => 'config', bio: { nullRate: 0.5 } } },
      posts: { perParent: { user_id: [1, 3] }, after: ['users'], columns: { title: () => 'config' } },
    },
    scenarios: {
      light: { rows: 2, tables: { users: 3, posts: { columns: { title: () => 'light' } } } },
      heavy: { rows: 1000, tables: { posts: { rows: 50 }, users: { columns: { name: () => 'heavy' } } } },
    },
    defaultScenario: 'light',
  });

  test('no scenario named: the defaultScenario', () => {
    const r = resolveScenario({ config: base(), file: join(dir, 'proj', 'seedbed.config.ts') });
    assert.equal(r.scenario, 'light');
    assert.equal(r.rows, 2, 'scenario rows beat config rows');
    // Records keyed by table names have no prototype (a table may be called __proto__): their entries.
    assert.deepEqual({ ...r.counts }, { users: 3 }, 'a bare number in a scenario is the table\'s rows');
    assert.deepEqual(r.tables.posts.perParent, { user_id: [1, 3] }, 'not sized by the scenario: the config\'s perParent stays');
    assert.equal((r.tables.posts.columns!.title as () => string)(), 'light', 'the scenario\'s rule for a column wins');
    assert.equal((r.tables.users.columns!.name as () => string)(), 'config', 'other columns keep the config\'s rules');
    assert.deepEqual(r.tables.users.columns!.bio, { nullRate: 0.5 });
    assert.deepEqual(r.tables.posts.after, ['users']);
    assert.deepEqual(r.exclude, ['audit_log']);
    assert.equal(r.seed, 3);
    assert.equal(r.nullRate, 0.2);
    assert.equal(r.locale, 'de');
    assert.equal(r.database, `sqlite:${join(dir, 'proj', 'dev.db')}`, 'a relative sqlite path is relative to the config file');
    assert.deepEqual(r.source, { file: join(dir, 'proj', 'seedbed.config.ts'), scenario: 'light', flags: {} });
  });

  test('a scenario that sizes a table replaces the config\'s rows and perParent; flags beat both', () => {
    const r = resolveScenario({ config: base(), file: '/x/seedbed.config.ts' }, 'heavy', { rows: 7, seed: 9 });
    assert.equal(r.rows, 7, '--rows beats the scenario\'s rows');
    assert.equal(r.seed, 9, '--seed beats the config\'s seed');
    assert.deepEqual({ ...r.counts }, { users: 5, posts: 50 });
    assert.equal(r.tables.posts.perParent, undefined, 'rows from the scenario: no perParent');
    assert.equal(r.tables.posts.rows, 50);
    assert.equal((r.tables.users.columns!.name as () => string)(), 'heavy');
  });

  test('an excluded table never appears; an unknown scenario lists the scenarios', () => {
    const c = base();
    c.tables!.audit_log = { rows: 3 };
    assert.equal(resolveScenario(c).tables.audit_log, undefined);
    assert.throws(() => resolveScenario({ config: base(), file: '/x/seedbed.config.ts' }, 'hevy'), (e: SeedbedError) =>
      /Unknown scenario "hevy"\. Scenarios in .*: light, heavy\./.test(e.message) && /Did you mean "heavy"\?/.test(e.fix ?? ''));
    assert.throws(() => resolveScenario({}, 'light'), /defines no scenarios/);
    assert.equal(resolveScenario({ rows: 4 }).scenario, undefined);
  });

  test('loadResolved rebuilds the same options from plain data (what a worker thread gets)', async () => {
    const f = configFile(`export default { rows: 4, scenarios: { light: { rows: 1, tables: { users: 2 } } } };\n`);
    const r = resolveScenario(await loadConfig(f), 'light', { seed: 5 });
    const again = await loadResolved(structuredClone(r.source), schema);
    assert.deepEqual({ ...again, config: undefined }, { ...r, config: undefined });
  });
});

describe('the CLI with a config', () => {
  const main = cliEntry();
  const run = (cwd: string, args: string[]) => {
    const r = spawnSync(process.execPath, [main, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: '1', SEEDBED_DATABASE_URL: '' } });
    return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  };
  const project = (config: string) => {
    const d = join(dir, `cli${++n}`);
    mkdirSync(d);
    createDb(join(d, 'dev.db'), SCHEMA_SQL);
    writeFileSync(join(d, 'seedbed.config.ts'), config);
    return d;
  };

  test('locale: a config function\'s faker speaks the config\'s locale (ja: names in Japanese script)', () => {
    const names = (locale: string) => {
      const d = project(`export default { database: 'sqlite:dev.db', locale: '${locale}', tables: { users: { rows: 20, columns: { bio: ({ faker }) => faker.person.lastName() } } } };`);
      const r = run(d, ['seed', '--tables', 'users']);
      assert.equal(r.code, 0, r.stderr);
      const db = new Database(join(d, 'dev.db'), { readonly: true });
      try {
        return (db.prepare('SELECT bio FROM users ORDER BY id').all() as { bio: string }[]).map((x) => x.bio);
      } finally {
        db.close();
      }
    };
    const ja = names('ja');
    assert.ok(ja.every((n) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(n)), `ja: ${ja.slice(0, 5).join(', ')}`);
    const en = names('en');
    assert.ok(en.every((n) => /^[A-Za-z' -]+$/.test(n)), `en: ${en.slice(0, 5).join(', ')}`);
  });

  test('fanOut: 0 spreads rows evenly over their parents, the default skews them, a column\'s own value wins; plan --explain says so', () => {
    // Share of posts on the busiest 10 % of 100 users, by SQL on the seeded file.
    const top10 = (file: string) => {
      const db = new Database(file, { readonly: true });
      try {
        const per = (db.prepare('SELECT count(*) AS n FROM posts GROUP BY user_id ORDER BY n DESC').all() as { n: number }[]).map((r) => r.n);
        return per.slice(0, 10).reduce((a, b) => a + b, 0) / 5000;
      } finally {
        db.close();
      }
    };
    const shares: number[] = [];
    for (const config of [
      `export default { database: 'sqlite:dev.db', tables: { users: { rows: 100 }, posts: { rows: 5000 } } };`,
      `export default { database: 'sqlite:dev.db', fanOut: 0, tables: { users: { rows: 100 }, posts: { rows: 5000 } } };`,
      `export default { database: 'sqlite:dev.db', fanOut: 0, tables: { users: { rows: 100 }, posts: { rows: 5000, fanOut: { user_id: 8 } } } };`,
    ]) {
      const d = project(config);
      const r = run(d, ['seed']);
      assert.equal(r.code, 0, r.stderr);
      shares.push(top10(join(d, 'dev.db')));
      if (config.includes('user_id: 8')) assert.match(run(d, ['plan', '--explain']).stdout, /user_id .*fk → users.*fan-out 8 from the config/);
    }
    const [skewed, even, stronger] = shares;
    assert.ok(skewed > 0.3, `default: the busiest 10 % get ${skewed}`);
    assert.ok(even < 0.15, `fanOut 0: the busiest 10 % get ${even} (even would be 0.10 plus chance)`);
    assert.ok(stronger > skewed, `fanOut 8 (${stronger}) is more skewed than the default (${skewed})`);
  });

  test('found in the working folder: its database, scenario, exclude and hooks', () => {
    const d = project(`import { appendFileSync } from 'node:fs';
import { defineConfig } from 'seedbed';
export default defineConfig({
  database: 'sqlite:dev.db',
  exclude: ['audit_log'],
  tables: { users: { rows: 4 } },
  scenarios: { light: { tables: { users: 2, posts: 3 } } },
  hooks: { afterTable({ table, rows, scenario }) { appendFileSync(new URL('./hooks.log', import.meta.url), \`\${table} \${rows} \${scenario}\\n\`); } },
});
`);
    const r = run(d, ['seed', '--scenario', 'light']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /\(scenario light\)/);
    assert.deepEqual(counts(join(d, 'dev.db')), { audit_log: 0, posts: 3, users: 2 });
    assert.deepEqual(readFileSync(join(d, 'hooks.log'), 'utf8').trim().split('\n').sort(), ['posts 3 light', 'users 2 light']);

    // Without a scenario: the config's own sizes. `clear` leaves the excluded table alone.
    createDb(join(d, 'other.db'), SCHEMA_SQL + `INSERT INTO audit_log (at) VALUES ('then');`);
    assert.equal(run(d, ['seed', '--db', 'sqlite:other.db', '--rows', '6']).code, 0);
    assert.deepEqual(counts(join(d, 'other.db')), { audit_log: 1, posts: 6, users: 4 });
    const cleared = run(d, ['clear', '--db', 'sqlite:other.db', '--yes']);
    assert.equal(cleared.code, 0, cleared.stderr);
    assert.deepEqual(counts(join(d, 'other.db')), { audit_log: 1, posts: 0, users: 0 });
    assert.match(run(d, ['clear', '--db', 'sqlite:other.db', '--yes', '--tables', 'audit_log']).stderr, /audit_log is excluded in .*seedbed\.config\.ts; Seedbed never clears it/);

    // --no-config: none of it.
    assert.equal(run(d, ['seed', '--db', 'sqlite:other.db', '--no-config', '--rows', '2']).code, 0);
    assert.equal(counts(join(d, 'other.db')).audit_log, 3);
  });

  test('a typo in the config: file:line and the closest name, nothing written', () => {
    const d = project(`import { defineConfig } from 'seedbed';\nexport default defineConfig({\n  database: 'sqlite:dev.db',\n  tables: {\n    usres: { rows: 2 },\n  },\n});\n`);
    const r = run(d, ['seed']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'seedbed: seedbed.config.ts:5: tables.usres: unknown table "usres".\nFix: Did you mean "users"?\n');
    assert.deepEqual(counts(join(d, 'dev.db')), { audit_log: 0, posts: 0, users: 0 });
    const p = run(d, ['plan', '--config', join(d, 'seedbed.config.ts')]);
    assert.match(p.stderr, /seedbed\.config\.ts:5: tables\.usres: unknown table/);
  });

  test('--scenario without a config, and --config pointing nowhere', () => {
    const d = join(dir, `bare${++n}`);
    mkdirSync(d);
    createDb(join(d, 'dev.db'), SCHEMA_SQL);
    assert.match(run(d, ['seed', '--db', 'sqlite:dev.db', '--scenario', 'light']).stderr, /--scenario light needs a config file, and there is no seedbed\.config\.ts here/);
    assert.match(run(d, ['seed', '--db', 'sqlite:dev.db', '--config', 'nope.ts']).stderr, /Config file nope\.ts does not exist/);
    appendFileSync(join(d, 'seedbed.config.ts'), 'export default { rows: 2 };\n');
    assert.match(run(d, ['scenarios']).stdout, /defines no scenarios/);
  });
});
