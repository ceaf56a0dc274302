// Work a panel can do ahead of the person: the sort orders and search text the
// first click or keystroke would otherwise compute, run in idle time. Tasks are
// short and run several per idle callback: the browser grants one callback per
// idle period (50 ms when nothing happens), so one task per callback would take
// seconds. A click that arrives does not shorten the period's deadline, so the
// run stops as soon as input is waiting (Chromium says so), or after SLICE_MS.

/** Milliseconds of tasks per idle callback at most: the bound where the browser cannot say that input is waiting. */
const SLICE_MS = 15;

interface Scheduling {
  isInputPending?(): boolean;
}

/** Chromium says whether an input event is waiting (navigator.scheduling, not in TypeScript's DOM types). */
function inputPending(): boolean {
  const s = (navigator as Navigator & { scheduling?: Scheduling }).scheduling;
  return s?.isInputPending?.() ?? false;
}

/** Runs `tasks` in order while the page is idle; stops once `wanted()` is false (newer data came). */
export function whileIdle(tasks: Array<() => void>, wanted: () => boolean): void {
  const pending = tasks.slice();
  const step = (deadline: IdleDeadline): void => {
    if (!wanted()) return;
    const start = performance.now();
    do pending.shift()!();
    while (pending.length && deadline.timeRemaining() > 4 && performance.now() - start < SLICE_MS && !inputPending());
    if (pending.length) requestIdleCallback(step);
  };
  if (pending.length) requestIdleCallback(step);
}

/** `run` over `items` in slices of `size`, as tasks for whileIdle. */
export function inSlices<T>(items: readonly T[], size: number, run: (slice: readonly T[]) => void): Array<() => void> {
  const tasks: Array<() => void> = [];
  for (let i = 0; i < items.length; i += size) tasks.push(() => run(items.slice(i, i + size)));
  return tasks;
}
