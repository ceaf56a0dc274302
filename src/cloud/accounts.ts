// CockroachDB Cloud accounts: non-secret metadata (id, organization name, API URL)
// in globalState, the API key in SecretStorage, one CloudClient per account.
import * as crypto from 'node:crypto';
import * as vscode from 'vscode';
import type { CloudClient, CloudClientOptions } from '../api/cloud';
import type { SecretStore } from '../auth/secretStore';
import { config } from '../config/config';

const ACCOUNTS_KEY = 'cockroachdb.cloudAccounts';

/** Read at every request, so a changed setting reaches the cached clients (and the rows holding them). */
const requestTimeout = (): number => config.ms('requestTimeout');

/** The HTTP stack loads on first use, not at activation. */
async function newCloudClient(options: CloudClientOptions): Promise<CloudClient> {
  const { CloudClient } = await import('../api/cloud/client');
  return new CloudClient(options);
}

export interface CloudAccount {
  id: string;
  organization: string;
  apiUrl: string;
}

export class CloudAccounts implements vscode.Disposable {
  private readonly clients = new Map<string, CloudClient>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly state: vscode.Memento,
    private readonly secrets: SecretStore,
  ) {}

  list(): CloudAccount[] {
    return this.state.get<CloudAccount[]>(ACCOUNTS_KEY, []);
  }

  /** Checks the key with the organization call before keeping anything. */
  async add(apiKey: string, apiUrl = config.get('cloud.apiUrl')): Promise<CloudAccount> {
    const client = await newCloudClient({ apiKey, baseUrl: apiUrl, timeoutMs: requestTimeout });
    const org = await client.getOrganization();
    const id = crypto.createHash('sha256').update(`${apiUrl}\n${org.id}\n${apiKey}`).digest('hex').slice(0, 16);
    const account: CloudAccount = { id, organization: org.label || org.name || org.id, apiUrl };
    await this.secrets.storeCloudKey(id, apiKey);
    await this.state.update(ACCOUNTS_KEY, [...this.list().filter((a) => a.id !== id), account]);
    this.clients.set(id, client);
    this.changed.fire();
    return account;
  }

  async remove(id: string): Promise<void> {
    await this.secrets.deleteCloudKey(id);
    await this.state.update(
      ACCOUNTS_KEY,
      this.list().filter((a) => a.id !== id),
    );
    this.clients.delete(id);
    this.changed.fire();
  }

  async client(account: CloudAccount): Promise<CloudClient | undefined> {
    const cached = this.clients.get(account.id);
    if (cached) return cached;
    const apiKey = await this.secrets.loadCloudKey(account.id);
    if (!apiKey) return undefined;
    const client = await newCloudClient({ apiKey, baseUrl: account.apiUrl, timeoutMs: requestTimeout });
    this.clients.set(account.id, client);
    return client;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
