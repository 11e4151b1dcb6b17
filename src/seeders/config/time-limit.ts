// How long one piece of config code may run: loading the config file (its top-level code and
// awaits) or one call of a column function. Past it, Seedbed stops (rolling the run back) and
// names the file or the column, instead of hanging with the database locked.

const DEFAULT_SECONDS = 10;

/** SEEDBED_CONFIG_TIMEOUT (seconds, may be fractional), else 10 s; in milliseconds. */
export function configTimeLimitMs(): number {
  const s = Number(process.env.SEEDBED_CONFIG_TIMEOUT);
  return Math.round((Number.isFinite(s) && s > 0 ? s : DEFAULT_SECONDS) * 1000);
}

/** The limit as said in a message: "10 s", "0.5 s". */
export const limitText = (ms: number) => `${ms / 1000} s`;

export const RAISE_LIMIT = 'if it is only slow, allow it more time with SEEDBED_CONFIG_TIMEOUT=SECONDS';
