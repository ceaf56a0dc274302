// Work a panel can do ahead of the person: the sort orders and search text the
// first click or keystroke would otherwise compute. Run in idle time, a short
// task at a time, so that a click arriving meanwhile waits for one task at most.

/** Runs `tasks` in order while the page is idle; stops once `wanted()` is false (newer data came). */
export function whileIdle(tasks: Array<() => void>, wanted: () => boolean): void {
  const pending = tasks.slice();
  const step = (deadline: IdleDeadline): void => {
    if (!wanted()) return;
    while (pending.length && deadline.timeRemaining() > 4) pending.shift()!();
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
