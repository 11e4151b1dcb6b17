import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { connectionTooltipText, noticeText, tableTooltipText } from '../src/views/format.ts';
import type { Overview } from '../src/views/protocol.ts';
import { ROOT } from './support/sqlite.ts';

// Markdown and HTML from the database in the editor (issue #14 item 4): the tree's tooltips were
// MarkdownStrings with raw names, so a table named `<img src=x onerror=…>` raised CSP violations
// and `[docs](command:…)` rendered as a link. Entity-escaping the names was not enough: VS Code
// turns a Markdown tooltip into plain text for the tree by decoding it and parsing the result as
// HTML again (seen in the UI test). The tooltips are plain text now; this checks the exact text
// a user reads, and the UI test (test/support/vscode-ui-hostile.ts) the real hover.

const IMG = '<img src=x onerror=alert(1)>';
const LINK = '[click me](command:seedbed.clearTables)';

test('table and connection tooltips: database names as their own characters, invisible ones escaped', () => {
  const o = {
    display: 'sqlite:/x.db', dialect: 'sqlite', skipped: [], phases: [[IMG], [LINK]], edges: [], ms: 1,
    columnsHow: { [IMG]: { [LINK]: 'one of [a](command:x), <img src=y>', id: 'filled by the database' } },
    coverage: { tables: [], withData: 0, total: 2, percent: 0, headline: '0 of 2 tables have data' },
    tables: [
      { name: IMG, columns: [{ name: LINK, type: '<b>TEXT</b>', nullable: true, pk: false }, { name: 'id\u202e\x1b[2J', type: 'INTEGER', nullable: false, pk: true }], foreignKeys: [] },
      { name: LINK, columns: [], foreignKeys: [{ columns: [IMG], refTable: IMG, refColumns: ['id'], nullable: false }] },
    ],
  } as unknown as Overview;
  assert.equal(tableTooltipText(o, IMG, { table: IMG, rows: 0, target: 50, state: 'empty' }, []), [
    '<img src=x onerror=alert(1)> — 0/50 rows (0 %, empty)',
    '',
    'Columns covered by the plan: 1/2',
    '• [click me](command:seedbed.clearTables) <b>TEXT</b> — one of [a](command:x), <img src=y>',
    '• id\\u202e\\x1b[2J INTEGER PK NOT NULL',
    '',
    '0 foreign key(s) out, 0 in',
  ].join('\n'));
  assert.equal(connectionTooltipText({ display: `sqlite:/tmp/${IMG}.db`, from: ` (from ${LINK})`, headline: 'h', error: `Unknown table "${LINK}".\nFix: ${IMG}` }),
    `sqlite:/tmp/${IMG}.db (from ${LINK})\n\nh\n\nUnknown table "${LINK}".\nFix: ${IMG}\n\nClick to select another connection.`);
});

test('no tooltip of the tree is a MarkdownString (Markdown from the database is parsed as HTML)', () => {
  const tree = readFileSync(join(ROOT, 'src', 'views', 'tablesTree.ts'), 'utf8');
  assert.doesNotMatch(tree, /new vscode\.MarkdownString/);
});

test('notifications: a name holding [text](command:…) is no link (VS Code\'s linkified-text pattern)', () => {
  // The pattern VS Code's notifications use to find links (src/vs/base/common/linkedText.ts).
  const LINKIFY = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;
  const message = `Seedbed: Unknown table "${LINK}".`;
  assert.match(message, LINKIFY);
  const shown = noticeText(message);
  assert.doesNotMatch(shown, LINKIFY);
  assert.equal(shown.replaceAll('\u2060', ''), message, 'the same text to read');
  assert.equal(noticeText('a\x1b[2J\u202eb'), 'a\\x1b[2J\\u202eb');
});
