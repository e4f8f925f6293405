import type { PurposeOfAccess, Role } from "@ffd/shared/access";
import { purposesFor } from "@ffd/shared/policy";

/**
 * Who is signed in, kept in sessionStorage: it lasts as long as the browser tab, is not shared
 * with other tabs and is gone when the tab closes. The token is a development token from the
 * gateway (POST /auth/dev-token), or in production the OpenID Connect issuer's access token
 * (src/auth/oidc.ts); the purpose of access is sent with every request.
 */
export interface Session {
  token: string;
  role: Role;
  purpose: PurposeOfAccess;
}

const KEY = "ffd.session";

export function loadSession(storage: Storage = sessionStorage): Session | null {
  try {
    const raw = storage.getItem(KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Partial<Session>;
    if (typeof s.token !== "string" || typeof s.role !== "string" || typeof s.purpose !== "string") return null;
    return s as Session;
  } catch {
    return null;
  }
}

export function saveSession(session: Session, storage: Storage = sessionStorage): void {
  storage.setItem(KEY, JSON.stringify(session));
}

export function clearSession(storage: Storage = sessionStorage): void {
  storage.removeItem(KEY);
}

/** The purpose a role starts with: its first allowed purpose, in the policy's order. */
export function defaultPurpose(role: Role): PurposeOfAccess {
  return purposesFor(role)[0];
}
