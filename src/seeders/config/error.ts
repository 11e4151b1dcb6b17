import { isAbsolute, relative } from 'node:path';
import { SeedbedError } from '../errors.ts';
import { formatPath, locate, type ConfigPath } from './source.ts';

// Every problem with a config file is ONE SeedbedError (code BAD_INPUT) whose message starts
// with `file:line:` and whose fix says what to write instead. The subclass keeps the position
// for editors (the VS Code extension opens the file at the line).

export class ConfigError extends SeedbedError {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** The setting, e.g. `tables.users.columns.emial` ('' for the file as a whole). */
  readonly path: string;

  constructor(file: string, line: number, column: number, path: string, message: string, fix: string | undefined, options: { table?: string; cause?: unknown } = {}) {
    super('BAD_INPUT', `${displayPath(file)}:${line}: ${message}`, { fix, table: options.table, cause: options.cause });
    this.name = 'SeedbedError';
    this.file = file;
    this.line = line;
    this.column = column;
    this.path = path;
  }
}

/** The file as the user would type it: relative to the working directory when inside it. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

/** A problem at a setting of the config: its line is found in the source text. */
export function errorAt(file: string, source: string, path: ConfigPath, message: string, fix?: string, options: { value?: unknown; table?: string } = {}): ConfigError {
  const at = locate(source, path, options.value);
  const where = formatPath(path);
  return new ConfigError(file, at.line, at.column, path.length ? where : '', path.length ? `${where}: ${message}` : message, fix, { table: options.table });
}
