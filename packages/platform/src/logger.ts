import { pino, type Logger } from 'pino';
import { traceIds } from './tracing/trace-ids.ts';

export type { Logger };

export interface LoggerOptions {
  /** Service name, added to every line as `service`. */
  service: string;
  /** pino level; `silent` turns logging off (tests). */
  level: string;
}

/** JSON logs (pino); request ids are child bindings, trace and span ids of the active span come from the mixin. */
export function createLogger(options: LoggerOptions): Logger {
  return pino({
    level: options.level,
    base: { service: options.service },
    mixin: () => traceIds(),
    redact: { paths: ['req.headers.authorization', 'req.headers["x-miyu-internal"]', '*.password', '*.secret'], remove: true },
  });
}
