// esbuild loads .css files as text (loader `.css: 'text'`); the app injects
// them in a nonce'd <style>, the only kind the CSP allows.
declare module '*.css' {
  const text: string;
  export default text;
}
