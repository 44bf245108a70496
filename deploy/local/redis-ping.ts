import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';

/** RESP array encoding of one command. */
function command(...parts: string[]): string {
  return `*${parts.length}\r\n${parts.map((part) => `$${Buffer.byteLength(part)}\r\n${part}\r\n`).join('')}`;
}

/**
 * Checks that Redis answers PING (after AUTH when the URL carries credentials) over a raw
 * socket, so the launcher fails with one clear line instead of every service retrying.
 */
export function pingRedis(url: string, timeoutMs = 3_000): Promise<void> {
  const parsed = new URL(url);
  const host = parsed.hostname || '127.0.0.1';
  const port = Number(parsed.port || 6379);
  const where = `Redis at ${host}:${port}`;
  return new Promise((resolve, reject) => {
    const socket: Socket = parsed.protocol === 'rediss:' ? connectTls({ host, port, servername: host }) : connectTcp(port, host);
    let received = '';
    const fail = (reason: string) => {
      socket.destroy();
      reject(new Error(`${where} did not answer PING (${reason}). Start it or set REDIS_URL.`));
    };
    socket.setTimeout(timeoutMs, () => fail('timeout'));
    socket.once('error', (error: NodeJS.ErrnoException) => fail(error.code ?? error.message));
    socket.once(parsed.protocol === 'rediss:' ? 'secureConnect' : 'connect', () => {
      const user = decodeURIComponent(parsed.username);
      const password = decodeURIComponent(parsed.password);
      const auth = password ? (user ? command('AUTH', user, password) : command('AUTH', password)) : '';
      socket.write(`${auth}${command('PING')}`);
    });
    socket.on('data', (data: Buffer) => {
      received += data.toString('utf8');
      const error = received.split('\r\n').find((line) => line.startsWith('-'));
      if (error) return fail(error.slice(1).split(' ')[0] ?? 'error');
      if (received.includes('+PONG\r\n')) {
        socket.end();
        resolve();
      }
    });
  });
}
