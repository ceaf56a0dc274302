// The only place secrets are kept: VS Code's SecretStorage. Session tokens and
// (when the user opts in) passwords are keyed by the cluster's normalised origin;
// Cloud API keys by the account id. Values are never logged: each is registered
// with the redactor as soon as it is read or written.
import type * as vscode from 'vscode';
import { addSecret, forgetSecret } from '../util/redact';

const sessionKey = (origin: string) => `cockroachdb.session:${origin}`;
const passwordKey = (origin: string) => `cockroachdb.password:${origin}`;
const cloudKey = (accountId: string) => `cockroachdb.cloudKey:${accountId}`;

export interface StoredCredentials {
  username: string;
  password: string;
}

export class SecretStore {
  /** Tokens read so far; the client asks for them synchronously on every request. */
  private readonly tokens = new Map<string, string>();

  constructor(private readonly secrets: vscode.SecretStorage) {}

  cachedToken(origin: string): string | undefined {
    return this.tokens.get(origin);
  }

  async loadToken(origin: string): Promise<string | undefined> {
    if (this.tokens.has(origin)) return this.tokens.get(origin);
    const token = await this.secrets.get(sessionKey(origin));
    if (token) {
      addSecret(token);
      this.tokens.set(origin, token);
    }
    return token;
  }

  async storeToken(origin: string, token: string): Promise<void> {
    addSecret(token);
    this.tokens.set(origin, token);
    await this.secrets.store(sessionKey(origin), token);
  }

  async deleteToken(origin: string): Promise<void> {
    forgetSecret(this.tokens.get(origin));
    this.tokens.delete(origin);
    await this.secrets.delete(sessionKey(origin));
  }

  async loadCredentials(origin: string): Promise<StoredCredentials | undefined> {
    const raw = await this.secrets.get(passwordKey(origin));
    if (!raw) return undefined;
    try {
      const parsed = JSON.parse(raw) as Partial<StoredCredentials>;
      if (typeof parsed.username !== 'string' || typeof parsed.password !== 'string') return undefined;
      addSecret(parsed.password);
      return { username: parsed.username, password: parsed.password };
    } catch {
      return undefined;
    }
  }

  async storeCredentials(origin: string, creds: StoredCredentials): Promise<void> {
    addSecret(creds.password);
    await this.secrets.store(passwordKey(origin), JSON.stringify(creds));
  }

  async deleteCredentials(origin: string): Promise<void> {
    await this.secrets.delete(passwordKey(origin));
  }

  async loadCloudKey(accountId: string): Promise<string | undefined> {
    const key = await this.secrets.get(cloudKey(accountId));
    addSecret(key);
    return key;
  }

  async storeCloudKey(accountId: string, key: string): Promise<void> {
    addSecret(key);
    await this.secrets.store(cloudKey(accountId), key);
  }

  async deleteCloudKey(accountId: string): Promise<void> {
    await this.secrets.delete(cloudKey(accountId));
  }
}
