// The package ships no types. This declares only what ./vars uses: the parser's output for
// families whose samples carry a plain value (vars.ts hands it no histogram or summary
// families, whose grouped output it does not read).
declare module 'parse-prometheus-text-format' {
  export interface PrometheusSample {
    /** The value as written: `12`, `1.5e+06`, `NaN`, `+Inf`. */
    value?: string;
    labels?: Record<string, string>;
  }

  export interface PrometheusFamily {
    name: string;
    help: string;
    /** `# TYPE` upper-cased: GAUGE, COUNTER, UNTYPED, … */
    type: string;
    metrics: PrometheusSample[];
  }

  /** Throws (InvalidLineError) on a line it cannot read. */
  export default function parsePrometheusTextFormat(text: string): PrometheusFamily[];
}
