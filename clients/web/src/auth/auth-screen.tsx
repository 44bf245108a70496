import { WebSignInDocument, WebSignUpDocument } from '@miyu/sdk/gql/graphql';
import { useState } from 'preact/hooks';
import { describeError, type WebApi } from '../api/web-api.ts';
import type { Session } from './session-store.ts';

/** Sign up or sign in; on success hands the session up. */
export function AuthScreen({ api, onSignedIn }: { api: WebApi; onSignedIn: (session: Session) => void }) {
  const [mode, setMode] = useState<'up' | 'in'>('up');
  const [error, setError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const email = String(form.get('email') ?? '');
    const password = String(form.get('password') ?? '');
    setPending(true);
    setError(undefined);
    try {
      const payload =
        mode === 'up'
          ? (
              await api.request(WebSignUpDocument, {
                input: { email, password, displayName: String(form.get('displayName') ?? '') },
              })
            ).signUp
          : (await api.request(WebSignInDocument, { input: { email, password } })).signIn;
      onSignedIn({
        token: payload.token,
        expiresAt: payload.expiresAt,
        userId: payload.user.id,
        displayName: payload.user.displayName,
      });
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setPending(false);
    }
  };

  return (
    <main class="auth">
      <div class="auth-card">
        <h1 class="brand">MIYU</h1>
        <p class="tagline">An open AI companion who remembers you.</p>
        <h2>{mode === 'up' ? 'Create your account' : 'Welcome back'}</h2>
        <form onSubmit={submit}>
          {mode === 'up' ? (
            <label>
              Display name
              <input name="displayName" autocomplete="nickname" required maxLength={60} />
            </label>
          ) : null}
          <label>
            Email
            <input name="email" type="email" autocomplete="email" required />
          </label>
          <label>
            Password
            <input
              name="password"
              type="password"
              autocomplete={mode === 'up' ? 'new-password' : 'current-password'}
              required
              minLength={8}
            />
          </label>
          {error ? (
            <p class="error" role="alert">
              {error}
            </p>
          ) : null}
          <button type="submit" disabled={pending}>
            {mode === 'up' ? 'Sign up' : 'Sign in'}
          </button>
        </form>
        <p class="switch">
          {mode === 'up' ? 'Already have an account?' : 'New here?'}{' '}
          <button type="button" class="link" onClick={() => setMode(mode === 'up' ? 'in' : 'up')}>
            {mode === 'up' ? 'Sign in instead' : 'Create an account instead'}
          </button>
        </p>
      </div>
    </main>
  );
}
