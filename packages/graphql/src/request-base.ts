import type { Principal } from '@miyu/auth/principal';

/** What every resolver context starts from; subgraphs add their EntityManager and loaders. */
export interface RequestBase {
  principal: Principal;
  requestId: string;
}
