// One error type for everything a user can get wrong. Each carries the problem and the fix,
// so the CLI and the extension can print one clear message without guessing.

export type ErrorCode =
  | 'BAD_URL' | 'NOT_FOUND' | 'NOT_A_DATABASE' | 'CONNECT_FAILED' | 'READ_ONLY'
  | 'UNKNOWN_TABLE' | 'EMPTY_SCHEMA' | 'BAD_COUNT' | 'UNSATISFIABLE' | 'UNSUPPORTED'
  | 'WRITE_FAILED' | 'CANCELLED' | 'BAD_INPUT' | 'GENERATE_FAILED';

export class SeedbedError extends Error {
  readonly code: ErrorCode;
  readonly fix: string | undefined;
  readonly table: string | undefined;

  constructor(code: ErrorCode, message: string, options: { fix?: string; table?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'SeedbedError';
    this.code = code;
    this.fix = options.fix;
    this.table = options.table;
  }

  /** Message and fix on one or two lines, as shown to users. */
  describe(): string {
    return this.fix ? `${this.message}\nFix: ${this.fix}` : this.message;
  }
}

export function errorText(e: unknown): string {
  if (e instanceof SeedbedError) return e.describe();
  const file = fileError(e);
  if (file) return file.describe();
  if (e instanceof Error) return e.message;
  return String(e);
}

/** Node's own words for a file it could not use ("EACCES: permission denied, open '…'"), as
 *  one message naming the file and a fix; undefined for any other error. */
export function fileError(e: unknown): SeedbedError | undefined {
  const p = fileProblem(e);
  return p && new SeedbedError('BAD_INPUT', `Cannot ${p.verb} ${p.path}: ${p.reason}.`, { fix: p.fix, cause: e });
}

/** What a file error of Node's says, in words: the file, what was tried, why it failed, the fix. */
export function fileProblem(e: unknown): { path: string; verb: string; reason: string; fix: string } | undefined {
  const err = e as { code?: unknown; path?: unknown; syscall?: unknown; dest?: unknown } | undefined;
  if (!(e instanceof Error) || typeof err!.code !== 'string' || typeof err!.path !== 'string') return undefined;
  const path = err!.path;
  const verb = ({ open: 'open', read: 'read', write: 'write', mkdir: 'create the folder', rename: 'replace', unlink: 'remove', scandir: 'list the folder', stat: 'look at', lstat: 'look at' } as Record<string, string>)[String(err!.syscall)] ?? 'use';
  const user = userName();
  const why: Record<string, [string, string]> = {
    EACCES: [`permission denied${user ? ` for user ${user}` : ''}`, `Check the permissions of ${path} and of its folders (ls -l), or use a file or folder you can read and write.`],
    EPERM: ['operation not permitted', `Check the permissions and owner of ${path}.`],
    EROFS: ['it is on a read-only file system', 'Use a file or folder on a writable disk.'],
    ENOSPC: ['the disk is full', 'Free disk space and try again.'],
    EISDIR: ['it is a folder', 'Name a file, not a folder.'],
    ENOTDIR: ['a part of the path is not a folder', 'Check the path.'],
    ENOENT: ['it does not exist', 'Check the path.'],
    ELOOP: ['it is a loop of symbolic links', 'Check the path.'],
  };
  const known = why[err!.code];
  return known && { path, verb, reason: known[0], fix: known[1] };
}

function userName(): string | undefined {
  try {
    return process.env.USER || process.env.LOGNAME || undefined;
  } catch {
    return undefined;
  }
}

/** Text echoed in a message (a value, a driver's words that quote one), cut to `max`
 *  characters: a 10 MB value must not become a 10 MB error. */
export function clip(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length.toLocaleString('en-US')} characters in all)` : text;
}

/** SQL text from the schema (a CHECK, an expression) as quoted in a message or plan: on one
 *  line and cut short; a schema may hold a 100 KB CHECK. */
export function sqlText(sql: string, max = 300): string {
  return clip(sql.replace(/\s+/g, ' ').trim(), max);
}
