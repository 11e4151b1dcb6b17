// Public API of the CHECK-expression module: parse, evaluate, derive hints.
export type { BinaryOp, CompareOp, Expr, ExprKind, ExprOf, LitValue, PatternOp } from './ast.ts';
export { children, referencedColumns, walk } from './ast.ts';
export { CheckParseError, parseCheck } from './parse.ts';
export { CheckEvalError, evaluate, evaluateValue, notEvaluable, readsClock, satisfies } from './evaluate.ts';
export { branchesOf, conjunction, MAX_BRANCHES } from './branches.ts';
export type { Dialect, EvalContext, SqlValue } from './evaluate.ts';
export { deriveHints } from './hints.ts';
export type { CheckHints, ColumnHint, ColumnRelation, HintValue, RelationOp } from './hints.ts';
export { compileRegex, needsBacktracking, withoutLookaround, type Matcher } from './patterns.ts';
