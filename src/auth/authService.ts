// Signing in and out of self-hosted (and Cloud ADVANCED) clusters. Tokens live in
// SecretStorage keyed by the cluster origin; a password is kept only when the user
// opts in to automatic re-sign-in. When many requests fail with 401 at once, the
// user sees one prompt per cluster and every waiting request gets its answer.
import * as vscode from 'vscode';
import type { ClusterHandle } from '../clusters/handle';
import { isApiError } from '../api/http/errors';
import type { Ui } from '../ui/ui';
import type { ScopedLogger } from '../util/logger';
import type { SecretStore } from './secretStore';

/** A re-sign-in prompt nobody answers must not keep requests waiting forever. */
const RENEW_PROMPT_LIMIT_MS = 5 * 60_000;

export class AuthService implements vscode.Disposable {
  private readonly renewing = new Map<string, Promise<string | undefined>>();
  private readonly demanded = new Set<string>();
  /** Bumped by sign-out, so that a silent re-sign-in already under way does not undo it. */
  private readonly signOuts = new Map<string, number>();
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the cluster id whenever its sign-in state changes. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly secrets: SecretStore,
    private readonly log: ScopedLogger,
    private readonly ui: Ui,
  ) {}

  token(clusterId: string): string | undefined {
    return this.secrets.cachedToken(clusterId);
  }

  async isSignedIn(clusterId: string): Promise<boolean> {
    return (await this.secrets.loadToken(clusterId)) !== undefined;
  }

  /**
   * Whether the cluster has answered 401 since activation. Plain-http clusters usually serve
   * everything without a session, but insecure ones before v22.1.11 still demand one.
   */
  demandsSession(clusterId: string): boolean {
    return this.demanded.has(clusterId);
  }

  /** Asks for user and password, signs in, and keeps the token. Resolves false if cancelled. */
  async signIn(target: ClusterHandle, defaults: { username?: string } = {}): Promise<boolean> {
    const stored = await this.secrets.loadCredentials(target.id);
    const username = await this.ui.input({
      title: vscode.l10n.t('Sign in to {0}', target.name),
      prompt: vscode.l10n.t(
        'SQL user (needs the admin role or the VIEWCLUSTERMETADATA privilege for nodes, ranges and sessions)',
      ),
      value: defaults.username ?? stored?.username ?? '',
      validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Enter a SQL user name')),
    });
    if (username === undefined) return false;
    const password = await this.ui.input({
      title: vscode.l10n.t('Sign in to {0} as {1}', target.name, username.trim()),
      prompt: vscode.l10n.t('Password'),
      password: true,
      validateInput: (v) => (v ? undefined : vscode.l10n.t('Enter the password')),
    });
    if (password === undefined) return false;
    const remember = await this.ui.pick(
      [
        { label: vscode.l10n.t("Don't remember the password"), remember: false },
        { label: vscode.l10n.t('Remember the password for automatic re-sign-in'), remember: true },
      ],
      {
        title: vscode.l10n.t('Sign in to {0}', target.name),
        placeHolder: vscode.l10n.t('Keep the password in VS Code secret storage?'),
      },
    );
    if (remember === undefined) return false;
    const token = await this.ui.progress(
      vscode.l10n.t('Signing in to {0}…', target.name),
      (signal) => target.client.login(username.trim(), password, { signal }),
      { cancellable: true },
    );
    await this.secrets.storeToken(target.id, token);
    if (remember.remember) await this.secrets.storeCredentials(target.id, { username: username.trim(), password });
    else await this.secrets.deleteCredentials(target.id);
    this.log.info(`signed in to ${target.name} as ${username.trim()}`);
    this.changed.fire(target.id);
    return true;
  }

  /** Revokes the session on the server (logout/) and forgets the token and password. */
  async signOut(target: ClusterHandle): Promise<void> {
    this.signOuts.set(target.id, (this.signOuts.get(target.id) ?? 0) + 1);
    await this.secrets.loadToken(target.id);
    try {
      if (this.secrets.cachedToken(target.id)) await target.client.logout();
    } catch (e) {
      // Signing out locally must work even when the cluster is unreachable.
      this.log.warn(
        `logout on ${target.name} failed; the local session is removed anyway (${e instanceof Error ? e.message : String(e)})`,
      );
    } finally {
      await this.secrets.deleteToken(target.id);
      await this.secrets.deleteCredentials(target.id);
      this.changed.fire(target.id);
    }
    this.log.info(`signed out of ${target.name}`);
  }

  /**
   * Called by the client on 401. Concurrent callers share one attempt: a silent sign-in
   * with the stored password when the user opted in, else one prompt.
   */
  renew(target: ClusterHandle, failedToken?: string): Promise<string | undefined> {
    this.demanded.add(target.id);
    // Signed in (again) since the failed request was sent: use that session, ask nothing.
    const current = this.secrets.cachedToken(target.id);
    if (current && current !== failedToken) return Promise.resolve(current);
    let pending = this.renewing.get(target.id);
    if (!pending) {
      pending = this.doRenew(target).finally(() => this.renewing.delete(target.id));
      this.renewing.set(target.id, pending);
    }
    return pending;
  }

  private async doRenew(target: ClusterHandle): Promise<string | undefined> {
    const expired = this.secrets.cachedToken(target.id);
    if (expired) await this.secrets.deleteToken(target.id);
    const creds = await this.secrets.loadCredentials(target.id);
    const epoch = this.signOuts.get(target.id) ?? 0;
    if (creds) {
      try {
        const token = await target.client.login(creds.username, creds.password);
        if ((this.signOuts.get(target.id) ?? 0) !== epoch) return undefined;
        await this.secrets.storeToken(target.id, token);
        this.log.info(`signed in to ${target.name} again with the stored password`);
        this.changed.fire(target.id);
        return token;
      } catch (e) {
        this.log.warn(`automatic sign-in to ${target.name} failed: ${e instanceof Error ? e.message : String(e)}`);
        if (isApiError(e, 'unauthorized')) await this.secrets.deleteCredentials(target.id);
      }
    }
    this.changed.fire(target.id);
    const message = expired
      ? vscode.l10n.t('Your session on {0} has expired.', target.name)
      : vscode.l10n.t('{0} needs you to sign in.', target.name);
    const signIn = vscode.l10n.t('Sign In');
    // Signing in another way (the tree's row, the palette) while the prompt is open
    // also answers the waiting requests.
    let signedInElsewhere: vscode.Disposable | undefined;
    let timer: NodeJS.Timeout | undefined;
    const choice = await Promise.race([
      this.ui.warn(message, signIn),
      new Promise<string>((resolve) => {
        signedInElsewhere = this.onDidChange(
          (id) => id === target.id && this.secrets.cachedToken(id) && resolve('signedIn'),
        );
      }),
      new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), RENEW_PROMPT_LIMIT_MS);
      }),
    ]).finally(() => {
      signedInElsewhere?.dispose();
      clearTimeout(timer);
    });
    if (choice === 'signedIn') return this.secrets.cachedToken(target.id);
    if (choice !== signIn) return undefined;
    try {
      if (!(await this.signIn(target, creds ? { username: creds.username } : {}))) return undefined;
    } catch (e) {
      this.log.error(`sign-in to ${target.name} failed`, e);
      void this.ui.error(
        vscode.l10n.t('Sign-in to {0} failed: {1}', target.name, e instanceof Error ? e.message : String(e)),
      );
      return undefined;
    }
    return this.secrets.cachedToken(target.id);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
