import type { Builder } from '../../builder.ts';
import type { UserTypes } from '../user/user.schema.ts';
import type { AuthService } from './auth.service.ts';

interface AuthPayload {
  token: string;
  expiresAt: Date;
  userId: string;
}

export function defineAuthTypes(builder: Builder, { UserRef, PlatformEnum }: UserTypes, auth: AuthService) {
  const AuthPayloadRef = builder.objectRef<AuthPayload>('AuthPayload').implement({
    fields: (t) => ({
      token: t.exposeString('token'),
      expiresAt: t.field({ type: 'DateTime', resolve: (payload) => payload.expiresAt }),
      // the new session's user, loaded directly: the caller is not that user yet
      user: t.field({
        type: UserRef,
        resolve: async (payload, _args, ctx) => {
          const user = await ctx.loaders.userById.load(payload.userId);
          if (!user) throw new Error('user vanished after sign-in');
          return user;
        },
      }),
    }),
  });

  const SignUpInput = builder.inputType('SignUpInput', {
    fields: (t) => ({
      email: t.string({ required: true }),
      password: t.string({ required: true }),
      displayName: t.string({ required: true }),
    }),
  });
  const SignInInput = builder.inputType('SignInInput', {
    fields: (t) => ({ email: t.string({ required: true }), password: t.string({ required: true }) }),
  });
  const PlatformSessionInput = builder.inputType('PlatformSessionInput', {
    fields: (t) => ({
      platform: t.field({ type: PlatformEnum, required: true }),
      externalId: t.string({ required: true }),
      username: t.string(),
      displayName: t.string(),
    }),
  });

  builder.mutationFields((t) => ({
    signUp: t.field({
      type: AuthPayloadRef,
      args: { input: t.arg({ type: SignUpInput, required: true }) },
      resolve: (_root, { input }, ctx) => auth.signUp(ctx.em, input),
    }),
    signIn: t.field({
      type: AuthPayloadRef,
      args: { input: t.arg({ type: SignInInput, required: true }) },
      resolve: (_root, { input }, ctx) => auth.signIn(ctx.em, input),
    }),
    platformSession: t.field({
      type: AuthPayloadRef,
      description: 'For workers holding a service credential: get-or-create the user behind a platform account.',
      args: { input: t.arg({ type: PlatformSessionInput, required: true }) },
      resolve: (_root, { input }, ctx) => auth.platformSession(ctx.em, input.platform, input),
    }),
  }));
}
