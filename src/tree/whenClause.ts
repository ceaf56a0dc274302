// Evaluates the `when` clauses of the manifest's tree-row menus against a row's
// `contextValue` (`kind;flag;flag`), so tests can tell which menu entries VS Code
// shows on which row without a running workbench. Only the subset of VS Code's
// when-clause language the manifest uses is understood (`&&`, `||`, `!`, `==`,
// `!=`, `=~ /regex/`, bare keys, true/false); anything else throws, so a new
// construct in package.json is noticed rather than silently evaluated wrongly.
// No vscode import: the unit tier loads this on plain Node.

export type WhenContext = Readonly<Record<string, string | boolean | undefined>>;

/** Splits `kind;flag;flag` into its kind and flags. */
export function parseContextValue(contextValue: string): { kind: string; flags: string[] } {
  const [kind = '', ...flags] = contextValue.split(';');
  return { kind, flags: flags.filter(Boolean) };
}

/** Reads a `/source/flags` literal starting at `at`; returns the regex and where it ends. */
function readRegex(text: string, at: number): { re: RegExp; end: number } {
  // l10n-ignore: developer-only parse error of a manifest when clause; only tests evaluate these
  if (text[at] !== '/') throw new Error(`expected a regex literal at ${at} in: ${text}`);
  let i = at + 1;
  let inClass = false;
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    else if (c === '/' && !inClass) break;
  }
  // l10n-ignore: developer-only parse error, as above
  if (i >= text.length) throw new Error(`unterminated regex in: ${text}`);
  const source = text.slice(at + 1, i);
  const flags = /^[gimsuy]*/.exec(text.slice(i + 1))![0];
  return { re: new RegExp(source, flags), end: i + 1 + flags.length };
}

type Term =
  | { kind: 'key'; key: string; not: boolean }
  | { kind: 'eq'; key: string; value: string; not: boolean }
  | { kind: 're'; key: string; re: RegExp }
  | { kind: 'const'; value: boolean };

/** Parses a clause into OR-groups of AND-ed terms (VS Code gives `&&` precedence over `||`). */
function parse(when: string): Term[][] {
  const groups: Term[][] = [[]];
  let i = 0;
  const skip = (): void => {
    while (i < when.length && /\s/.test(when[i]!)) i++;
  };
  const word = (): string => {
    const m = /^[A-Za-z0-9_.:-]+/.exec(when.slice(i));
    // l10n-ignore: developer-only parse error, as above
    if (!m) throw new Error(`unsupported when clause at ${i}: ${when}`);
    i += m[0].length;
    return m[0];
  };
  for (;;) {
    skip();
    let not = false;
    if (when[i] === '!' && when[i + 1] !== '=') {
      not = true;
      i++;
      skip();
    }
    const key = word();
    skip();
    let term: Term;
    if (when.startsWith('=~', i)) {
      // l10n-ignore: developer-only parse error, as above
      if (not) throw new Error(`negated regex match is not supported: ${when}`);
      i += 2;
      skip();
      const { re, end } = readRegex(when, i);
      i = end;
      term = { kind: 're', key, re };
    } else if (when.startsWith('==', i) || when.startsWith('!=', i)) {
      const negate = when[i] === '!';
      i += 2;
      skip();
      const quoted = /^'([^']*)'/.exec(when.slice(i));
      const value = quoted ? quoted[1]! : word();
      if (quoted) i += quoted[0].length;
      term = { kind: 'eq', key, value, not: negate !== not };
    } else if (key === 'true' || key === 'false') {
      term = { kind: 'const', value: (key === 'true') !== not };
    } else {
      term = { kind: 'key', key, not };
    }
    groups[groups.length - 1]!.push(term);
    skip();
    if (i >= when.length) return groups;
    if (when.startsWith('&&', i)) i += 2;
    else if (when.startsWith('||', i)) {
      i += 2;
      groups.push([]);
    } else throw new Error(`unsupported when clause at ${i}: ${when}`); // l10n-ignore: as above
  }
}

function holds(t: Term, ctx: WhenContext): boolean {
  switch (t.kind) {
    case 'const':
      return t.value;
    case 'key':
      return Boolean(ctx[t.key]) !== t.not;
    case 'eq':
      return (String(ctx[t.key] ?? '') === t.value) !== t.not;
    case 're': {
      const v = ctx[t.key];
      t.re.lastIndex = 0;
      return typeof v === 'string' && t.re.test(v);
    }
  }
}

/** Whether VS Code would consider `when` true in `ctx`. */
export function evaluateWhen(when: string, ctx: WhenContext): boolean {
  return parse(when).some((group) => group.every((t) => holds(t, ctx)));
}

/** The regexes a clause matches `viewItem` against. */
export function viewItemPatterns(when: string): RegExp[] {
  return parse(when)
    .flat()
    .flatMap((t) => (t.kind === 're' && t.key === 'viewItem' ? [t.re] : []));
}

/** The words a viewItem regex mentions: candidate kinds and flags (escapes such as `\b` are not words). */
export function mentionedWords(re: RegExp): Set<string> {
  const source = re.source.replace(/\\./g, ' ');
  return new Set(source.match(/[A-Za-z][\w-]*/g) ?? []);
}

/**
 * The flags of `contextValue` that `when` depends on: it holds with the flag and
 * stops holding without it. A flag no menu depends on shows nothing on that row.
 */
export function flagsRequired(when: string, contextValue: string, ctx: WhenContext = {}): string[] {
  const with_ = { ...ctx, viewItem: contextValue };
  if (!evaluateWhen(when, with_)) return [];
  const { kind, flags } = parseContextValue(contextValue);
  return flags.filter((f) => {
    const without = [kind, ...flags.filter((g) => g !== f)].join(';');
    return !evaluateWhen(when, { ...ctx, viewItem: without });
  });
}
