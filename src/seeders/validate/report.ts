// Result of `validate`: every problem the database itself reports, plus counts.

export interface ValidationProblem {
  kind: 'foreign-key' | 'integrity' | 'unique' | 'exclusion' | 'not-null' | 'check' | 'count';
  table: string;
  message: string;
}

export interface ValidationReport {
  ok: boolean;
  problems: ValidationProblem[];
  /** Rows per seedable table. */
  counts: Record<string, number>;
}
