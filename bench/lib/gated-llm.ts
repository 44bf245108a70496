import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeOpenAiBehavior } from '@miyu/testing/fake-openai/fake-openai-behavior';
import { startFakeOpenAiServer } from '@miyu/testing/fake-openai/fake-openai-server';

/**
 * The fake OpenAI server behind a gate: requests are held until `open()`, so every subscriber is
 * connected before the first token of a reply exists and the whole stream is a live fan-out.
 */
export async function startGatedLlm(behavior: Partial<FakeOpenAiBehavior>) {
  const fake = await startFakeOpenAiServer({ behavior });
  const upstream = new URL(fake.url);
  let release: () => void = () => {};
  let gate = Promise.resolve();
  const server = createServer((req, res) => {
    void gate.then(() => {
      const forward = request(
        { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', () => res.destroy());
      req.pipe(forward);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    /** Hold every later request until open(). */
    close(): void {
      gate = new Promise((resolve) => {
        release = resolve;
      });
    },
    open(): void {
      release();
    },
    async stop(): Promise<void> {
      release();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await fake.close();
    },
  };
}
