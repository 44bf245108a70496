import { useEffect, useMemo, useState } from 'preact/hooks';
import { createWebApi } from './api/web-api.ts';
import { AuthScreen } from './auth/auth-screen.tsx';
import { loadSession, type Session, saveSession } from './auth/session-store.ts';
import { Shell } from './shell.tsx';

/** Signed out: the sign-up/sign-in screen; signed in: the shell. An ended session leads back here. */
export function App() {
  const [session, setSession] = useState<Session | undefined>(() => loadSession(localStorage));
  const [notice, setNotice] = useState<string | undefined>();
  const signOut = (reason?: string) => {
    saveSession(localStorage, undefined);
    setSession(undefined);
    setNotice(reason);
  };
  const api = useMemo(
    () => createWebApi(session?.token, () => signOut('Your session has ended. Please sign in again.')),
    [session?.token],
  );
  useEffect(() => () => void api.close(), [api]);
  useEffect(() => {
    if (!session) return;
    // an expired token leads back to sign-in even when the tab stays open
    const timer = setTimeout(
      () => signOut('Your session has ended. Please sign in again.'),
      Math.min(2 ** 31 - 1, Date.parse(session.expiresAt) - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [session]);

  if (!session) {
    return (
      <>
        {notice ? (
          <p class="banner" role="status">
            {notice}
          </p>
        ) : null}
        <AuthScreen
          api={api}
          onSignedIn={(next) => {
            saveSession(localStorage, next);
            setNotice(undefined);
            setSession(next);
          }}
        />
      </>
    );
  }
  return <Shell api={api} session={session} onSignOut={() => signOut()} />;
}
