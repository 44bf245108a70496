import type { IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { isRefused, type Rotation, type Upstream } from './upstream-rotation.ts';

const BAD_GATEWAY = 'HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\nconnection: close\r\n\r\n';

/**
 * Tunnels an HTTP upgrade (graphql-ws from the router's subscription lane) to one replica:
 * replays the request head on a raw socket and pipes bytes both ways.
 */
export function createUpgradeHandler(upstreams: Upstream[], rotation: Rotation, open: Set<Duplex>) {
  return (req: IncomingMessage, client: Duplex, head: Buffer): void => {
    const order = rotation.next();
    let upstream: Socket | undefined;
    client.on('error', () => upstream?.destroy());

    const attempt = (position: number): void => {
      const index = order[position];
      const target = index === undefined ? undefined : upstreams[index];
      if (index === undefined || !target) {
        client.end(BAD_GATEWAY);
        return;
      }
      const socket = connect(target.port, target.host);
      upstream = socket;
      let connected = false;
      socket.on('error', (error) => {
        if (!connected && isRefused(error)) {
          rotation.markDown(index);
          attempt(position + 1);
        } else client.destroy();
      });
      socket.once('connect', () => {
        connected = true;
        rotation.markUp(index);
        open.add(socket).add(client);
        socket.once('close', () => {
          open.delete(socket);
          open.delete(client);
          client.destroy();
        });
        client.once('close', () => socket.destroy());
        // Sockets of an http server are half-open: end the tunnel as soon as either side ends.
        client.once('end', () => socket.end());
        socket.once('end', () => client.end());
        socket.write(requestHead(req));
        if (head.length > 0) socket.write(head);
        socket.pipe(client);
        client.pipe(socket);
      });
    };
    attempt(0);
  };
}

function requestHead(req: IncomingMessage): string {
  const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
  for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}
