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
  if (e instanceof Error) return e.message;
  return String(e);
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
