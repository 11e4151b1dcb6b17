// A seeded generator of adversarial but valid SQLite schemas: what real schemas contain (CHECKs of
// every form, expression and partial unique indexes, generated columns, composite, self and cyclic
// foreign keys, odd names and type spellings, DEFAULTs, triggers with WHEN), mixed at random. The
// same seed gives the same text, so a failing case is replayed by its number.

/** mulberry32: small, fast, deterministic. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Kind = 'int' | 'real' | 'text' | 'blob' | 'bool' | 'date' | 'any';
interface Col { name: string; q: string; kind: Kind; notNull: boolean; generated: boolean }
interface Table { name: string; q: string; cols: Col[]; key?: Col }

const q = (name: string) => `"${name.replaceAll('"', '""')}"`;
const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;

const TYPES: Record<Kind, string[]> = {
  int: ['INTEGER', 'int', 'BIGINT', 'smallint', 'TINYINT', 'INT8', 'unsigned big int', 'MEDIUMINT', 'integer(11)', 'int4'],
  real: ['REAL', 'double', 'DOUBLE PRECISION', 'FLOAT', 'numeric(10,2)', 'DECIMAL(5, 1)', 'numeric'],
  text: ['TEXT', 'varchar(40)', 'VARCHAR(255)', 'character varying(12)', 'NVARCHAR(100)', 'CLOB', 'char(3)', 'string', 'citext', 'uuid', 'json', 'jsonb'],
  blob: ['BLOB', 'bytea', 'binary(16)'],
  bool: ['BOOLEAN', 'bool', 'bit'],
  date: ['DATE', 'DATETIME', 'timestamp', 'TIMESTAMP WITH TIME ZONE', 'timestamptz', 'time'],
  any: ['', 'ANY', 'whatever', 'SOMETYPE(3,4)'],
};

const WORDS = ['id', 'name', 'order', 'select', 'group', 'key', 'value', 'status', 'kind', 'email', 'code', 'x', 'y', 'parent_id',
  'Naïve', 'ключ', '名前', 'a b', 'we"ird', "it's", 'a.b', 'CamelCase', 'UPPER', 'from', 'where', 'rowid', 'oid', 'level', 'desc', 'check',
  'price', 'created_at', 'deleted_at', 'is_default', 'tenant_id', 'count', 'json', 'tags', '😀', 'tab\tname', 'semi;colon'];

export interface FuzzCase { seed: number; sql: string }

/** `stress`: sizes past what real schemas hold (wide tables, dozens of CHECKs, nesting 20-150
 *  deep, AND/OR of hundreds of terms), to find time and stack blow-ups. */
export function fuzzSchema(seed: number, stress = false): FuzzCase {
  const r = prng(seed * 2654435761);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const chance = (p: number) => r() < p;
  const used = new Set<string>();
  const fresh = (pool: string[]): string => {
    for (;;) {
      let n = pick(pool);
      if (chance(0.3)) n += `_${int(1, 99)}`;
      if (!used.has(n.toLowerCase())) { used.add(n.toLowerCase()); return n; }
    }
  };

  const tables: Table[] = [];
  const stmts: string[] = [];
  const nTables = stress ? int(3, 12) : int(1, 5);

  const numLit = (kind: Kind) => kind === 'real' ? (r() * 200 - 50).toFixed(int(0, 3)) : String(int(-20, 1000));
  const strLit = () => lit(pick(['a', 'b', 'active', 'closed', '', ' ', "o'k", 'x%y', 'Ünï', 'ABC', '2024-01-01', '{}', '[1,2]', 'x'.repeat(int(1, 30))]));
  const valueOf = (c: Col): string => {
    switch (c.kind) {
      case 'int': case 'bool': return numLit('int');
      case 'real': return numLit('real');
      case 'date': return lit(`20${int(10, 29)}-0${int(1, 9)}-1${int(0, 9)}`);
      case 'blob': return `x'${'ab'.repeat(int(0, 4))}'`;
      default: return strLit();
    }
  };

  /** A value expression over the row's columns. */
  const valueExpr = (cols: Col[], depth: number): string => {
    const c = pick(cols);
    if (depth <= 0 || chance(0.4)) return chance(0.8) ? c.q : valueOf(c);
    switch (int(0, 11)) {
      case 0: return `(${valueExpr(cols, depth - 1)} ${pick(['+', '-', '*', '/', '%', '||', '&', '|', '<<'])} ${valueExpr(cols, depth - 1)})`;
      case 1: return `length(${c.q})`;
      case 2: return `abs(${valueExpr(cols, depth - 1)})`;
      case 3: return `coalesce(${c.q}, ${valueOf(c)})`;
      case 4: return `CAST(${c.q} AS ${pick(['INTEGER', 'TEXT', 'REAL', 'NUMERIC', 'BLOB', 'varchar(3)'])})`;
      case 5: return `lower(${c.q})`;
      case 6: return `substr(${c.q}, ${int(1, 3)}, ${int(1, 5)})`;
      case 7: return `CASE WHEN ${boolExpr(cols, depth - 1)} THEN ${valueExpr(cols, depth - 1)} ELSE ${valueExpr(cols, depth - 1)} END`;
      case 8: return `${pick(['ifnull', 'nullif', 'max', 'min', 'round', 'trim', 'instr', 'printf', 'json_set', 'format'])}(${c.q}, ${valueOf(c)})`;
      case 9: return `json_extract(${c.q}, '$.${pick(['a', 'b.c', 'x[0]'])}')`;
      case 10: return `(${c.q} COLLATE ${pick(['NOCASE', 'RTRIM', 'BINARY'])})`;
      default: return `-${c.q}`;
    }
  };

  const boolExpr = (cols: Col[], depth: number): string => {
    const c = pick(cols);
    if (depth <= 0) return `${c.q} IS NOT NULL`;
    switch (int(0, 22)) {
      case 0: case 1: return `(${boolExpr(cols, depth - 1)} ${pick(['AND', 'OR'])} ${boolExpr(cols, depth - 1)})`;
      case 2: return `NOT (${boolExpr(cols, depth - 1)})`;
      case 3: {
        const n = pick([1, 2, 3, 5, 20, 200, int(1, 2000)]);
        const seen = new Set<string>();
        for (let i = 0; i < n; i++) seen.add(c.kind === 'text' || c.kind === 'any' ? lit(`v${i}${chance(0.1) ? "'" : ''}`) : valueOf(c));
        return `${c.q} ${chance(0.2) ? 'NOT ' : ''}IN (${[...seen].join(', ')})`;
      }
      case 4: { const a = valueOf(c), b = valueOf(c); return `${c.q} ${chance(0.2) ? 'NOT ' : ''}BETWEEN ${a} AND ${b}`; }
      case 5: { const op = pick(['LIKE', 'NOT LIKE', 'GLOB']); return `${c.q} ${op} ${lit(pick(['a%', '%b%', '_x_', '[A-Z]*', '*.*', '%', 'abc', '%\\_%', '?-?', '[0-9][0-9]*', '%a%a%a%a%a%b']))}${op !== 'GLOB' && chance(0.1) ? " ESCAPE '\\'" : ''}`; }
      case 6: return `length(${c.q}) ${pick(['<', '<=', '>', '>=', '=', '<>', 'BETWEEN 1 AND'])} ${int(0, 300)}`;
      case 7: return `typeof(${c.q}) ${pick(["= 'integer'", "<> 'text'", "= 'real'", "IN ('text', 'null')", "IN ('integer')", "NOT IN ('blob')"])}`;
      case 8: return `json_valid(${c.q})`;
      case 9: return `json_type(${c.q}) = ${pick(["'object'", "'array'", "'text'"])}`;
      case 10: { const d = pick(cols); return `${c.q} ${pick(['<', '<=', '>', '>=', '=', '<>', '!=', '=='])} ${d.q}`; }
      case 11: return `${valueExpr(cols, depth - 1)} ${pick(['<', '<=', '>', '>=', '=', '<>'])} ${valueExpr(cols, depth - 1)}`;
      case 12: return `CASE ${pick([c.q, ''])} WHEN ${valueOf(c)} THEN ${boolExpr(cols, depth - 1)} ELSE ${boolExpr(cols, depth - 1)} END`;
      case 13: return `${c.q} IS ${pick(['NULL', 'NOT NULL', 'TRUE', 'FALSE', valueOf(c)])}`;
      case 14: return `${pick(['like', 'glob'])}(${lit(pick(['%a%', '[a-z]*', 'x_', '*[0-9]', '%']))}, ${c.q})`;
      case 15: return `(${c.q} IS NULL) <> (${pick(cols).q} IS NULL)`;
      case 16: return `${c.q} COLLATE NOCASE ${pick(["= 'abc'", "<> 'x'", "IN ('a', 'B')", "NOT IN ('ab', 'AB ')"])}`;
      // Functions SQLite has that the engine may not know (unknown ones are refused by CREATE TABLE).
      case 17: return `${pick(['likelihood(#, 0.5)', 'likely(#)', 'unlikely(#)', 'iif(#, 1, 0)', 'sign(#)', 'octet_length(#)', 'quote(#)', "printf('%5s', #)", 'unicode(#)', "ltrim(#, 'a')", 'json_quote(#)', 'json_array_length(#)', "instr(#, 'a')", 'hex(#)', 'soundex(#)', 'char(#)']).replace('#', c.q)} ${pick(['', '> 0', "= 'x'", 'IS NOT NULL', '<> 2'])}`;
      case 18: return `${c.q} ${pick(['>', '<', '>=', '<=', '<>'])} ${valueOf(c)}`;
      case 19: return `(${Array.from({ length: int(2, 30) }, () => boolExpr(cols, Math.min(1, depth - 1))).join(pick([' AND ', ' OR ']))})`;
      case 20: return `CAST(${c.q} AS INTEGER) = ${c.q}`;
      case 21: return `${c.q} ${pick(['>', '<'])} ${pick(["date('now')", "datetime('now', '-1 day')", 'CURRENT_TIMESTAMP', "strftime('%s','now')", 'unixepoch()'])}`;
      default: return `${valueExpr(cols, depth - 1)} ${pick(['IS', 'IS NOT'])} NULL`;
    }
  };

  // Nesting 20-150 deep (NOT, brackets, CASE, arithmetic) or AND/OR over hundreds of terms.
  const deep = (cols: Col[]): string => {
    const c = pick(cols);
    const n = int(20, 150);
    switch (int(0, 4)) {
      case 0: return 'NOT ('.repeat(n) + `${c.q} IS NULL` + ')'.repeat(n);
      case 1: return `${c.q} = ` + 'CASE WHEN ${x} > 0 THEN '.replaceAll('${x}', pick(cols).q).repeat(n) + '1' + ' ELSE 0 END'.repeat(n);
      case 2: return `${c.q}` + ` + ${int(1, 9)}`.repeat(n * 3) + ` > ${int(0, 100)}`;
      case 3: return Array.from({ length: n * 4 }, () => boolExpr(cols, 1)).join(pick([' AND ', ' OR ']));
      default: return Array.from({ length: n }, () => `(${boolExpr(cols, 2)} ${pick(['AND', 'OR'])} ${boolExpr(cols, 2)})`).join(pick([' AND ', ' OR ']));
    }
  };

  const defaultOf = (c: Col): string => pick([
    valueOf(c), 'NULL', `(${valueOf(c)})`, 'CURRENT_TIMESTAMP', 'CURRENT_DATE', "(datetime('now'))", '(random())',
    "(lower(hex(randomblob(16))))", `(${numLit('int')} + 1)`, "'{}'", 'TRUE', 'FALSE', `-${int(0, 9)}`, "(strftime('%s', 'now'))", "''",
  ]);

  for (let t = 0; t < nTables; t++) {
    const name = fresh(['users', 'orders', 'items', 'Tags', 'groups', 'select', 'ta"ble', 'tbl ünï', 'order details', 'x', 'node', 'event', 'ключи', 'a.b', 'log', 'TABLE']);
    const table: Table = { name, q: q(name), cols: [] };
    const colSql: string[] = [];
    const tail: string[] = [];
    const colNames = new Set<string>();
    const freshCol = () => { for (;;) { const n = fresh(WORDS); if (!colNames.has(n.toLowerCase())) { colNames.add(n.toLowerCase()); return n; } } };
    const pkStyle = pick(['int', 'int', 'auto', 'text', 'composite', 'none', 'without']);
    const single = pkStyle === 'int' || pkStyle === 'auto' || pkStyle === 'text';
    if (pkStyle === 'int' || pkStyle === 'auto') {
      const n = freshCol();
      table.cols.push({ name: n, q: q(n), kind: 'int', notNull: true, generated: false });
      colSql.push(`${q(n)} INTEGER PRIMARY KEY${pkStyle === 'auto' ? ' AUTOINCREMENT' : ''}`);
    } else if (pkStyle === 'text') {
      const n = freshCol();
      table.cols.push({ name: n, q: q(n), kind: 'text', notNull: true, generated: false });
      colSql.push(`${q(n)} ${pick(['TEXT', 'varchar(36)', 'uuid', 'char(8)'])} PRIMARY KEY NOT NULL`);
    }
    if (single) table.key = table.cols[0];
    const nCols = stress ? int(5, 60) : int(1, 7);
    for (let i = 0; i < nCols; i++) {
      const n = freshCol();
      const kind = pick<Kind>(['int', 'int', 'real', 'text', 'text', 'text', 'blob', 'bool', 'date', 'any']);
      const c: Col = { name: n, q: q(n), kind, notNull: chance(0.4), generated: false };
      let s = `${c.q} ${pick(TYPES[kind])}`.trimEnd();
      if (c.notNull) s += ' NOT NULL';
      if (chance(0.35)) s += ` DEFAULT ${defaultOf(c)}`;
      if (chance(0.12)) s += ' UNIQUE';
      if (chance(0.1)) s += ` COLLATE ${pick(['NOCASE', 'RTRIM', 'BINARY'])}`;
      table.cols.push(c);
      if (chance(0.25) && table.cols.length > 1) s += ` CHECK (${boolExpr(table.cols, int(0, 3))})`;
      colSql.push(s);
    }
    // Generated columns read the columns before them.
    if (chance(0.25)) {
      const n = freshCol();
      const c: Col = { name: n, q: q(n), kind: 'any', notNull: false, generated: true };
      const base = table.cols.filter((x) => !x.generated);
      colSql.push(`${c.q} ${pick(['TEXT', 'INTEGER', ''])} GENERATED ALWAYS AS (${valueExpr(base, 2)}) ${pick(['VIRTUAL', 'STORED', ''])}`.replace(/  +/g, ' '));
      table.cols.push(c);
    }
    if (pkStyle === 'composite' || pkStyle === 'without') {
      const ks = table.cols.filter((c) => !c.generated).slice(0, int(1, 2));
      tail.push(`PRIMARY KEY (${ks.map((c) => c.q).join(', ')})`);
    }
    // Foreign keys: to an earlier table, itself, or (a cycle) a later one declared by name.
    const nFk = chance(0.6) ? int(1, 3) : 0;
    for (let i = 0; i < nFk; i++) {
      const keyed = tables.filter((x) => x.key || chance(0.05));
      const target = chance(0.2) || !keyed.length ? table : pick(keyed);
      const n = freshCol();
      const c: Col = { name: n, q: q(n), kind: 'int', notNull: chance(0.3) && target !== table, generated: false };
      // Mostly the parent's first column (its key, when it has one); sometimes any column, which
      // SQLite accepts at CREATE and refuses at INSERT ("foreign key mismatch") unless unique.
      const parentKey = chance(0.95) ? (target.key ?? target.cols[0]) : pick(target.cols.filter((x) => !x.generated));
      if (!parentKey) continue;
      c.kind = parentKey.kind;
      colSql.push(`${c.q} ${c.kind === 'text' ? 'TEXT' : 'INTEGER'}${c.notNull ? ' NOT NULL' : ''}`);
      table.cols.push(c);
      tail.push(`${chance(0.5) ? `CONSTRAINT ${q(`fk ${i}`)} ` : ''}FOREIGN KEY (${c.q}) REFERENCES ${target.q} (${parentKey.q})${pick(['', ' ON DELETE CASCADE', ' ON DELETE SET NULL', ' DEFERRABLE INITIALLY DEFERRED', ' ON UPDATE NO ACTION'])}`);
    }
    // Composite FK to an earlier table with a composite unique.
    if (tables.length && chance(0.15)) {
      const target = pick(tables);
      const pc = target.cols.filter((x) => !x.generated).slice(0, 2);
      if (pc.length === 2) {
        stmts.push(`CREATE UNIQUE INDEX ${q(`u_${target.name}_${t}`)} ON ${target.q} (${pc.map((x) => x.q).join(', ')});`);
        const ns = pc.map((p) => { const n = freshCol(); const c: Col = { name: n, q: q(n), kind: p.kind, notNull: false, generated: false }; table.cols.push(c); colSql.push(`${c.q} ${TYPES[p.kind][0] || 'TEXT'}`); return c; });
        tail.push(`FOREIGN KEY (${ns.map((x) => x.q).join(', ')}) REFERENCES ${target.q} (${pc.map((x) => x.q).join(', ')})`);
      }
    }
    const plain = table.cols.filter((c) => !c.generated);
    const nChecks = stress ? int(5, 40) : chance(0.7) ? int(1, 4) : 0;
    for (let i = 0; i < nChecks; i++) tail.push(`${chance(0.3) ? `CONSTRAINT ${q(`ck ${i}`)} ` : ''}CHECK (${stress && chance(0.3) ? deep(plain) : boolExpr(plain, int(1, stress ? 7 : 5))})`);
    if (chance(0.1)) tail.push(`UNIQUE (${plain.slice(-2).map((c) => c.q).join(', ')})${chance(0.5) ? ' ON CONFLICT IGNORE' : ''}`);
    stmts.push(`CREATE TABLE ${table.q} (\n  ${[...colSql, ...tail].join(',\n  ')}\n)${pkStyle === 'without' ? ' WITHOUT ROWID' : ''};`);
    tables.push(table);

    // Indexes: expression, partial, collated.
    const nIdx = chance(0.5) ? int(1, 3) : 0;
    for (let i = 0; i < nIdx; i++) {
      // A bare string literal in an index's column list is read by SQLite as a column name.
      const on = Array.from({ length: int(1, 2) }, () => { const e = chance(0.5) ? pick(plain).q : valueExpr(plain, 1); return /^[-'x0-9]/.test(e) ? `(${e} || '')` : e; }).join(', ');
      const where = chance(0.4) ? ` WHERE ${pick([`${pick(plain).q} IS NULL`, `${pick(plain).q} IS NOT NULL`, `${pick(plain).q} = ${valueOf(pick(plain))}`, `${pick(plain).q} > 0`, boolExpr(plain, 1)])}` : '';
      stmts.push(`CREATE ${chance(0.6) ? 'UNIQUE ' : ''}INDEX ${q(`ix ${name} ${i}`)} ON ${table.q} (${on}${chance(0.2) ? ' COLLATE NOCASE' : ''}${chance(0.2) ? ' DESC' : ''})${where};`);
    }
  }

  // Triggers with WHEN clauses: rejecting, logging into another table, or doing nothing.
  for (const t of tables) {
    if (!chance(0.25)) continue;
    const plain = t.cols.filter((c) => !c.generated);
    const c = pick(plain);
    const when = chance(0.7) ? ` WHEN ${pick([`NEW.${c.q} IS NULL`, `NEW.${c.q} = ${valueOf(c)}`, `length(NEW.${c.q}) > ${int(1, 40)}`, `NEW.${c.q} < 0`, `(SELECT count(*) FROM ${t.q}) > ${int(100, 1000)}`])}` : '';
    const body = pick([
      `SELECT RAISE(ABORT, 'rejected ${t.name.replaceAll("'", "''")}');`,
      `SELECT RAISE(IGNORE);`,
      `UPDATE ${t.q} SET ${c.q} = ${c.q} WHERE rowid = NEW.rowid;`,
      `SELECT 1;`,
    ]);
    stmts.push(`CREATE TRIGGER ${q(`tr ${t.name}`)} ${pick(['BEFORE', 'AFTER'])} INSERT ON ${t.q} FOR EACH ROW${when} BEGIN ${t.name.length >= 0 && !/WITHOUT/.test('') ? body : ''} END;`);
  }
  return { seed, sql: stmts.join('\n') };
}

type PgKind = 'int' | 'num' | 'text' | 'bool' | 'date' | 'json' | 'arr';
interface PgCol { q: string; kind: PgKind; notNull: boolean }

/** The same idea for PostgreSQL: type-correct CHECKs (PostgreSQL refuses ill-typed ones at CREATE),
 *  enums, domains, a function of the schema's own, expression and partial unique indexes, stored
 *  generated columns, composite, self and deferrable cyclic foreign keys, triggers WHEN. */
export function fuzzSchemaPg(seed: number): FuzzCase {
  const r = prng(seed * 2246822519 + 7);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const chance = (p: number) => r() < p;
  const stmts: string[] = [
    `CREATE TYPE "mood ü" AS ENUM ('sad', 'ok', 'happy', 'it''s');`,
    `CREATE DOMAIN posint AS integer CHECK (VALUE > 0);`,
    `CREATE DOMAIN short_text AS varchar(12) NOT NULL CHECK (VALUE <> '');`,
    `CREATE FUNCTION is_ok(text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT $1 IS NULL OR length($1) < 500 $$;`,
    `CREATE FUNCTION reject() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'rejected %', TG_TABLE_NAME; END $$;`,
  ];
  const TYPES: Record<PgKind, string[]> = {
    int: ['integer', 'bigint', 'smallint', 'int4', 'posint', 'serial'],
    num: ['numeric(6,2)', 'numeric', 'real', 'double precision', 'numeric(4,1)'],
    text: ['text', 'varchar(20)', 'character varying(255)', 'char(4)', 'citext_not', 'short_text', '"mood ü"'],
    bool: ['boolean'],
    date: ['date', 'timestamptz', 'timestamp without time zone', 'timestamp(3)'],
    json: ['jsonb', 'json'],
    arr: ['text[]', 'integer[]'],
  };
  const names = ['id', 'name', 'order', 'select', 'Kind', 'status', 'email', 'code', 'a b', 'we"ird', 'ключ', 'price', 'qty', 'starts_at', 'ends_at', 'tags', 'meta', 'is_default', 'deleted_at', 'parent_id', 'x'];
  const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;
  const valueOf = (c: PgCol): string => {
    switch (c.kind) {
      case 'int': return String(int(-5, 500));
      case 'num': return (r() * 300 - 20).toFixed(int(0, 2));
      case 'bool': return pick(['true', 'false']);
      case 'date': return `${lit(`20${int(10, 29)}-0${int(1, 9)}-1${int(0, 9)}`)}::date`;
      case 'json': return `${lit(pick(['{}', '[]', '{"a": 1}', '"x"']))}::jsonb`;
      case 'arr': return `ARRAY[${lit('a')}]`;
      default: return lit(pick(['a', 'ok', 'sad', 'x y', "it's", 'ABC', '']));
    }
  };
  const pred = (cols: PgCol[], depth: number): string => {
    const c = pick(cols);
    const same = cols.filter((x) => x.kind === c.kind && x !== c);
    if (depth > 0 && chance(0.3)) {
      switch (int(0, 3)) {
        case 0: return `(${pred(cols, depth - 1)} ${pick(['AND', 'OR'])} ${pred(cols, depth - 1)})`;
        case 1: return `NOT (${pred(cols, depth - 1)})`;
        case 2: return `CASE WHEN ${pred(cols, depth - 1)} THEN ${pred(cols, depth - 1)} ELSE ${pred(cols, depth - 1)} END`;
        default: return `(${Array.from({ length: int(2, 40) }, () => pred(cols, 0)).join(pick([' AND ', ' OR ']))})`;
      }
    }
    if (chance(0.1)) return `(${c.q} IS NULL) <> (${pick(cols).q} IS NULL)`;
    if (chance(0.05)) return `num_nonnulls(${cols.slice(0, 3).map((x) => x.q).join(', ')}) ${pick(['=', '<=', '>='])} ${int(0, 2)}`;
    if (same.length && chance(0.15) && ['int', 'num', 'date', 'text'].includes(c.kind)) return `${c.q} ${pick(['<', '<=', '<>', '='])} ${pick(same).q}`;
    switch (c.kind) {
      case 'int': case 'num': return pick([
        `${c.q} ${pick(['>', '>=', '<', '<>'])} ${valueOf(c)}`, `${c.q} BETWEEN ${int(-10, 10)} AND ${int(10, 1000)}`,
        `${c.q} IN (${Array.from({ length: pick([1, 3, 50, int(1, 2000)]) }, (_, i) => i * int(1, 3)).join(', ')})`,
        `${c.q} % ${int(2, 7)} = 0`, `(${c.q})::numeric(4,1) > ${int(-5, 50)}`, `abs(${c.q}) < ${int(1, 10000)}`, `${c.q} * 2 + 1 > 0`]);
      case 'text': return pick([
        `length(${c.q}) ${pick(['<=', '>=', 'BETWEEN 1 AND'])} ${int(1, 60)}`, `${c.q} ~ ${lit(pick(['^[a-z]+$', '^[A-Z]{2,4}-[0-9]+$', '^(a|b)+$', '^\\w+@\\w+\\.com$']))}`,
        `${c.q} ${pick(['LIKE', 'ILIKE', 'NOT LIKE'])} ${lit(pick(['a%', '%@%', '_b%', '%']))}`, `${c.q}::text IN ('sad', 'ok', 'a', 'x y')`,
        `is_ok(${c.q}::text)`, `${c.q}::text <> ''`, `lower(${c.q}::text) = ${c.q}::text`, `char_length(${c.q}::text) < ${int(2, 100)}`, `${c.q}::text COLLATE "C" > 'A'`]);
      case 'bool': return pick([`${c.q}`, `NOT ${c.q}`, `${c.q} IS NOT NULL`, `${c.q} IS TRUE`]);
      case 'date': return pick([`${c.q} >= ${valueOf(c)}`, `${c.q} < ${valueOf(c)} + interval '5 years'`, `date_trunc('day', ${c.q}) = ${c.q}`, `${c.q} < now()`]);
      case 'json': return pick([`jsonb_typeof(${c.q}::jsonb) = ${lit(pick(['object', 'array']))}`, `${c.q}::jsonb ? 'a'`, `${c.q}::jsonb ->> 'kind' IN ('a', 'b')`]);
      default: return pick([`cardinality(${c.q}) ${pick(['>', '<='])} ${int(0, 3)}`, `array_length(${c.q}, 1) <= ${int(1, 4)}`]);
    }
  };
  const tables: { q: string; name: string; cols: PgCol[]; key?: PgCol }[] = [];
  const nTables = int(1, 5);
  for (let t = 0; t < nTables; t++) {
    const name = `${pick(['users', 'orders', 'Items', 'select', 'tbl ü', 'a"b', 'events'])}_${t}`;
    const tq = `"${name.replaceAll('"', '""')}"`;
    const cols: PgCol[] = [];
    const defs: string[] = [];
    const tail: string[] = [];
    const used = new Set<string>();
    const colName = () => { for (;;) { const n = `${pick(names)}${chance(0.4) ? `_${int(1, 9)}` : ''}`; if (!used.has(n)) { used.add(n); return `"${n.replaceAll('"', '""')}"`; } } };
    const key: PgCol = { q: colName(), kind: 'int', notNull: true };
    defs.push(`${key.q} ${pick(['integer GENERATED ALWAYS AS IDENTITY', 'bigint GENERATED BY DEFAULT AS IDENTITY', 'serial', 'integer'])} PRIMARY KEY`);
    cols.push(key);
    for (let i = int(1, 7); i > 0; i--) {
      const kind = pick<PgKind>(['int', 'num', 'text', 'text', 'bool', 'date', 'json', 'arr']);
      const type = pick(TYPES[kind]).replace('citext_not', 'text');
      const c: PgCol = { q: colName(), kind, notNull: chance(0.4) || type === 'short_text' };
      let d = `${c.q} ${type}${c.notNull && type !== 'short_text' ? ' NOT NULL' : ''}`;
      if (chance(0.3) && type !== 'serial') d += ` DEFAULT ${pick([valueOf(c), 'NULL'])}`;
      if (chance(0.1) && kind !== 'json' && kind !== 'arr') d += ' UNIQUE';
      cols.push(c);
      defs.push(d);
    }
    const plain = [...cols];
    if (chance(0.2)) {
      const nums = plain.filter((c) => c.kind === 'int' || c.kind === 'num');
      if (nums.length) defs.push(`"total ${t}" numeric GENERATED ALWAYS AS (${nums.map((c) => `coalesce(${c.q}, 0)`).join(' + ')}) STORED`);
    }
    const keyed = tables.filter(() => true);
    for (let i = chance(0.6) ? int(1, 2) : 0; i > 0; i--) {
      const target = chance(0.2) || !keyed.length ? undefined : pick(keyed);
      const c: PgCol = { q: colName(), kind: 'int', notNull: !!target && chance(0.3) };
      defs.push(`${c.q} ${target ? 'bigint' : 'integer'}${c.notNull ? ' NOT NULL' : ''}`);
      tail.push(`FOREIGN KEY (${c.q}) REFERENCES ${target ? target.q : tq} (${target ? target.key!.q : key.q})${pick(['', ' ON DELETE CASCADE', ' DEFERRABLE INITIALLY DEFERRED'])}`);
      plain.push(c);
    }
    for (let i = chance(0.7) ? int(1, 4) : 0; i > 0; i--) tail.push(`CHECK (${pred(plain, int(0, 4))})`);
    stmts.push(`CREATE TABLE ${tq} (\n  ${[...defs, ...tail].join(',\n  ')}\n);`);
    tables.push({ q: tq, name, cols: plain, key });
    for (let i = chance(0.5) ? int(1, 2) : 0; i > 0; i--) {
      const texts = plain.filter((c) => c.kind === 'text');
      const on = texts.length && chance(0.5) ? `lower(${pick(texts).q}::text)` : pick(plain.filter((c) => c.kind !== 'json' && c.kind !== 'arr')).q;
      const bools = plain.filter((c) => c.kind === 'bool');
      const where = chance(0.5) ? ` WHERE ${bools.length && chance(0.5) ? pick(bools).q : `${pick(plain).q} IS ${pick(['NULL', 'NOT NULL'])}`}` : '';
      stmts.push(`CREATE ${chance(0.7) ? 'UNIQUE ' : ''}INDEX ON ${tq} (${on})${where};`);
    }
    if (chance(0.2)) {
      const c = pick(plain.filter((x) => x.kind === 'int' || x.kind === 'num' || x.kind === 'text'));
      if (c) stmts.push(`CREATE TRIGGER "no ${t}" BEFORE INSERT ON ${tq} FOR EACH ROW WHEN (${c.kind === 'text' ? `length(NEW.${c.q}::text) > ${int(5, 30)}` : `NEW.${c.q} < ${int(-5, 5)}`}) EXECUTE FUNCTION reject();`);
    }
  }
  // A cycle: the first table points back at the last.
  if (tables.length > 1 && chance(0.3)) stmts.push(`ALTER TABLE ${tables[0].q} ADD COLUMN back_ref integer REFERENCES ${tables[tables.length - 1].q} (${tables[tables.length - 1].key!.q}) DEFERRABLE INITIALLY DEFERRED;`);
  return { seed, sql: stmts.join('\n') };
}
