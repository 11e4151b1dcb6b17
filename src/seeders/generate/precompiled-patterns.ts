// Every rule pattern's compiled form (name-patterns.ts compilePattern), put here by the build
// (scripts/build.ts) so that a bundle does not expand ~470 patterns into words at each start;
// undefined when run from source, where each pattern is compiled when first needed.

/** A pattern's literal branches ([start, end, words]) and the rest of its source; null: the
 *  whole pattern stays a regex. */
export interface CompiledPattern {
  branches: ['^' | '_' | 'either', '$' | '_', string[]][];
  rest: string[];
}

export const PRECOMPILED_PATTERNS: Readonly<Record<string, CompiledPattern | null>> | undefined = undefined;
