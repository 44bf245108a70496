/** The secret of the `name` entry of a SERVICE_CREDENTIALS list (`name:secret,…`), if there is one. */
export function serviceSecretFrom(credentials: string, name: string): string | undefined {
  const entry = credentials
    .split(',')
    .map((pair) => pair.trim())
    .find((pair) => pair.startsWith(`${name}:`));
  return entry?.slice(name.length + 1);
}

/** True when the list holds a `name:<secret>` entry of at least `minLength` characters. */
export function hasServiceSecret(credentials: string, name: string, minLength = 32): boolean {
  const secret = serviceSecretFrom(credentials, name) ?? '';
  return secret.length >= minLength && !/\s/u.test(secret);
}
