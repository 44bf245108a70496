import type { Principal } from '@miyu/auth/principal';

/** Per-request state the router carries from authentication to subgraph fetches. */
export interface RouterContext {
  principal: Principal;
  requestId: string;
  /** Signs (once, lazily) the internal token subgraphs accept. */
  internalToken: () => Promise<string>;
}
