import type { Server } from 'node:http';
import { INTERNAL_TOKEN_HEADER, type InternalTokens } from '@miyu/auth/internal-token';
import type { Principal } from '@miyu/auth/principal';
import type { Logger } from '@miyu/platform/logger';
import { extractTraceContext } from '@miyu/platform/tracing/propagation';
import { contextWithSpan, type Span, SpanKind, startSpan } from '@miyu/platform/tracing/spans';
import { context } from '@opentelemetry/api';
import { randomUUID } from 'node:crypto';
import type { ExecutionArgs } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { YogaServerInstance } from 'graphql-yoga';
import { WebSocketServer } from 'ws';
import type { RequestBase } from './request-base.ts';

interface WsOptions {
  server: Server;
  yoga: YogaServerInstance<RequestBase, object>;
  internalTokens: InternalTokens;
  logger: Logger;
}

/**
 * graphql-ws on the subgraph's port. The upgrade must carry the internal token (only the router
 * connects here); each operation may carry its own token in `extensions` because the router
 * multiplexes many users' subscriptions over one upstream socket.
 */
export function attachGraphqlWs({ server, yoga, internalTokens, logger }: WsOptions) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    void (async () => {
      const path = (req.url ?? '').split('?')[0];
      const header = req.headers[INTERNAL_TOKEN_HEADER];
      const principal = await internalTokens.verify(Array.isArray(header) ? header[0] : header);
      if (path !== '/graphql' || !principal) {
        socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
        return;
      }
      wss.handleUpgrade(req, socket, head, (client) => {
        (client as unknown as { principal: Principal }).principal = principal;
        wss.emit('connection', client, req);
      });
    })();
  });

  // one server span per operation, continuing the traceparent the router put in its extensions
  const spans = new WeakMap<object, Map<string, Span>>();
  const endSpan = (ctx: object, id: string) => {
    spans.get(ctx)?.get(id)?.end();
    spans.get(ctx)?.delete(id);
  };
  const underSpan = (args: ExecutionArgs, run: () => unknown) => {
    const span = (args.rootValue as { span?: Span }).span;
    return span ? context.with(contextWithSpan(span), run) : run();
  };
  const disposable = useServer(
    {
      execute: (args) =>
        underSpan(args, () => (args.rootValue as { execute: (a: ExecutionArgs) => unknown }).execute(args)) as never,
      subscribe: (args) =>
        underSpan(args, () => (args.rootValue as { subscribe: (a: ExecutionArgs) => unknown }).subscribe(args)) as never,
      onComplete: (ctx, id) => endSpan(ctx, id),
      onClose: (ctx) => {
        for (const span of spans.get(ctx)?.values() ?? []) span.end();
        spans.delete(ctx);
      },
      onSubscribe: async (ctx, id, params) => {
        const connectionPrincipal = (ctx.extra.socket as unknown as { principal: Principal }).principal;
        const operationToken = params.extensions?.[INTERNAL_TOKEN_HEADER];
        const principal = typeof operationToken === 'string' ? await internalTokens.verify(operationToken) : connectionPrincipal;
        if (!principal)
          return [new (await import('graphql')).GraphQLError('Unauthorized.', { extensions: { code: 'UNAUTHENTICATED' } })];
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params,
          principal,
          requestId: randomUUID(),
        });
        const document = parse(params.query);
        const errors = validate(schema, document);
        if (errors.length > 0) return errors;
        const span = startSpan(`subscription ${params.operationName ?? 'anonymous'}`, {
          kind: SpanKind.SERVER,
          parent: extractTraceContext(params.extensions),
        });
        if (span.isRecording()) {
          const open = spans.get(ctx) ?? new Map<string, Span>();
          open.set(id, span);
          spans.set(ctx, open);
        }
        return {
          schema,
          operationName: params.operationName,
          document,
          variableValues: params.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe, span: span.isRecording() ? span : undefined },
        };
      },
    },
    wss,
  );
  logger.debug('graphql-ws attached');
  return {
    async close() {
      await disposable.dispose();
    },
  };
}
