#!/usr/bin/env python3
"""Realism of a top-up measured against real data: loads about 10 % of a real SQLite database's
rows into an empty copy of its schema (one row in 10 of each table, spread: the rows of one
parent in 10 where a foreign key groups them, plus the parent rows they need; a junction table's
rows among loaded parents), tops it up to the real row counts with
`seedbed seed --top-up` (seed 42, no hand-written rules) and scores it with realism-score.

    python3 scripts/realism-topup.py REAL_SQL SCHEMA_LINES [OUT_DIR] [--no-learn]
    e.g. python3 scripts/realism-topup.py ../shared/realdata/chinook/Chinook_Sqlite.sql 242 /tmp/topup

REAL_SQL builds the real database; its first SCHEMA_LINES lines create the empty schema.
Run from the project root; needs ../shared/tools/realism-score/score.py and sqlite3.
"""
import os, sqlite3, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SCORE = os.path.join(ROOT, '..', 'shared', 'tools', 'realism-score', 'score.py')
SHARE = 10  # one row in SHARE


def qi(name):
    return '"' + name.replace('"', '""') + '"'


def run(*cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def pick(db, t, fks):
    """One row in SHARE, spread: the rows of one parent in SHARE, by the foreign key with the fewest
    distinct values among those with at least 10 * SHARE (an invoice's lines stay together), else
    every SHARE-th row."""
    best = None
    for _, cc, _ in fks.values():
        cols = ', '.join(qi(c) for c in cc)
        n = db.execute(f'select count(*) from (select distinct {cols} from {qi(t)} where {qi(cc[0])} is not null)').fetchone()[0]
        if n >= 10 * SHARE and (best is None or n < best[0]):
            best = (n, cols)
    if best is None:
        return {r[0] for r in db.execute(f'select rowid from {qi(t)} where rowid % {SHARE} = 1')}
    cols = best[1]
    return {r[0] for r in db.execute(
        f'select rowid from (select rowid, dense_rank() over (order by {cols}) as k from {qi(t)} where {cols.split(",")[0]} is not null) where k % {SHARE} = 1')}


def main():
    args = [a for a in sys.argv[1:] if a != '--no-learn']
    extra = ['--no-learn'] if '--no-learn' in sys.argv else []
    src, lines = args[0], int(args[1])
    out = os.path.abspath(args[2] if len(args) > 2 else tempfile.mkdtemp())
    os.makedirs(out, exist_ok=True)
    real, topup = os.path.join(out, 'real.db'), os.path.join(out, 'topup.db')
    for f in (real, topup):
        if os.path.exists(f):
            os.remove(f)
    with open(src, 'rb') as f:
        run('sqlite3', '-bail', real, stdin=f)
    with open(src, 'rb') as f:
        schema = b''.join(f.readline() for _ in range(lines))
    run('sqlite3', '-bail', topup, input=schema)

    db = sqlite3.connect(real)
    tables = [r[0] for r in db.execute("select name from sqlite_master where type='table' and name not like 'sqlite_%' order by name")]
    fks = {t: {} for t in tables}  # table -> id -> (parent, child cols, parent cols)
    pk = {}
    for t in tables:
        pk[t] = [r[1] for r in sorted(db.execute(f'pragma table_info({qi(t)})'), key=lambda r: r[5]) if r[5]]
        for r in db.execute(f'pragma foreign_key_list({qi(t)})'):
            p, cc, pc = fks[t].setdefault(r[0], (r[2], [], []))
            cc.append(r[3]); pc.append(r[4] or None)
    for t in tables:
        for k, (p, cc, pc) in fks[t].items():
            if None in pc:
                fks[t][k] = (p, cc, pk[p])
    junction = {t for t in tables if len(fks[t]) >= 2 and all(set(cc) <= set(pk[t]) for _, cc, _ in fks[t].values())}

    chosen = {t: set() for t in tables}
    for t in tables:
        if t not in junction:
            chosen[t] = pick(db, t, fks[t])
    # The parents the chosen rows need, until nothing is missing.
    changed = True
    while changed:
        changed = False
        for t in tables:
            if t in junction or not chosen[t]:
                continue
            for p, cc, pc in fks[t].values():
                ids = ','.join(map(str, chosen[t]))
                need = {r[0] for r in db.execute(
                    f'select p.rowid from {qi(p)} p join {qi(t)} c on ' + ' and '.join(f'c.{qi(a)} = p.{qi(b)}' for a, b in zip(cc, pc)) +
                    f' where c.rowid in ({ids})')}
                if not need <= chosen[p]:
                    chosen[p] |= need
                    changed = True
    for t in junction:
        total = db.execute(f'select count(*) from {qi(t)}').fetchone()[0]
        rows = [r[0] for r in db.execute(f'select rowid from {qi(t)}')]
        ok = []
        for rid in rows:
            good = True
            for p, cc, pc in fks[t].values():
                vals = db.execute(f'select {", ".join(qi(c) for c in cc)} from {qi(t)} where rowid = ?', (rid,)).fetchone()
                hit = db.execute(f'select rowid from {qi(p)} where ' + ' and '.join(f'{qi(b)} = ?' for b in pc), vals).fetchone()
                if not hit or hit[0] not in chosen[p]:
                    good = False
                    break
            if good:
                ok.append(rid)
        chosen[t] = set(ok[::max(1, len(ok) // max(1, total // SHARE))][: total // SHARE])
    db.close()

    w = sqlite3.connect(topup)
    w.execute('pragma foreign_keys = off')
    w.execute('attach ? as r', (real,))
    for t in tables:
        if chosen[t]:
            w.execute(f'insert into main.{qi(t)} select * from r.{qi(t)} where rowid in ({",".join(map(str, sorted(chosen[t])))})')
    w.commit()
    print('loaded: ' + ', '.join(f'{t} {len(chosen[t])}' for t in tables))
    w.close()

    cfg = os.path.join(out, 'seedbed.config.ts')
    with open(cfg, 'w') as f:
        run('python3', SCORE, '--real', f'sqlite:{real}', '--seedbed-config', stdout=f)
    with open(os.path.join(out, 'seedbed.log'), 'w') as f:
        run('npm', 'run', '--silent', 'seedbed', '--', 'seed', '--top-up', '--db', f'sqlite:{topup}', '--seed', '42', '--yes', '--config', cfg, *extra, stdout=f, cwd=ROOT)
    run('python3', SCORE, '--real', f'sqlite:{real}', '--gen', f'topup=sqlite:{topup}', '--offenders', 'topup', '--top', '25', '--json', os.path.join(out, 'score.json'))
    print(f'(databases and score.json in {out})')


if __name__ == '__main__':
    main()
