import type { ServerResponse } from 'node:http';
import type { FakeOpenAiBehavior, FakeOpenAiMode } from './fake-openai-behavior.ts';

export interface CompletionPlan {
  behavior: FakeOpenAiBehavior;
  mode: FakeOpenAiMode;
  text: string;
  includeUsage: boolean;
  promptTokens: number;
  /** Resolves after `ms`, or with false if the response was closed meanwhile. */
  wait: (ms: number) => Promise<boolean>;
}

/** Word-sized pieces, each with its trailing whitespace, like tokens from a real model. */
export function splitIntoPieces(text: string): string[] {
  return text.match(/\S+\s*|\s+/gu) ?? [];
}

function chunkJson(plan: CompletionPlan, id: string, created: number, choices: unknown[], usage?: unknown): string {
  const body = { id, object: 'chat.completion.chunk', created, model: plan.behavior.model, choices, ...(usage ? { usage } : {}) };
  return `data: ${JSON.stringify(body)}\n\n`;
}

/** Writes the SSE protocol of `POST /v1/chat/completions` with `stream: true`, faults included. */
export async function writeCompletionStream(res: ServerResponse, plan: CompletionPlan): Promise<void> {
  const { behavior, mode } = plan;
  const id = `chatcmpl-fake-${Date.now().toString(36)}`;
  const created = Math.floor(Date.now() / 1000);
  const choice = (delta: object, finishReason: string | null) => ({
    index: 0,
    delta,
    logprobs: null,
    finish_reason: finishReason,
  });
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  res.write(chunkJson(plan, id, created, [choice({ role: 'assistant', content: '' }, null)]));
  const pieces = splitIntoPieces(plan.text);
  for (const [index, piece] of pieces.entries()) {
    if (index === behavior.faultAfterChunks) {
      // Headers and some chunks are out; the socket stays open and silent until the client gives up.
      if (mode === 'stallMidStream') return;
      if (mode === 'garbageChunk') res.write('data: {"id": this is not json\n\n');
    }
    if (behavior.chunkDelayMs > 0 && !(await plan.wait(behavior.chunkDelayMs))) return;
    if (res.destroyed) return;
    res.write(chunkJson(plan, id, created, [choice({ content: piece }, null)]));
  }
  if (mode === 'stallMidStream') return;
  if (mode === 'garbageChunk' && pieces.length <= behavior.faultAfterChunks) res.write('data: not json\n\n');
  if (mode !== 'noFinishReason') res.write(chunkJson(plan, id, created, [choice({}, 'stop')]));
  if (plan.includeUsage) {
    const usage = {
      prompt_tokens: plan.promptTokens,
      completion_tokens: pieces.length,
      total_tokens: plan.promptTokens + pieces.length,
    };
    res.write(chunkJson(plan, id, created, [], usage));
  }
  res.end('data: [DONE]\n\n');
}

/** The non-streaming variant: one `chat.completion` JSON body. */
export function writeCompletionJson(res: ServerResponse, plan: CompletionPlan): void {
  const completionTokens = splitIntoPieces(plan.text).length;
  if (plan.mode === 'garbageChunk') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"id": this is not json');
    return;
  }
  const body = {
    id: `chatcmpl-fake-${Date.now().toString(36)}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: plan.behavior.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: plan.text, refusal: null },
        logprobs: null,
        finish_reason: plan.mode === 'noFinishReason' ? null : 'stop',
      },
    ],
    usage: {
      prompt_tokens: plan.promptTokens,
      completion_tokens: completionTokens,
      total_tokens: plan.promptTokens + completionTokens,
    },
  };
  const json = JSON.stringify(body);
  if (plan.mode === 'stallMidStream') {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(json)) });
    res.write(json.slice(0, Math.floor(json.length / 2)));
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' }).end(json);
}
