import { type Bot, InlineKeyboard, InputFile } from 'grammy';
import {
  TelegramCompanionDocument,
  TelegramMemoriesDocument,
  TelegramPersonasDocument,
  TelegramQuestsDocument,
} from '@miyu/sdk/gql/graphql';
import type { MiyuClient } from '@miyu/sdk/miyu-client';
import { sessionOf, type WorkerParts } from './worker-context.ts';

/** The commands registered with setMyCommands (what Telegram's menu shows). */
export const BOT_COMMANDS = [
  { command: 'start', description: 'Say hello' },
  { command: 'help', description: 'What I can do' },
  { command: 'new', description: 'Start a fresh conversation' },
  { command: 'mode', description: 'Choose how I talk' },
  { command: 'persona', description: 'Choose who I am' },
  { command: 'memories', description: 'What I remember about you' },
  { command: 'forget', description: 'Forget everything about you' },
  { command: 'quests', description: 'Your quests and progress' },
  { command: 'export', description: 'Your memories as a JSON file' },
] as const;

export const MODES = ['CASUAL', 'PLAYFUL', 'SUPPORTIVE', 'FOCUSED', 'REFLECTIVE'] as const;

const HELP = [
  'Just write to me and I answer. In groups, mention me or reply to one of my messages.',
  '',
  ...BOT_COMMANDS.map((command) => `/${command.command} — ${command.description}`),
].join('\n');

export const title = (mode: string) => mode.charAt(0) + mode.slice(1).toLowerCase();

export async function memoriesView(client: MiyuClient): Promise<{ text: string; keyboard?: InlineKeyboard }> {
  const { me } = await client.request(TelegramMemoriesDocument, { first: 10 });
  const memories = me?.memories.nodes ?? [];
  if (memories.length === 0) return { text: "I don't remember anything about you yet." };
  const keyboard = new InlineKeyboard();
  for (const [index, memory] of memories.entries()) keyboard.text(`Forget ${index + 1}`, `forget:${memory.id}`).row();
  const lines = memories.map((memory, index) => `${index + 1}. ${memory.content}`);
  const more =
    (me?.memories.totalCount ?? 0) > memories.length ? `\n…and ${me!.memories.totalCount - memories.length} more.` : '';
  return { text: `What I remember (newest first):\n${lines.join('\n')}${more}`, keyboard };
}

export async function questsView(client: MiyuClient): Promise<{ text: string; keyboard: InlineKeyboard }> {
  const { me } = await client.request(TelegramQuestsDocument, {});
  const keyboard = new InlineKeyboard();
  const lines = (me?.quests ?? [])
    .filter((entry) => entry.status !== 'EXPIRED')
    .map((entry) => {
      const done = entry.objectives.reduce((sum, objective) => sum + Math.min(objective.current, objective.objective.target), 0);
      const target = entry.objectives.reduce((sum, objective) => sum + objective.objective.target, 0);
      if (entry.status === 'COMPLETED') keyboard.text(`Claim “${entry.quest.title}”`, `claim:${entry.quest.id}`).row();
      if (entry.status === 'AVAILABLE') keyboard.text(`Accept “${entry.quest.title}”`, `accept:${entry.quest.id}`).row();
      return `• ${entry.quest.title} — ${title(entry.status)} (${done}/${target}, ${entry.quest.reward.xp} XP)`;
    });
  const level = me
    ? `Level ${me.progression.level}, ${me.progression.xp} XP (${me.progression.xpToNextLevel} to go), streak ${me.progression.streakDays} days\n\n`
    : '';
  return { text: `${level}${lines.join('\n') || 'No quests right now.'}`, keyboard };
}

/** /start /help /new /mode /persona /memories /forget /quests /export. */
export function installCommands(bot: Bot, parts: WorkerParts): void {
  bot.command('start', async (ctx) => {
    const { client } = await sessionOf(parts, ctx);
    const { me } = await client.request(TelegramCompanionDocument, {});
    await ctx.reply(me?.companion.persona.greeting || `Hi, I'm ${me?.companion.persona.name ?? 'MIYU'}!`);
  });
  bot.command('help', (ctx) => ctx.reply(HELP));
  bot.command('new', async (ctx) => {
    const { client, userId } = await sessionOf(parts, ctx);
    await parts.conversations.startFresh(client, ctx.chat.id, userId);
    await ctx.reply('Fresh start! What shall we talk about?');
  });
  bot.command('mode', async (ctx) => {
    const { client } = await sessionOf(parts, ctx);
    const { me } = await client.request(TelegramCompanionDocument, {});
    const keyboard = new InlineKeyboard();
    for (const mode of MODES) keyboard.text(mode === me?.companion.mode ? `• ${title(mode)}` : title(mode), `mode:${mode}`);
    await ctx.reply(`I'm in ${title(me?.companion.mode ?? 'CASUAL')} mode. How should I talk?`, { reply_markup: keyboard });
  });
  bot.command('persona', async (ctx) => {
    const { client } = await sessionOf(parts, ctx);
    const { personas, me } = await client.request(TelegramPersonasDocument, {});
    const keyboard = new InlineKeyboard();
    for (const persona of personas.slice(0, 20)) {
      const current = persona.id === me?.companion.persona.id;
      keyboard.text(current ? `• ${persona.name}` : persona.name, `persona:${persona.id}`).row();
    }
    await ctx.reply('Who should I be?', { reply_markup: keyboard });
  });
  bot.command('memories', async (ctx) => {
    const { client } = await sessionOf(parts, ctx);
    const view = await memoriesView(client);
    await ctx.reply(view.text, view.keyboard ? { reply_markup: view.keyboard } : {});
  });
  bot.command('forget', async (ctx) => {
    const keyboard = new InlineKeyboard().text('Yes, forget everything', 'forgetall:yes').text('No, keep them', 'forgetall:no');
    await ctx.reply('Should I forget everything I remember about you? This cannot be undone.', { reply_markup: keyboard });
  });
  bot.command('quests', async (ctx) => {
    const { client } = await sessionOf(parts, ctx);
    const view = await questsView(client);
    await ctx.reply(view.text, { reply_markup: view.keyboard });
  });
  bot.command('export', async (ctx) => {
    const { client } = await sessionOf(parts, ctx);
    const memories = [];
    let after: string | null | undefined;
    for (let page = 0; page < 50; page += 1) {
      const { me } = await client.request(TelegramMemoriesDocument, { first: 100, after: after ?? null });
      memories.push(...(me?.memories.nodes ?? []));
      if (!me?.memories.pageInfo.hasNextPage) break;
      after = me.memories.pageInfo.endCursor;
    }
    const document = JSON.stringify({ exportedAt: new Date().toISOString(), memories }, null, 2);
    await ctx.replyWithDocument(new InputFile(Buffer.from(document), 'miyu-memories.json'), {
      caption: `${memories.length} memories`,
    });
  });
}
