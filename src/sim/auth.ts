// Users and web sessions. The token is what CockroachDB sends: std base64 of a
// protobuf SessionCookie{id int64 = 1, secret bytes = 2}, so a garbled token
// fails to decode (400) while a well-formed unknown one fails lookup (401).

import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { SimUser } from './types';

export const SIM_USERS: readonly SimUser[] = [
  { username: 'admin', password: 'cockroach-admin', admin: true },
  { username: 'viewer', password: 'cockroach-viewer', admin: false },
];

/** Listed by `users/` but unable to sign in (no password in the simulator). */
export const OTHER_SQL_USERS = ['root', 'app_user', 'analytics'];

interface StoredSession {
  id: number;
  secret: Buffer;
  username: string;
  admin: boolean;
  expiresAt: number;
  revoked: boolean;
  /** Each virtual cluster keeps its own system.web_sessions: a session is valid only where it was made. */
  tenant: string;
}

export type SessionCheck =
  { ok: true; username: string; admin: boolean } | { ok: false; status: 400 | 401; message: string };

export const SYSTEM_TENANT = 'system';
export const MSG_INVALID_HEADER = 'invalid session header';
export const MSG_NOT_VALIDATED = 'the provided authentication session could not be validated';

export class SessionStore {
  private readonly sessions = new Map<number, StoredSession>();
  private nextId = 1;
  private revokedCount = 0;

  constructor(private ttlSeconds: number) {}

  checkPassword(username: string, password: string): SimUser | undefined {
    // Usernames are normalised (case-folded) by the server.
    const u = SIM_USERS.find((x) => x.username === username.trim().toLowerCase());
    if (!u) return undefined;
    const a = Buffer.from(u.password);
    const b = Buffer.from(password);
    return a.length === b.length && timingSafeEqual(a, b) ? u : undefined;
  }

  create(user: SimUser, tenant = SYSTEM_TENANT): string {
    const id = this.nextId++;
    const secret = randomBytes(16);
    this.sessions.set(id, {
      id,
      secret,
      username: user.username,
      admin: user.admin,
      expiresAt: Date.now() + this.ttlSeconds * 1000,
      revoked: false,
      tenant,
    });
    return encodeCookie(id, secret);
  }

  check(header: string | undefined, tenant = SYSTEM_TENANT): SessionCheck {
    if (header === undefined || header === '') return { ok: false, status: 401, message: MSG_INVALID_HEADER };
    const cookie = decodeCookie(header);
    if (!cookie) return { ok: false, status: 400, message: MSG_INVALID_HEADER };
    const s = this.sessions.get(cookie.id);
    if (!s || s.revoked || s.expiresAt <= Date.now() || !s.secret.equals(cookie.secret) || s.tenant !== tenant) {
      return { ok: false, status: 401, message: MSG_NOT_VALIDATED };
    }
    return { ok: true, username: s.username, admin: s.admin };
  }

  /** Logout: 'bad' = undecodable token, 'unknown' = no such session. */
  revoke(header: string): 'ok' | 'bad' | 'unknown' {
    const cookie = decodeCookie(header);
    if (!cookie) return 'bad';
    const s = this.sessions.get(cookie.id);
    if (!s || !s.secret.equals(cookie.secret) || s.revoked) return 'unknown';
    s.revoked = true;
    this.revokedCount++;
    return 'ok';
  }

  expireAll(): void {
    for (const s of this.sessions.values()) s.expiresAt = 0;
  }

  revoked(): number {
    return this.revokedCount;
  }

  activeCount(): number {
    const now = Date.now();
    let n = 0;
    for (const s of this.sessions.values()) if (!s.revoked && s.expiresAt > now) n++;
    return n;
  }
}

function varint(n: number): number[] {
  const out: number[] = [];
  let x = n;
  while (x >= 0x80) {
    out.push((x & 0x7f) | 0x80);
    x = Math.floor(x / 128);
  }
  out.push(x);
  return out;
}

export function encodeCookie(id: number, secret: Buffer): string {
  return Buffer.from([0x08, ...varint(id), 0x12, secret.length, ...secret]).toString('base64');
}

/** Parses exactly the two fields; anything else is "not a valid protobuf". */
export function decodeCookie(token: string): { id: number; secret: Buffer } | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(token) || token.length % 4 !== 0) return undefined;
  const b = Buffer.from(token, 'base64');
  let i = 0;
  if (b[i++] !== 0x08) return undefined;
  let id = 0;
  let mul = 1;
  for (;;) {
    const byte = b[i++];
    if (byte === undefined || mul > 2 ** 49) return undefined;
    id += (byte & 0x7f) * mul;
    mul *= 128;
    if ((byte & 0x80) === 0) break;
  }
  if (b[i++] !== 0x12) return undefined;
  const len = b[i++];
  if (len === undefined || i + len !== b.length) return undefined;
  return { id, secret: b.subarray(i, i + len) };
}
