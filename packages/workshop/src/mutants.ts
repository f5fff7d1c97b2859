import ts from 'typescript';

/** One small change to a solution's source, of the kind a learner could make by mistake. */
export interface Mutant {
  /** The file's path inside `src/`. */
  readonly file: string;
  readonly line: number;
  /** What the change does, for example "`<=` → `<`" or "`await` removed". */
  readonly description: string;
  /** The whole file with the change made. */
  readonly text: string;
}

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly replacement: string;
  readonly description: string;
}

/** Each member of each pair swapped for the other. */
function bothWays<T>(pairs: ReadonlyArray<readonly [T, T]>): Map<T, T> {
  return new Map(pairs.flatMap(([one, other]) => [[one, other] as const, [other, one] as const]));
}

const { SyntaxKind: Kind } = ts;

/** Operators swapped for their near misses: a bound off by one, a test turned round. */
const OPERATOR_SWAPS = bothWays<ts.SyntaxKind>([
  [Kind.LessThanToken, Kind.LessThanEqualsToken],
  [Kind.GreaterThanToken, Kind.GreaterThanEqualsToken],
  [Kind.EqualsEqualsEqualsToken, Kind.ExclamationEqualsEqualsToken],
  [Kind.AmpersandAmpersandToken, Kind.BarBarToken],
  [Kind.PlusToken, Kind.MinusToken],
  [Kind.PlusEqualsToken, Kind.MinusEqualsToken],
]);
// One way only: a default applied when a value is given, and the value dropped when it is.
OPERATOR_SWAPS.set(Kind.QuestionQuestionToken, Kind.AmpersandAmpersandToken);

/** Methods swapped for their look-alikes. */
const METHOD_SWAPS = bothWays([
  ['some', 'every'],
  ['min', 'max'],
  ['all', 'allSettled'],
  ['shift', 'pop'],
  ['push', 'unshift'],
]);

/**
 * The mutants of one TypeScript file, as a mutation tester (StrykerJS, say)
 * makes them, with the ones an async lesson needs most: an `await` removed, a
 * statement left out (a `clearTimeout`, an `abort()`, a `close()`), a bound
 * off by one, a condition always or never true, a block emptied, a method
 * swapped for its look-alike. Types are left alone (a change there changes
 * nothing that runs), and so are the lines `written` says the learner did not
 * write. Type errors are allowed: graded code is compiled without a type
 * check, as a learner's is.
 *
 * @example
 * mutantsOf('index.ts', 'if (running < limit) start();');
 * // → "`<` → `<=`", "condition always true", "condition always false", "statement removed", …
 */
export function mutantsOf(
  file: string,
  text: string,
  written: (line: number) => boolean = () => true,
): Mutant[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const edits: Edit[] = [];
  const replace = (node: ts.Node, replacement: string, description: string) =>
    edits.push({ start: node.getStart(source), end: node.getEnd(), replacement, description });
  const shown = (node: ts.Node) => {
    const said = node.getText(source).replace(/\s+/g, ' ');
    return said.length > 50 ? `${said.slice(0, 47)}…` : said;
  };

  const visit = (node: ts.Node): void => {
    if (ts.isTypeNode(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node))
      return;
    if (ts.isBinaryExpression(node)) {
      const swap = OPERATOR_SWAPS.get(node.operatorToken.kind);
      if (swap !== undefined) {
        const from = node.operatorToken.getText(source);
        const to = ts.tokenToString(swap) ?? from;
        replace(node.operatorToken, to, `\`${from}\` → \`${to}\``);
      }
    }
    if (ts.isAwaitExpression(node)) {
      replace(node, node.expression.getText(source), `\`await\` removed from ${shown(node)}`);
    }
    if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) {
      replace(node, node.operand.getText(source), `\`!\` removed from ${shown(node)}`);
    }
    if (node.kind === ts.SyntaxKind.TrueKeyword) replace(node, 'false', '`true` → `false`');
    if (node.kind === ts.SyntaxKind.FalseKeyword) replace(node, 'true', '`false` → `true`');
    if (ts.isIfStatement(node) || ts.isWhileStatement(node)) {
      replace(node.expression, 'true', `condition always true: ${shown(node.expression)}`);
      replace(node.expression, 'false', `condition always false: ${shown(node.expression)}`);
    }
    if (ts.isConditionalExpression(node)) {
      replace(node.condition, 'true', `condition always true: ${shown(node.condition)}`);
      replace(node.condition, 'false', `condition always false: ${shown(node.condition)}`);
    }
    if (ts.isExpressionStatement(node)) replace(node, ';', `statement removed: ${shown(node)}`);
    if (ts.isReturnStatement(node) && node.expression) {
      replace(node, ';', `return removed: ${shown(node)}`);
    }
    if (ts.isBlock(node) && node.statements.length > 0) {
      replace(node, '{}', `block emptied: ${shown(node)}`);
    }
    if (ts.isPropertyAccessExpression(node) && ts.isCallExpression(node.parent)) {
      const swap = METHOD_SWAPS.get(node.name.text);
      if (swap) replace(node.name, swap, `\`.${node.name.text}\` → \`.${swap}\``);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);

  return edits
    .map((edit) => ({
      file,
      line: source.getLineAndCharacterOfPosition(edit.start).line + 1,
      description: edit.description,
      text: text.slice(0, edit.start) + edit.replacement + text.slice(edit.end),
    }))
    .filter((mutant) => written(mutant.line));
}

/**
 * The lines of `solution` that are not in `starter`, by a longest common
 * subsequence of lines: what a learner writes, as `git diff` would show it.
 *
 * @example
 * writtenLines('a\nb\n', 'a\nx\nb\n'); // Set { 2 }
 */
export function writtenLines(starter: string, solution: string): Set<number> {
  const before = starter.split('\n').map((line) => line.trim());
  const after = solution.split('\n').map((line) => line.trim());
  // common[i][j]: the longest common subsequence of before[i..] and after[j..].
  const common = Array.from({ length: before.length + 1 }, () =>
    new Array<number>(after.length + 1).fill(0),
  );
  for (let i = before.length - 1; i >= 0; i -= 1) {
    for (let j = after.length - 1; j >= 0; j -= 1) {
      const row = common[i] as number[];
      const next = common[i + 1] as number[];
      row[j] =
        before[i] === after[j]
          ? (next[j + 1] as number) + 1
          : Math.max(next[j] as number, row[j + 1] as number);
    }
  }
  const written = new Set<number>();
  let i = 0;
  let j = 0;
  while (j < after.length) {
    if (i < before.length && before[i] === after[j]) {
      i += 1;
      j += 1;
    } else if (
      i < before.length &&
      ((common[i + 1] as number[])[j] as number) >= ((common[i] as number[])[j + 1] as number)
    ) {
      i += 1;
    } else {
      written.add(j + 1);
      j += 1;
    }
  }
  return written;
}
