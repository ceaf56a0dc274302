// rules/ → AlertingRules. The body is YAML text. Real servers marshal a map
// keyed by group name (`rules/alerts: {rules: [...]}`); a Prometheus rule file
// (`groups: [{name, rules}]`) is accepted too. Invalid YAML throws (→ malformed).
import * as l10n from '@vscode/l10n';
import { parse as parseYaml } from 'yaml';
import type { AlertRule, AlertingRules } from '../models';
import { arr, isObj, obj, str } from './values';
import type { Obj } from './values';

function stringMap(v: unknown): Record<string, string> | undefined {
  if (!isObj(v)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v))
    out[k] = str(val, val === null || val === undefined ? '' : JSON.stringify(val));
  return out;
}

function normalizeRule(group: string, v: Obj): AlertRule | undefined {
  const kind = v.alert !== undefined ? 'alert' : v.record !== undefined ? 'record' : undefined;
  if (!kind) return undefined;
  const rule: AlertRule = { group, name: str(v[kind]), kind, expr: str(v.expr).trim() };
  if (v.for !== undefined && v.for !== null) rule.for = str(v.for);
  const labels = stringMap(v.labels);
  if (labels) rule.labels = labels;
  const annotations = stringMap(v.annotations);
  if (annotations) rule.annotations = annotations;
  return rule;
}

function rulesOfGroup(group: string, v: unknown): AlertRule[] {
  return arr(obj(v).rules)
    .filter(isObj)
    .map((r) => normalizeRule(group, r))
    .filter((r): r is AlertRule => r !== undefined);
}

export function normalizeRules(yamlText: string): AlertingRules {
  const doc: unknown = parseYaml(yamlText);
  if (doc !== null && doc !== undefined && !isObj(doc)) throw new SyntaxError(l10n.t('rules YAML is not a mapping'));
  const root = obj(doc);
  const rules: AlertRule[] = [];
  if (Array.isArray(root.groups)) {
    for (const g of root.groups.filter(isObj)) rules.push(...rulesOfGroup(str(g.name), g));
  } else {
    for (const [group, value] of Object.entries(root)) rules.push(...rulesOfGroup(group, value));
  }
  return { rawYaml: yamlText, rules };
}
