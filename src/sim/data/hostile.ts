// Strings that must only ever be rendered as text. The simulator plants them in
// SQL text, application names, user names, table names and event info, so any
// screen that builds HTML from cluster data is tested against them. Tests
// elsewhere can look for these exact strings (and for `window.__xss`).

export const XSS_SCRIPT = '<script>window.__xss=1</script>';
export const XSS_IMG = '<img src=x onerror="window.__xss=1">';
export const XSS_SVG = '</textarea><svg onload="window.__xss=1">';
export const QUOTES = `it's a "quoted" \\ 'name'`;
export const BACKTICKS = '`rm -rf /` ${window.__xss=1}';
export const TEMPLATE = "{{constructor.constructor('window.__xss=1')()}}";
/** U+202E flips the rest of the line; Arabic and Hebrew are right-to-left scripts. */
export const RTL = '\u202Etxt.exe مرحبا שלום';
export const EMOJI = '🪳🔥 crdb 👩‍💻 ñ 漢字';
export const JS_URL = 'javascript:window.__xss=1';

export const HOSTILE_STRINGS: readonly string[] = [
  XSS_SCRIPT,
  XSS_IMG,
  XSS_SVG,
  QUOTES,
  BACKTICKS,
  TEMPLATE,
  RTL,
  EMOJI,
  JS_URL,
];

/** SQL user names of the listing only (nobody can sign in with them). */
export const HOSTILE_USERNAMES: readonly string[] = [XSS_SCRIPT, `o'brien "the" dba`, EMOJI];

export const HOSTILE_APP_NAMES: readonly string[] = [XSS_IMG, TEMPLATE, RTL, BACKTICKS];
