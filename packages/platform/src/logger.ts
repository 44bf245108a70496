import { pino, type Logger } from 'pino';

export type { Logger };

export interface LoggerOptions {
  /** Service name, added to every line as `service`. */
  service: string;
  /** pino level; `silent` turns logging off (tests). */
  level: string;
}

/** JSON logs (pino); request and trace ids are added by the servers as child bindings. */
export function createLogger(options: LoggerOptions): Logger {
  return pino({
    level: options.level,
    base: { service: options.service },
    redact: { paths: ['req.headers.authorization', 'req.headers["x-miyu-internal"]', '*.password', '*.secret'], remove: true },
  });
}
