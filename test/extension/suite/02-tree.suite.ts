import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { api, label, tableItems, waitFor } from '../helpers.ts';

describe('tree "Tables"', () => {
  it('shows the connection first, then the tables grouped by phase with empty coverage', async () => {
    const a = await api();
    const root = a.tree.getChildren();
    assert.equal(root[0].kind, 'connection');
    const conn = a.tree.getTreeItem(root[0]);
    assert.equal(label(conn), 'school.db');
    assert.match(String(conn.description), /^sqlite · 0\/\d+ tables with data$/);
    assert.ok(root.slice(1).every((n) => n.kind === 'phase'), 'grouped by phase');
    assert.equal(label(a.tree.getTreeItem(root[1])), 'Phase 1');
    const tables = tableItems(a);
    assert.equal(tables.length, a.model.overview!.tables.length);
    assert.ok(tables.filter(({ item }) => String(item.description) === '0/50 rows · 0%').length > 100, 'most tables aim at 50');
    for (const { item } of tables) {
      // 50 rows each (seedbed.rows), or fewer where a key admits fewer (grade_number 1..13: 13).
      const target = Number(/^0\/(\d+) rows · 0%$/.exec(String(item.description))?.[1]);
      assert.ok(target > 0 && target <= 50, `${label(item)}: ${item.description}`);
      if (label(item) === 'grade_levels') assert.equal(target, 13);
      assert.equal((item.iconPath as vscode.ThemeIcon).id, 'circle-large-outline');
      assert.equal(item.contextValue, 'seedbed.table.empty');
    }
  });

  it('toggles to A–Z and back', async () => {
    const a = await api();
    await vscode.commands.executeCommand('seedbed.groupByName');
    const root = a.tree.getChildren();
    const names = root.filter((n) => n.kind === 'table').map((n) => (n.kind === 'table' ? n.name : ''));
    assert.equal(names.length, a.model.overview!.tables.length);
    assert.deepEqual(names, [...names].sort((x, y) => x.localeCompare(y)));
    await vscode.commands.executeCommand('seedbed.groupByPhase');
    assert.equal(a.tree.getChildren()[1].kind, 'phase');
  });

  it('expands a table to its foreign-key edges, out and in', async () => {
    const a = await api();
    const students = a.tree.tableNode('students')!;
    const labels = a.tree.getChildren(students).map((n) => label(a.tree.getTreeItem(n)));
    assert.ok(labels.includes('→ profiles via profile_id'), labels.join(' | '));
    assert.ok(labels.includes('← student_marks.student_id'), labels.join(' | '));
    const classes = a.tree.getChildren(a.tree.tableNode('classes')!).map((n) => label(a.tree.getTreeItem(n)));
    assert.ok(classes.includes('→ academic_years via academic_year_id'), classes.join(' | '));
  });

  it('reveals the table at the other end of an edge', async () => {
    const a = await api();
    await vscode.commands.executeCommand('workbench.view.extension.seedbed');
    const edge = a.tree.getChildren(a.tree.tableNode('student_marks')!).find((n) => n.kind === 'edge' && n.edge.other === 'exams')!;
    const item = a.tree.getTreeItem(edge);
    assert.equal(item.command?.command, 'seedbed.revealTable');
    await vscode.commands.executeCommand(item.command!.command, ...(item.command!.arguments ?? []));
    // The selection reaches the extension host as an event from the workbench: wait for it
    // (on a loaded machine it once took more than 10 s).
    const isExams = () => { const n = a.treeView.selection[0]; return n?.kind === 'table' && n.name === 'exams'; };
    await waitFor('exams selected in the tree', isExams, 30_000).catch(() => undefined);
    const sel = a.treeView.selection[0];
    assert.ok(sel && sel.kind === 'table' && sel.name === 'exams', `selection after 30 s: ${JSON.stringify(sel)}`);
  });

  it('has a tooltip with the columns the plan covers', async () => {
    const a = await api();
    const node = a.tree.tableNode('students')!;
    // Made on hover (resolveTreeItem), so 500 rows do not each build one up front.
    assert.equal(a.tree.getTreeItem(node).tooltip, undefined);
    const item = a.tree.resolveTreeItem(a.tree.getTreeItem(node), node);
    // Plain text, never Markdown: names from the database are not markup (format.ts).
    assert.equal(typeof item.tooltip, 'string');
    const text = item.tooltip as string;
    assert.match(text, /^students — 0\/50 rows/);
    assert.match(text, /Columns covered by the plan: \d+\/\d+/);
    assert.match(text, /^• admission_number /m);
  });

  it('Filter Tables narrows the tree by name (every word, any case), says how many match, and clears', async () => {
    const a = await api();
    const all = tableItems(a).length;
    const shown = await vscode.commands.executeCommand('seedbed.filterTables', 'MARK stud');
    assert.equal(shown, 'MARK stud');
    const names = tableItems(a).map(({ item }) => label(item));
    assert.ok(names.length > 0 && names.length < all, names.join(', '));
    assert.ok(names.every((n) => n.includes('mark') && n.includes('stud')), names.join(', '));
    assert.ok(names.includes('student_marks'));
    assert.equal(a.treeView.message, `Filter "MARK stud": ${names.length} of ${all} tables. Clear it with Clear Table Filter (the view's title bar).`);
    // Phases without a match are hidden; the others say how many of their tables match.
    const phases = a.tree.getChildren().filter((n) => n.kind === 'phase');
    assert.ok(phases.every((p) => / of \d+ tables · /.test(String(a.tree.getTreeItem(p).description))));
    // Revealing a table the filter hides clears the filter.
    await vscode.commands.executeCommand('seedbed.revealTable', 'classes');
    assert.equal(a.tree.filter, '');
    assert.equal(a.treeView.message, undefined);
    assert.equal(tableItems(a).length, all);
    await vscode.commands.executeCommand('seedbed.filterTables', 'nothing-like-this');
    assert.equal(tableItems(a).length, 0);
    await vscode.commands.executeCommand('seedbed.clearTableFilter');
    assert.equal(tableItems(a).length, all);
  });
});
