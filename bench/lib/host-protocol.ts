/** Messages between the fan-out bench and its subgraph host child (over the IPC channel). */
export interface HostStart {
  type: 'start';
  internalTokenSecret: string;
  pipelineSecret: string;
  llmBaseUrl: string;
  logLevel: string;
  databaseUrl: string | undefined;
}

export interface HostRouter {
  type: 'router';
  url: string;
}

export type ToHost = HostStart | HostRouter | { type: 'stop' };

export type FromHost = { type: 'ready'; urls: Record<string, string> } | { type: 'failed'; error: string } | { type: 'stopped' };
