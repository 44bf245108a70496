/** The signed-in session, kept in localStorage so it survives a reload (see README: why that is safe enough). */
export interface Session {
  token: string;
  expiresAt: string;
  userId: string;
  displayName: string;
}

const KEY = 'miyu.session';

export function loadSession(storage: Storage, now = Date.now()): Session | undefined {
  try {
    const session = JSON.parse(storage.getItem(KEY) ?? 'null') as Session | null;
    if (!session?.token || Date.parse(session.expiresAt) <= now) return undefined;
    return session;
  } catch {
    return undefined;
  }
}

export function saveSession(storage: Storage, session: Session | undefined): void {
  if (session) storage.setItem(KEY, JSON.stringify(session));
  else storage.removeItem(KEY);
}
