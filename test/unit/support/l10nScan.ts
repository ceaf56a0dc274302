// Finds user-facing text in the product's source that does not go through localisation.
// User-facing: a literal that reads as words ("Sign in to prod", "{0} nodes"), or any literal
// with a letter where a person reads it (a message, prompt, label, tooltip, title). Localised:
// the message of `vscode.l10n.t(…)` (code that has VS Code) or `l10n.t(…)` from `@vscode/l10n`
// (the vscode-free layers and the webviews). Not user-facing: the log (developers read it, in
// English), SQL, protocol text compared with what a server sent, types, keys, CSS, and a line
// marked `l10n-ignore: <why>` (a comment on that line or the one before), for the rare rest.
//
// Run alone on a folder: `npx tsx test/unit/support/l10nScan.ts src/tree`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

export interface Finding {
  readonly file: string;
  readonly line: number;
  readonly text: string;
  readonly why: string;
}

/** Two words of letters: "Sign in", "{0} nodes selected", "n1 is down". */
const PROSE = /[A-Za-z]{2,}[,.:;!?'’)\]]*\s+(\{\}\s+)*[("'‘“[]*[A-Za-z]{2,}/;
const LETTER = /[A-Za-z]/;
/** A name for code, not a person: one token with dots, slashes, dashes, underscores or colons ("editorWarning.foreground", "cluster-row"). */
const CODE_NAME = /^(?=\S*[A-Za-z])(?=\S*[./_:-][A-Za-z])\S+$/;
/** A fragment of SQL: casts, JSON operators, placeholders, or keywords in capitals beside snake_case names or calls. */
const SQL_FRAGMENT = (v: string): boolean =>
  /::[A-Za-z]|->>|->'|\$\d/.test(v) ||
  /^[\s,(]*[a-z_][a-z0-9_.]*(\s*,\s*[a-z_][a-z0-9_.]*)*[\s,)]*$/.test(v) ||
  (/\b(AS|FROM|WHERE|THEN|ELSE|END|DESC|ASC|LIMIT|JOIN|BY|AND|OR|IN|NOT|NULL|IS|ON|SELECT|CASE|WHEN)\b/.test(v) &&
    /\b[a-z]+_[a-z0-9_]+\b|\b[a-z_]+\(/.test(v));
/** SQL the product sends: it starts with a keyword in capitals. */
const SQL =
  /^\s*\(?\s*(SELECT|WITH|SHOW|EXPLAIN|INSERT|UPSERT|UPDATE|DELETE|SET|RESET|CREATE|ALTER|DROP|CANCEL|BEGIN|COMMIT|ROLLBACK|GRANT|REVOKE|PAUSE|RESUME|TRUNCATE|USE|FROM|WHERE|AND|OR|ORDER BY|GROUP BY|LIMIT|JOIN|LEFT JOIN|VALUES|AS OF|SAVEPOINT|RELEASE|PREPARE|EXECUTE|DECLARE|FETCH|CLOSE|COPY|IMPORT|BACKUP|RESTORE|ANALYZE|COMMENT ON|CASE|WHEN|ELSE|END|CAST|COALESCE|ON CONFLICT|RETURNING|UNION|HAVING|OFFSET|INTERVAL)\b/;
/** Receivers whose calls write the log. */
const LOG_RECEIVER = /(^|\.)(log|logger|channel|output)$|\.scoped\([^)]*\)$/i;
const LOG_METHODS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'appendLine']);
/** Calls whose string arguments a person reads (the Ui seam, the window, VS Code's widgets). */
const UI_CALLS =
  /(^|\.)(ui|window|prompter|this\.ui|deps\.ui|ctx\.ui)\.(info|warn|error|confirm|progress|input|pick|showInformationMessage|showWarningMessage|showErrorMessage|showInputBox|showQuickPick|withProgress|setStatusBarMessage|createTreeView|createWebviewPanel)$|^new (vscode\.)?(TreeItem|MarkdownString|CodeLens|Hover)$/;
/** Properties whose value a person reads. */
const UI_PROPS = new Set([
  'label',
  'description',
  'detail',
  'tooltip',
  'title',
  'prompt',
  'placeHolder',
  'placeholder',
  'message',
  'text',
  'aria-label',
  'ariaLabel',
  'alt',
  'summary',
  'hint',
  'caption',
  'saveLabel',
  'openLabel',
]);
/** Properties that name things for code, styles or the DOM, never read as text. */
const CODE_PROPS = new Set([
  'class',
  'className',
  'style',
  'role',
  'type',
  'id',
  'key',
  'kind',
  'command',
  'contextValue',
  'viewType',
  'data-testid',
  'testId',
  'rowTestId',
  'd',
  'viewBox',
  'fill',
  'stroke',
  'transform',
  'points',
  'href',
  'src',
  'sql',
  'query',
  'statement',
  'scheme',
  'language',
  'languageId',
  'pattern',
  'glob',
  'when',
  'preserveAspectRatio',
  'text-anchor',
  'dominant-baseline',
]);
const MATCHING_METHODS = new Set([
  'includes',
  'startsWith',
  'endsWith',
  'indexOf',
  'lastIndexOf',
  'match',
  'matchAll',
  'test',
  'replace',
  'replaceAll',
  'split',
  'search',
  'get',
  'has',
  'set',
  'delete',
  'getConfiguration',
  'executeCommand',
  'registerCommand',
  'querySelector',
  'querySelectorAll',
  'getAttribute',
  'setAttribute',
  'setAttr',
  'addEventListener',
  'createElement',
  'setContext',
  'getPropertyValue',
  'require',
  'import',
]);

function isL10nCall(node: ts.Node): node is ts.CallExpression {
  if (!ts.isCallExpression(node)) return false;
  // The formatter may break `l10n\n  .t(…)` over lines.
  const callee = node.expression.getText().replace(/\s+/g, '');
  return callee === 'vscode.l10n.t' || callee === 'l10n.t';
}

function propertyName(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  return undefined;
}

/** Whether `lit` is `value` itself, or one of the outcomes of a conditional, `??` or `||` that `value` is. */
function valueOf(value: ts.Expression, lit: ts.Node): boolean {
  if (value === lit) return true;
  if (ts.isParenthesizedExpression(value) || ts.isAsExpression(value)) return valueOf(value.expression, lit);
  if (ts.isConditionalExpression(value)) return valueOf(value.whenTrue, lit) || valueOf(value.whenFalse, lit);
  if (ts.isBinaryExpression(value)) {
    const op = value.operatorToken.kind;
    if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken)
      return valueOf(value.left, lit) || valueOf(value.right, lit);
  }
  return false;
}

/** What a literal's text is for, looking outwards from it: undefined when it is not user-facing. */
function context(lit: ts.Node): { readonly ui: boolean } | undefined {
  let child: ts.Node = lit;
  let ui = false;
  for (let node = lit.parent; node; child = node, node = node.parent) {
    if (isL10nCall(node)) return undefined;
    if (ts.isLiteralTypeNode(node) || ts.isTypeNode(node)) return undefined;
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node) || ts.isExternalModuleReference(node))
      return undefined;
    if (ts.isCaseClause(node) && child === node.expression) return undefined;
    if (ts.isElementAccessExpression(node) && child === node.argumentExpression) return undefined;
    if (ts.isPropertyAssignment(node) && child === node.name) return undefined;
    if (ts.isEnumMember(node)) return undefined;
    if (ts.isBinaryExpression(node)) {
      const op = node.operatorToken.kind;
      if (
        op === ts.SyntaxKind.EqualsEqualsEqualsToken ||
        op === ts.SyntaxKind.ExclamationEqualsEqualsToken ||
        op === ts.SyntaxKind.EqualsEqualsToken ||
        op === ts.SyntaxKind.ExclamationEqualsToken ||
        op === ts.SyntaxKind.InKeyword
      )
        return undefined;
      if (
        op === ts.SyntaxKind.EqualsToken &&
        child === node.right &&
        valueOf(node.right, lit) &&
        ts.isPropertyAccessExpression(node.left)
      ) {
        const name = node.left.name.text;
        if (CODE_PROPS.has(name)) return undefined;
        if (UI_PROPS.has(name)) ui = true;
        if (name === 'textContent' || name === 'innerText' || name === 'value') ui = true;
      }
    }
    // A property names what its own value is for, not what the objects inside that value are for.
    if (ts.isPropertyAssignment(node) && child === node.initializer && valueOf(node.initializer, lit)) {
      const name = propertyName(node.name);
      if (name !== undefined && (CODE_PROPS.has(name) || name.startsWith('data-'))) return undefined;
      if (name !== undefined && UI_PROPS.has(name)) ui = true;
    }
    if (ts.isJsxAttribute?.(node)) return undefined;
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const callee = node.expression.getText();
      const isArg = (node.arguments ?? []).some((a) => a === child);
      if (isArg) {
        if (ts.isPropertyAccessExpression(node.expression)) {
          const method = node.expression.name.text;
          const receiver = node.expression.expression.getText();
          if (LOG_METHODS.has(method) && LOG_RECEIVER.test(receiver)) return undefined;
          if (MATCHING_METHODS.has(method)) return undefined;
        }
        if (ts.isIdentifier(node.expression) && MATCHING_METHODS.has(node.expression.text)) return undefined;
        if (/^(new )?RegExp$|^Symbol(\.for)?$|(^|\.)(ThemeColor|ThemeIcon|Uri\.parse|Uri\.file|joinPath)$/.test(callee))
          return undefined;
        if (UI_CALLS.test(ts.isNewExpression(node) ? `new ${callee}` : callee)) ui = true;
      }
    }
    // A statement is as far as a literal's purpose reaches.
    if (ts.isStatement(node) || ts.isClassElement(node)) break;
  }
  return { ui };
}

function literalText(node: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression): string {
  if (ts.isTemplateExpression(node))
    return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('{}');
  return node.text;
}

function ignored(sf: ts.SourceFile, node: ts.Node): boolean {
  const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
  const lines = sf.text.split('\n');
  return [line, line - 1].some((l) => l >= 0 && /l10n-ignore\b/.test(lines[l] ?? ''));
}

/** The user-facing literals of one file that bypass localisation, and l10n messages that are not plain strings. */
export function scanSource(file: string, text: string): Finding[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: Finding[] = [];
  const at = (node: ts.Node) => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
  const visit = (node: ts.Node): void => {
    if (isL10nCall(node)) {
      const message = node.arguments[0];
      if (message && !ts.isStringLiteral(message) && !ts.isNoSubstitutionTemplateLiteral(message))
        found.push({
          file,
          line: at(node),
          text: message.getText(sf).slice(0, 80),
          why: 'the message of l10n.t must be a plain string, with {0}-style placeholders for values',
        });
      node.arguments.slice(1).forEach(visit);
      return;
    }
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
      const value = literalText(node);
      if (
        LETTER.test(value) &&
        !CODE_NAME.test(value) &&
        !SQL.test(value) &&
        !SQL_FRAGMENT(value) &&
        !ignored(sf, node)
      ) {
        const ctx = context(node);
        if (ctx && (PROSE.test(value) || ctx.ui))
          found.push({
            file,
            line: at(node),
            text: value.slice(0, 80),
            why: ctx.ui ? 'shown to the user' : 'reads as words',
          });
      }
      if (ts.isTemplateExpression(node)) node.templateSpans.forEach((s) => visit(s.expression));
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** The product's TypeScript files under `dir`, without the simulator. */
export function productFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) {
        if (path.relative('src', p).split(path.sep)[0] !== 'sim') walk(p);
      } else if (/\.ts$/.test(entry.name) && !/\.d\.ts$/.test(entry.name)) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

export function scanFiles(files: readonly string[]): Finding[] {
  return files.flatMap((f) => scanSource(f, fs.readFileSync(f, 'utf8')));
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  const findings = scanFiles(process.argv.slice(2).flatMap((d) => (d.endsWith('.ts') ? [d] : productFiles(d))));
  for (const f of findings) console.log(`${f.file}:${f.line}  ${f.why}: ${JSON.stringify(f.text)}`);
  console.log(`${findings.length} user-facing literal(s) outside l10n.t`);
}
