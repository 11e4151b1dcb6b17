import type { SeedEvent } from '../seeders/index.ts';
import { terminalText } from './terminal.ts';
import { plural } from '../seeders/words.ts';

// Draws engine events: a one-line progress bar on a TTY, plain lines elsewhere (CI logs).

export function progressPrinter(stream: NodeJS.WriteStream, options: { quiet?: boolean } = {}) {
  const tty = stream.isTTY === true && !process.env.CI;
  let lastLine = 0;
  const clear = () => {
    if (tty && lastLine) stream.write('\r\x1b[2K');
    lastLine = 0;
  };
  // Table names pass through terminalText; only the printer's own codes (\r, erase line) are raw.
  const write = (text: string) => stream.write(terminalText(text));
  return (e: SeedEvent) => {
    if (options.quiet) return;
    switch (e.type) {
      case 'start':
        if (!e.rows) break; // nothing to add: the command says so
        write(`Seeding ${plural(e.tables, 'table')}, ${plural(e.rows, 'row')} (seed ${e.seed})\n`);
        break;
      case 'progress':
        if (tty) {
          const width = 24;
          const filled = Math.round((e.totalDone / Math.max(1, e.totalRows)) * width);
          const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${e.totalDone}/${e.totalRows} rows · ${e.table} ${e.done}/${e.total}`;
          stream.write(`\r\x1b[2K${terminalText(line)}`);
          lastLine = line.length;
        }
        break;
      case 'table-done':
        clear();
        if (!tty || e.rows >= 10000) write(`  ${e.table}: ${plural(e.rows, 'row')} in ${e.ms.toFixed(0)} ms${e.dropped ? ` (${e.dropped} left out)` : ''}\n`);
        break;
      case 'fill-after':
        clear();
        write(`  ${e.table}: closed a cycle on ${plural(e.rows, 'row')}\n`);
        break;
      case 'rollback':
        clear();
        break;
      case 'stalled':
        clear();
        write(`warning: ${e.message}\n`);
        break;
      case 'left-out':
        clear();
        write(`  ${e.table}: cannot fill: ${e.reason}; rolled back, starting again without it\n`);
        break;
      case 'done':
        clear();
        if (!e.rows) break;
        write(`Done: ${plural(e.rows, 'row')} in ${(e.ms / 1000).toFixed(2)} s (${e.rowsPerSecond} rows/s)\n`);
        break;
    }
  };
}
