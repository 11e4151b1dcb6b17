// Objects keyed by names from a schema or a config. A table or column may be called `__proto__`,
// `constructor` or `toString`: on a plain object `o[name]` then reads Object.prototype's member
// (a config made "Row count for __proto__ must be a whole number (got [object Object])") and
// `o['__proto__'] = n` stores nothing (that table's rows went uncounted in the run's record,
// its --json and its totals).

/** An empty record for names: no prototype, so every name is a key like any other. */
export function nameRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** record[name] when the record holds it itself; undefined for a member every object inherits. */
export function own<T>(record: Readonly<Record<string, T>> | undefined, name: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, name) ? record[name] : undefined;
}
