// Which layer of a setting counts. In an untrusted workspace only the user's own
// value (or the default) is read: a repository's .vscode/settings.json must not be
// able to point the explorer at a host or change its TLS settings. No vscode import.

export interface InspectedSetting<T> {
  defaultValue?: T;
  globalValue?: T;
  workspaceValue?: T;
  workspaceFolderValue?: T;
}

export function pickTrusted<T>(inspected: InspectedSetting<T> | undefined, trusted: boolean, fallback: T): T {
  if (!inspected) return fallback;
  if (trusted) return inspected.workspaceFolderValue ?? inspected.workspaceValue ?? inspected.globalValue ?? inspected.defaultValue ?? fallback;
  return inspected.globalValue ?? inspected.defaultValue ?? fallback;
}
