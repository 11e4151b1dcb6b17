import type { SqliteClient } from '../drivers/sqlite-client.ts';
import type { TableInfo, TriggerInfo } from './model.ts';
import { agreementsOf, parentConditionsOf, present, purgeOf, rejectConditionsOf, equalitiesOf, QID, readTriggerBody } from './trigger-body.ts';
import { references } from './trigger-keys.ts';
import { whenCondition } from './trigger-when.ts';
import { uniqueByCondition } from './trigger-unique.ts';
import { copiesOf, keyMirrors, requiredCopies, whenOnly } from './trigger-copies.ts';
import { accumulatorsOf } from './trigger-counters.ts';
import { selfDerived } from './trigger-derived.ts';

// SQLite triggers from sqlite_schema: every SQLite trigger is FOR EACH ROW; its header says when
// it fires, its body what it writes and rejects (trigger-body.ts).

export function readSqliteTriggers(db: SqliteClient, tables: TableInfo[]): TriggerInfo[] {
  const rows = db.prepare(`SELECT name, tbl_name AS "table", sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name`).all() as { name: string; table: string; sql: string | null }[];
  if (!rows.length) return [];
  const byName = new Map(tables.map((t) => [t.name.toLowerCase(), t.name]));
  const resolve = (raw: string) => byName.get(raw.replace(/^(?:main|temp)\./i, '').toLowerCase());
  const out: TriggerInfo[] = [];
  for (const r of rows) {
    const sql = r.sql ?? '';
    const head = new RegExp(String.raw`\bTRIGGER\s+(?:IF\s+NOT\s+EXISTS\s+)?${QID}\s+(BEFORE|AFTER|INSTEAD\s+OF)?\s*(DELETE|INSERT|UPDATE)\b`, 'i').exec(sql);
    const timing = (head?.[1] ?? 'BEFORE').toUpperCase().startsWith('INSTEAD') ? 'instead' : (head?.[1] ?? 'before').toLowerCase() as 'before' | 'after';
    const event = (head?.[2] ?? 'insert').toLowerCase() as 'insert' | 'update' | 'delete';
    const body = readTriggerBody(sql, 'sqlite');
    const table = resolve(r.table) ?? r.table;
    const fks = tables.find((t) => t.name === table)?.foreignKeys ?? [];
    const rejectsWhen = event === 'insert' ? rejectConditionsOf(body, 'sqlite') : [];
    const uniqueBy = event === 'insert' && timing === 'before' ? rejectsWhen.map((c) => uniqueByCondition(c, table, resolve)).find((c) => c) : undefined;
    out.push({
      name: r.name, table, timing, events: [event], row: true,
      inserts: [...new Set(body.inserts.map(resolve).filter((n): n is string => !!n))],
      rejects: body.rejects, messages: body.messages, calls: body.calls,
      equalities: event === 'insert' ? equalitiesOf(body, fks, resolve) : [],
      ...present('agreements', event === 'insert' ? agreementsOf(body, fks, resolve) : []),
      ...present('purges', event === 'insert' ? purgeOf(body, table, resolve) : undefined),
      ...present('rejectsWhen', rejectsWhen),
      ...present('uniqueBy', uniqueBy),
      ...present('parentConditions', event === 'insert' ? parentConditionsOf(body, fks, resolve) : []),
      ...(event === 'insert' ? references(body, resolve) : {}),
      ...present('when', whenCondition(sql)),
      ...(event === 'insert' && timing !== 'instead' && !whenCondition(sql) && body.code ? present('derives', selfDerived(body.code, body.text ?? body.code, tables.find((t) => t.name === table) ?? { name: table, columns: [], primaryKey: [], uniques: [], foreignKeys: [], checks: [] }, resolve)) : {}),
      ...(event === 'insert' && body.code ? present('accumulates', accumulatorsOf(body.code).flatMap((a) => { const t = resolve(a.table); return t ? [{ table: t, column: a.column }] : []; })) : {}),
      ...present('ignores', event === 'insert' && timing === 'before' && body.ignores ? (body.ignores === 'all' && !whenCondition(sql) && !/\bWHEN\b/i.test(sql.slice(0, /\bBEGIN\b/i.exec(sql)?.index ?? 0)) ? 'all' : 'some') : undefined),
      ...(event === 'insert' ? present('requires', requiredCopies(copiesOf(body.code ?? ''), resolve, tables, table)) : {}),
      ...(event === 'insert' && timing !== 'instead' && body.code ? present('mirrors', whenOnly(keyMirrors(copiesOf(body.code, undefined, body.code, true), body.code, resolve, tables, table), whenCondition(sql) ?? (/\bWHEN\b/i.test(sql.slice(0, /\bBEGIN\b/i.exec(sql)?.index ?? 0)) ? '' : undefined))) : {}),
    });
  }
  return out;
}
