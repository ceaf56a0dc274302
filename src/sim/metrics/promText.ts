// Prometheus text exposition (format 0.0.4) as prometheus/common expfmt writes it for
// CockroachDB: names with every character outside [a-zA-Z0-9_:] as `_`, values through Go's
// strconv.FormatFloat(v, 'g', -1, 64) — `1.53513984e+08`, not `153513984`.

export interface PromSample {
  /** Suffix after the family name: `_bucket`, `_sum`, `_count`, or ''. */
  suffix?: string;
  labels: [string, string][];
  value: number;
}

export interface PromFamily {
  name: string;
  help: string;
  type: 'counter' | 'gauge' | 'histogram';
  samples: PromSample[];
}

export function promName(metricName: string): string {
  return metricName.replace(/[^a-zA-Z0-9_:]/g, '_');
}

/** Go's shortest 'g': exponent form when the decimal exponent is < -4 or ≥ 6 (strconv's eprec for shortest). */
export function goFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (v === 0) return '0';
  const [mantissa, expText] = v.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  // In this range JavaScript's shortest decimal is Go's %f with shortest digits.
  return String(v);
}

const escapeHelp = (s: string): string => s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
const escapeLabel = (s: string): string => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

export function renderFamilies(families: PromFamily[]): string {
  const lines: string[] = [];
  for (const f of families) {
    lines.push(`# HELP ${f.name} ${escapeHelp(f.help)}`, `# TYPE ${f.name} ${f.type}`);
    for (const s of f.samples) {
      const labels = s.labels.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',');
      lines.push(`${f.name}${s.suffix ?? ''}${labels ? `{${labels}}` : ''} ${goFloat(s.value)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
