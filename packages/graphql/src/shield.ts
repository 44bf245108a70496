import { createRequire } from 'node:module';
import type * as Shield from 'graphql-shield';
import type * as Middleware from 'graphql-middleware';

/**
 * graphql-shield 7.6.5's ESM build imports `isUndefined` from `util`, which Node >= 23 removed.
 * Its CommonJS build reads the same function off `require('util')` at call time, so we restore
 * that one function and load the CommonJS builds of shield and graphql-middleware (docs/toolchain.md).
 */
export function loadShield(): typeof Shield & Pick<typeof Middleware, 'applyMiddleware'> {
  const require = createRequire(import.meta.url);
  const util = require('node:util') as Record<string, unknown>;
  util.isUndefined ??= (value: unknown) => value === undefined;
  const shield = require('graphql-shield') as typeof Shield;
  const middleware = require('graphql-middleware') as typeof Middleware;
  return { ...shield, applyMiddleware: middleware.applyMiddleware };
}
