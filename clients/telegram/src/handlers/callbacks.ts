import type { Bot, CallbackQueryContext, Context } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import {
  TelegramAcceptQuestDocument,
  TelegramChoosePersonaDocument,
  TelegramClaimQuestDocument,
  TelegramForgetAllDocument,
  TelegramForgetDocument,
  TelegramSetModeDocument,
} from '@miyu/sdk/gql/graphql';
import { MiyuRequestError } from '@miyu/sdk/miyu-client';
import { isNotModified } from '../reply/bot-api-errors.ts';
import { MODES, memoriesView, questsView, title } from './commands.ts';
import { sessionOf, type WorkerParts } from './worker-context.ts';

async function editOrIgnore(ctx: Context, text: string, markup?: InlineKeyboardMarkup): Promise<void> {
  await ctx.editMessageText(text, markup ? { reply_markup: markup } : {}).catch((error: unknown) => {
    if (!isNotModified(error)) throw error;
  });
}

/** The inline buttons of /mode, /persona, /memories, /forget and /quests. */
export function installCallbacks(bot: Bot, parts: WorkerParts): void {
  const withSession =
    (handler: (ctx: CallbackQueryContext<Context>, session: Awaited<ReturnType<typeof sessionOf>>) => Promise<string>) =>
    async (ctx: CallbackQueryContext<Context>) => {
      parts.metrics.updates.inc({ kind: 'callback' });
      let answer: string;
      try {
        answer = await handler(ctx, await sessionOf(parts, ctx));
      } catch (error) {
        if (!(error instanceof MiyuRequestError)) throw error;
        answer = error.code === 'NOT_FOUND' ? 'That is not there any more.' : "Sorry, that didn't work.";
      }
      await ctx.answerCallbackQuery({ text: answer });
    };

  bot.callbackQuery(
    new RegExp(`^mode:(${MODES.join('|')})$`, 'u'),
    withSession(async (ctx, { client }) => {
      const mode = (ctx.match as RegExpMatchArray)[1] as (typeof MODES)[number];
      await client.request(TelegramSetModeDocument, { mode });
      await editOrIgnore(ctx, `I'm in ${title(mode)} mode now.`);
      return `Mode: ${title(mode)}`;
    }),
  );
  bot.callbackQuery(
    /^persona:(\S+)$/u,
    withSession(async (ctx, { client }) => {
      const { choosePersona } = await client.request(TelegramChoosePersonaDocument, {
        personaId: (ctx.match as RegExpMatchArray)[1]!,
      });
      await editOrIgnore(ctx, choosePersona.persona.greeting || `I'm ${choosePersona.persona.name} now.`);
      return `Persona: ${choosePersona.persona.name}`;
    }),
  );
  bot.callbackQuery(
    /^forget:(\S+)$/u,
    withSession(async (ctx, { client }) => {
      const forgotten = await client.request(TelegramForgetDocument, { id: (ctx.match as RegExpMatchArray)[1]! });
      const view = await memoriesView(client);
      await editOrIgnore(ctx, view.text, view.keyboard);
      return forgotten.forget ? 'Forgotten.' : 'I had already forgotten that.';
    }),
  );
  bot.callbackQuery(
    /^forgetall:(yes|no)$/u,
    withSession(async (ctx, { client }) => {
      if ((ctx.match as RegExpMatchArray)[1] === 'no') {
        await editOrIgnore(ctx, 'Alright, I keep my memories of you.');
        return 'Kept.';
      }
      const { forgetAll } = await client.request(TelegramForgetAllDocument, {});
      await editOrIgnore(ctx, `Done: I forgot ${forgetAll} ${forgetAll === 1 ? 'memory' : 'memories'}.`);
      return 'Forgotten.';
    }),
  );
  bot.callbackQuery(
    /^(claim|accept):(\S+)$/u,
    withSession(async (ctx, { client }) => {
      const questId = (ctx.match as RegExpMatchArray)[2]!;
      const result =
        (ctx.match as RegExpMatchArray)[1] === 'claim'
          ? (await client.request(TelegramClaimQuestDocument, { questId })).claimQuestReward
          : (await client.request(TelegramAcceptQuestDocument, { questId })).acceptQuest;
      const view = await questsView(client);
      await editOrIgnore(ctx, view.text, view.keyboard);
      return `${result.quest.title}: ${title(result.status)}`;
    }),
  );
  // a button of an old message nobody handles any more: answer, so the spinner stops
  bot.on('callback_query:data', (ctx) => ctx.answerCallbackQuery());
}
