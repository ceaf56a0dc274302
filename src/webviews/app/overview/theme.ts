// Chart colours from the VS Code theme. A canvas cannot use CSS variables, so the
// values are read from the computed style when a chart draws (uPlot calls the stroke
// functions on every draw) and re-read when the theme changes: VS Code swaps the body
// class (vscode-light / vscode-dark / vscode-high-contrast) and the theme attributes,
// and rewrites the variables on <html>.

export interface ChartTheme {
  /** Series colours, in order; per-node charts cycle them. */
  palette: string[];
  foreground: string;
  muted: string;
  grid: string;
  threshold: string;
  background: string;
  font: string;
  highContrast: boolean;
}

/** Theme variable and a fallback for a page without it (the benchmark's, an older VS Code). */
const PALETTE_VARS: ReadonlyArray<[string, string]> = [
  ['--vscode-charts-blue', '#3794ff'],
  ['--vscode-charts-orange', '#d18616'],
  ['--vscode-charts-green', '#89d185'],
  ['--vscode-charts-purple', '#b180d7'],
  ['--vscode-charts-yellow', '#cca700'],
  ['--vscode-terminal-ansiCyan', '#11a8cd'],
  ['--vscode-terminal-ansiBrightMagenta', '#d670d6'],
  ['--vscode-terminal-ansiBrightGreen', '#23d18b'],
  ['--vscode-charts-red', '#f14c4c'],
  ['--vscode-terminal-ansiBrightBlue', '#3b8eea'],
];

let cached: ChartTheme | undefined;

function read(style: CSSStyleDeclaration, name: string, fallback: string): string {
  return style.getPropertyValue(name).trim() || fallback;
}

export function chartTheme(): ChartTheme {
  if (cached) return cached;
  const s = getComputedStyle(document.body);
  const family = read(s, '--vscode-font-family', 'system-ui, sans-serif'); // l10n-ignore: CSS font family
  cached = {
    palette: PALETTE_VARS.map(([v, f]) => read(s, v, f)),
    foreground: read(s, '--vscode-foreground', '#cccccc'),
    muted: read(s, '--vscode-descriptionForeground', '#9d9d9d'),
    grid: read(s, '--vscode-editorWidget-border', read(s, '--vscode-panel-border', '#80808040')),
    threshold: read(s, '--vscode-editorWarning-foreground', '#cca700'),
    background: read(s, '--vscode-editor-background', '#1e1e1e'),
    font: `11px ${family}`,
    highContrast: document.body.classList.contains('vscode-high-contrast'),
  };
  return cached;
}

/** The colour of series `i` (0-based): past the palette's end the colours repeat, dashed. */
export function seriesColor(i: number): string {
  const p = chartTheme().palette;
  return p[i % p.length]!;
}

export function seriesDash(i: number): number[] | undefined {
  return i >= chartTheme().palette.length ? [6, 3] : undefined;
}

/** Calls `onChange` after the theme changed (the cached colours are dropped first). */
export function watchTheme(onChange: () => void): void {
  let last = themeKey();
  const check = () => {
    const key = themeKey();
    if (key === last) return;
    last = key;
    cached = undefined;
    onChange();
  };
  const obs = new MutationObserver(check);
  obs.observe(document.body, {
    attributes: true,
    attributeFilter: ['class', 'data-vscode-theme-id', 'data-vscode-theme-kind', 'data-vscode-theme-name'],
  });
  // Switching between two dark themes keeps the class; the variables on <html> change.
  obs.observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });
}

function themeKey(): string {
  const b = document.body;
  return [
    b.className,
    b.dataset.vscodeThemeId ?? '',
    b.dataset.vscodeThemeName ?? '',
    document.documentElement.getAttribute('style') ?? '',
  ].join('|');
}
