import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_MODE_HEADER } from './fake-openai-behavior.ts';
import { type FakeOpenAiServer, startFakeOpenAiServer } from './fake-openai-server.ts';

let server: FakeOpenAiServer;
beforeEach(async () => {
  server = await startFakeOpenAiServer();
});
afterEach(async () => {
  await server.close();
});

function chat(body: Record<string, unknown>, headers: Record<string, string> = {}, signal?: AbortSignal) {
  return fetch(`${server.url}/chat/completions`, {
    method: 'POST',
    headers: { authorization: 'Bearer test', 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ model: 'fake-gpt', messages: [{ role: 'user', content: 'ping' }], ...body }),
    ...(signal ? { signal } : {}),
  });
}

/** The `data:` payloads of an SSE body, in order. */
function dataLines(text: string): string[] {
  return text
    .split('\n\n')
    .filter(Boolean)
    .map((event) => event.replace(/^data: /u, ''));
}

describe('fake OpenAI server', () => {
  it('streams chat.completion.chunk events, a stop chunk, a usage chunk and [DONE]', async () => {
    const response = await chat({ stream: true, stream_options: { include_usage: true } });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const lines = dataLines(await response.text());
    expect(lines.at(-1)).toBe('[DONE]');
    const chunks = lines.slice(0, -1).map((line) => JSON.parse(line));
    expect(chunks.every((c) => c.object === 'chat.completion.chunk')).toBe(true);
    expect(chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('')).toBe('You said: ping');
    expect(chunks.at(-2).choices[0].finish_reason).toBe('stop');
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 1, completion_tokens: 3, total_tokens: 4 } });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.stream_options).toEqual({ include_usage: true });
  });

  it('answers non-streaming requests with a chat.completion body', async () => {
    server.setBehavior({ replyText: 'Fixed reply.' });
    const body = await (await chat({})).json();
    expect(body).toMatchObject({
      object: 'chat.completion',
      choices: [{ message: { content: 'Fixed reply.' }, finish_reason: 'stop' }],
    });
  });

  it('lists its model', async () => {
    const body = await (await fetch(`${server.url}/models`)).json();
    expect(body.data[0].id).toBe('fake-gpt');
  });

  it('requires a bearer token', async () => {
    const response = await fetch(`${server.url}/chat/completions`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(401);
  });

  it('applies failNext to exactly the next N requests, then the global mode again', async () => {
    server.failNext(2, 'http429');
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await chat({})).status);
    expect(statuses).toEqual([429, 429, 200]);
  });

  it('sends retry-after with a 429 and takes a per-request mode from a header', async () => {
    server.setBehavior({ retryAfterSeconds: 4 });
    const limited = await chat({}, { [FAKE_MODE_HEADER]: 'http429' });
    expect(limited.headers.get('retry-after')).toBe('4');
    expect((await limited.json()).error.type).toBe('rate_limit_error');
    expect((await chat({}, { [FAKE_MODE_HEADER]: 'http500' })).status).toBe(500);
    expect((await chat({})).status).toBe(200);
  });

  it('garbageChunk puts a non-JSON data line mid-stream; noFinishReason never sends a finish_reason', async () => {
    server.setBehavior({ mode: 'garbageChunk', replyText: 'one two three four' });
    const garbage = dataLines(await (await chat({ stream: true })).text());
    expect(garbage.filter((line) => line !== '[DONE]' && !line.startsWith('{"id":"'))).toHaveLength(1);
    server.setBehavior({ mode: 'noFinishReason' });
    const noFinish = await (await chat({ stream: true })).text();
    expect(noFinish).not.toContain('"finish_reason":"stop"');
    expect(noFinish.endsWith('data: [DONE]\n\n')).toBe(true);
  });

  it('stallMidStream keeps the connection open after some chunks, and close() still returns', async () => {
    server.setBehavior({ mode: 'stallMidStream', faultAfterChunks: 1, replyText: 'alpha beta gamma' });
    const response = await chat({ stream: true });
    if (!response.body) throw new Error('expected a streamed body');
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let received = '';
    while (!received.includes('alpha')) received += decoder.decode((await reader.read()).value);
    const pending = Promise.race([reader.read().then(() => 'more'), new Promise((r) => setTimeout(() => r('silent'), 100))]);
    expect(await pending).toBe('silent');
    expect(received).not.toContain('beta');
    await server.close();
    await expect(reader.read()).rejects.toThrow();
    server = await startFakeOpenAiServer();
  });

  it('slowFirstByte delays the response headers', async () => {
    server.setBehavior({ mode: 'slowFirstByte', firstByteDelayMs: 150 });
    const started = performance.now();
    const response = await chat({ stream: true });
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(await response.text()).toContain('[DONE]');
  });

  it('honours chunkDelayMs between chunks', async () => {
    server.setBehavior({ chunkDelayMs: 30, replyText: 'a b c d' });
    const started = performance.now();
    await (await chat({ stream: true })).text();
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
  });
});
