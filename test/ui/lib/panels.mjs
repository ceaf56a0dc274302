// The webview panels as a person sees them: the content frame of a panel once it
// shows something, polling until a condition holds, and "nothing hostile ran".

/** The webview content frame showing `panel` once `ready` (a selector) is in it. */
export async function panelFrame(page, panel, ready) {
  const end = Date.now() + 40_000;
  for (;;) {
    for (const f of page.frames()) {
      try {
        const ok = await f.evaluate(
          ([p, sel]) =>
            document.querySelector('#app')?.getAttribute('data-panel') === p && !!document.querySelector(sel),
          [panel, ready],
        );
        if (ok) return f;
      } catch {
        /* not ready or detached */
      }
    }
    if (Date.now() > end) throw new Error(`the ${panel} panel did not show ${ready}`);
    await page.waitForTimeout(250);
  }
}

export async function until(what, fn, ms = 15_000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** No script ran, no CSP violation was seen, in any frame. */
export async function assertClean(page, where) {
  const bad = [];
  for (const f of page.frames()) {
    try {
      const v = await f.evaluate(() => ({
        xss: typeof window.__xss,
        csp: document.body?.dataset.cspViolations ?? '',
        injected: document.querySelectorAll('img[src="x"], svg[onload], img[onerror]').length,
      }));
      if (v.xss !== 'undefined' || v.csp || v.injected) bad.push(`${f.url().slice(0, 80)} ${JSON.stringify(v)}`);
    } catch {
      /* detached */
    }
  }
  if (bad.length) throw new Error(`${where}: ${bad.join('; ')}`);
}
