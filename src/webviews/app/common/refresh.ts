// Auto-refresh shared by the panels: fires only while the panel is visible and
// never on top of a load that is still running, so a slow cluster is never asked twice.

export class AutoRefresh {
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly load: () => Promise<void>,
    private readonly busy: () => boolean,
  ) {}

  /** Restarts the timer for the current choice; `enabled: false` stops it. */
  set(enabled: boolean, seconds: number): void {
    clearInterval(this.timer);
    this.timer = undefined;
    if (!enabled || !(seconds > 0)) return;
    this.timer = setInterval(() => {
      if (document.visibilityState === 'visible' && !this.busy()) void this.load();
    }, seconds * 1000);
  }
}
