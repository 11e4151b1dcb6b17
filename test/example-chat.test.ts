import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { cleanup, cli, counts, createDb, integrity, ROOT, tempDir, withDb } from './support/sqlite.ts';

// examples/chat (seed 003): seeds a fresh SQLite file from schema.sql through the real CLI with
// the example's seedbed.config.ts, then checks every rule of the seed with SQL. Two seeds, so a
// rule that holds by luck on one would show on the other.

const dir = tempDir('seedbed-chat-');
after(() => cleanup(dir));

const EXAMPLE = join(ROOT, 'examples', 'chat');
const SCHEMA = readFileSync(join(EXAMPLE, 'schema.sql'), 'utf8');
const CONFIG = join(EXAMPLE, 'seedbed.config.ts');

type Q = (sql: string) => unknown[];

function within(actual: number, expected: number, tolerance: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${(actual * 100).toFixed(1)} %, expected ${expected * 100} % ± ${tolerance * 100}`);
}

function seeded(name: string, args: string[] = []): { file: string; all: Q; one: (sql: string) => Record<string, number> } {
  const file = join(dir, `${name}.db`);
  createDb(file, SCHEMA);
  const r = cli(['seed', '--db', `sqlite:${file}`, '--config', CONFIG, ...args]);
  assert.equal(r.code, 0, `seed failed:\n${r.stderr}`);
  const all: Q = (sql) => withDb(file, (db) => db.prepare(sql).all());
  return { file, all, one: (sql) => all(sql)[0] as Record<string, number> };
}

// The config's own sizes and seed; then `--scenario busy` (200 channels, so the shares of DMs,
// replies and reactions can be checked with tight bounds) with another seed.
const RUNS = [
  { name: 'the config\'s sizes and seed', args: [], users: 20, channels: 30, shares: false },
  { name: '--scenario busy --seed 11', args: ['--scenario', 'busy', '--seed', '11'], users: 60, channels: 200, shares: true },
];

for (const run of RUNS) {
  describe(`examples/chat, ${run.name}`, () => {
    const { file, all, one } = seeded(`chat-${run.shares ? 'busy' : 'config'}`, run.args);

    test('every table is filled, sized by the config, and the database finds no violation', () => {
      const c = counts(file);
      assert.equal(c.users, run.users);
      assert.equal(c.channels, run.channels);
      assert.equal(c.reactions, 8, 'one row per reaction of the fixed list');
      for (const t of ['user_channels', 'messages', 'message_reactions']) assert.ok(c[t] > 0, `${t} is empty`);
      const { fk, integrity: ok } = integrity(file);
      assert.deepEqual(fk, []);
      assert.deepEqual(ok, ['ok']);
    });

    test('users look like the seed\'s: auth0 ids, unique emails, bios of at most 200 characters', () => {
      assert.equal(one(`SELECT count(*) AS n FROM users WHERE auth0_id NOT LIKE 'auth0|%'`).n, 0);
      assert.equal(one(`SELECT count(DISTINCT email) AS n FROM users`).n, run.users);
      assert.equal(one(`SELECT count(*) AS n FROM users WHERE length(bio) > 200`).n, 0);
      assert.equal(one(`SELECT count(*) AS n FROM reactions WHERE emoji = '👍' AND name = 'thumbs_up'`).n, 1);
    });

    test('30 % of channels are DMs; DMs are private, without description or join code', () => {
      const { dms, total } = one(`SELECT sum(is_dm) AS dms, count(*) AS total FROM channels`);
      assert.ok(dms > 0 && dms < total, 'both DMs and other channels');
      if (run.shares) within(dms / total, 0.3, 0.1, 'share of DMs');
      const { priv, others } = one(`SELECT sum(is_private) AS priv, count(*) AS others FROM channels WHERE NOT is_dm`);
      if (run.shares) within(priv / others, 0.4, 0.12, 'share of private channels among non-DMs');
      assert.equal(one(`SELECT count(*) AS n FROM channels WHERE is_dm AND (NOT is_private OR description IS NOT NULL OR join_code IS NOT NULL)`).n, 0);
      assert.equal(one(`SELECT count(*) AS n FROM channels WHERE join_code IS NOT NULL AND NOT (is_private AND NOT is_dm)`).n, 0);
      assert.equal(one(`SELECT count(*) AS n FROM channels c JOIN users u ON u.id = c.owner_id WHERE c.is_dm AND c.name <> u.name || ' DM'`).n, 0, 'a DM is named after its owner');
    });

    test('a DM has exactly 2 members and includes its owner; other channels 2–6 members, owner included', () => {
      const bad = all(`
        SELECT c.id, c.is_dm, (SELECT count(*) FROM user_channels uc WHERE uc.channel_id = c.id) AS members,
               EXISTS (SELECT 1 FROM user_channels uc WHERE uc.channel_id = c.id AND uc.user_id = c.owner_id) AS owner_in
        FROM channels c
        WHERE NOT owner_in OR (c.is_dm AND members <> 2) OR (NOT c.is_dm AND members NOT BETWEEN 2 AND 6)`);
      assert.deepEqual(bad, []);
      // Two different people in every DM (the primary key (user_id, channel_id) forbids twice the same).
      assert.equal(one(`SELECT count(*) AS n FROM channels c WHERE c.is_dm AND (SELECT count(DISTINCT user_id) FROM user_channels uc WHERE uc.channel_id = c.id) <> 2`).n, 0);
    });

    test('messages come only from members of their channel', () => {
      assert.equal(one(`SELECT count(*) AS n FROM messages m WHERE NOT EXISTS (SELECT 1 FROM user_channels uc WHERE uc.user_id = m.user_id AND uc.channel_id = m.channel_id)`).n, 0);
      assert.equal(one(`SELECT count(*) AS n FROM channels c WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.channel_id = c.id)`).n, 0, '5–20 messages per channel');
    });

    test('20 % of messages are replies, each to a message of the same channel', () => {
      const { replies, total } = one(`SELECT count(parent_id) AS replies, count(*) AS total FROM messages`);
      assert.ok(replies > 0, 'some replies');
      if (run.shares) within(replies / total, 0.2, 0.06, 'share of replies');
      assert.equal(one(`SELECT count(*) AS n FROM messages r JOIN messages p ON p.id = r.parent_id WHERE p.channel_id <> r.channel_id OR p.id = r.id`).n, 0);
    });

    test('a user reacts at most once with the same reaction to a message; 40 % of messages get 1–3', () => {
      assert.deepEqual(all(`SELECT message_id, reaction_id, user_id FROM message_reactions GROUP BY 1, 2, 3 HAVING count(*) > 1`), []);
      assert.equal(one(`SELECT count(*) AS n FROM (SELECT message_id FROM message_reactions GROUP BY message_id HAVING count(*) > 3)`).n, 0);
      const { reacted, total } = one(`SELECT (SELECT count(DISTINCT message_id) FROM message_reactions) AS reacted, count(*) AS total FROM messages`);
      assert.ok(reacted > 0, 'some reactions');
      if (run.shares) within(reacted / total, 0.4, 0.08, 'share of messages with reactions');
    });
  });
}

test('examples/chat: the same seed gives the same database', () => {
  const a = seeded('same-a', ['--seed', '5']);
  const b = seeded('same-b', ['--seed', '5']);
  const rows = (q: Q) => JSON.stringify(['users', 'channels', 'user_channels', 'messages', 'message_reactions'].map((t) => q(`SELECT * FROM ${t} ORDER BY 1, 2`)));
  assert.equal(rows(a.all), rows(b.all));
});
