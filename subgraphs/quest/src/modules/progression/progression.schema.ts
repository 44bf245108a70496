import type { Builder } from '../../builder.ts';
import type { UserRef } from '../user/user.schema.ts';
import type { ProgressionView } from './progression.service.ts';

export function defineProgressionTypes(builder: Builder, UserRef: UserRef) {
  const ProgressionRef = builder.objectRef<ProgressionView>('Progression').implement({
    fields: (t) => ({
      level: t.exposeInt('level'),
      xp: t.exposeInt('xp'),
      xpToNextLevel: t.exposeInt('xpToNextLevel', { description: 'XP still missing to reach the next level.' }),
      streakDays: t.exposeInt('streakDays', { description: 'Consecutive active UTC days up to today (or yesterday).' }),
      badges: t.exposeStringList('badges'),
    }),
  });
  builder.objectField(UserRef, 'progression', (t) =>
    t.field({ type: ProgressionRef, resolve: (user, _args, ctx) => ctx.loaders.progressionByUser.load(user.id) }),
  );
}
