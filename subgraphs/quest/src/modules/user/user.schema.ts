import type { Builder } from '../../builder.ts';

/** User is owned by identity; this subgraph adds fields to it. A foreign id resolves to null. */
export function defineUserRef(builder: Builder) {
  return builder
    .externalRef('User', builder.selection<{ id: string }>('id'), (ref, ctx) => (ref.id === ctx.userId ? { id: ref.id } : null))
    .implement({ fields: (t) => ({ id: t.exposeID('id') }) });
}

export type UserRef = ReturnType<typeof defineUserRef>;
