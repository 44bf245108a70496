import { useEffect, useState } from 'preact/hooks';

/** Says what is going on with the connection: offline, reconnecting. */
export function ConnectionBanner({ status }: { status: string | undefined }) {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    addEventListener('online', update);
    addEventListener('offline', update);
    return () => {
      removeEventListener('online', update);
      removeEventListener('offline', update);
    };
  }, []);
  const text = online ? status : 'You are offline. MIYU will reconnect when the network is back.';
  return text ? (
    <p class="banner" role="status">
      {text}
    </p>
  ) : null;
}
