import type { Builder } from '../../builder.ts';
import { PLATFORMS, type PlatformIdentityRow, type UserRow } from './user.entity.ts';

export function defineUserTypes(builder: Builder) {
  const PlatformEnum = builder.enumType('Platform', { values: PLATFORMS });

  const PlatformIdentityRef = builder.objectRef<PlatformIdentityRow>('PlatformIdentity').implement({
    fields: (t) => ({
      platform: t.field({ type: PlatformEnum, resolve: (identity) => identity.platform }),
      externalId: t.exposeString('externalId'),
      username: t.exposeString('username', { nullable: true }),
    }),
  });

  const UserRef = builder.objectRef<UserRow>('User').implement({
    fields: (t) => ({
      id: t.exposeID('id'),
      displayName: t.exposeString('displayName'),
      createdAt: t.field({ type: 'DateTime', resolve: (user) => user.createdAt }),
      identities: t.field({
        type: [PlatformIdentityRef],
        resolve: (user, _args, ctx) => ctx.loaders.identitiesByUser.load(user.id),
      }),
    }),
  });

  // Other subgraphs extend User by id; a foreign id resolves to null, like a missing one.
  builder.asEntity(UserRef, {
    key: builder.selection<{ id: string }>('id'),
    resolveReference: (ref, ctx) => (ref.id === ctx.userId ? ctx.loaders.userById.load(ref.id) : null),
  });

  builder.queryField('me', (t) =>
    t.field({
      type: UserRef,
      nullable: true,
      resolve: (_root, _args, ctx) => (ctx.userId ? ctx.loaders.userById.load(ctx.userId) : null),
    }),
  );

  return { UserRef, PlatformEnum };
}

export type UserTypes = ReturnType<typeof defineUserTypes>;
