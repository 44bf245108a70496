import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { DEFAULT_LLM_RESILIENCE } from '@miyu/llm/llm-config';
import type { Download, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCardFromPng } from '../../clients/web/src/personas/character-card-png.ts';
import type { GuardedPage } from './web-browser.ts';
import { startWebSuite } from './web-suite.ts';

const V2_CARD = {
  spec: 'chara_card_v2',
  spec_version: '2.0',
  data: {
    name: 'Captain Vela',
    description: 'A starship captain with a dry sense of humour.',
    personality: 'Bold.',
    scenario: 'On the bridge.',
    first_mes: 'Welcome aboard, {{user}}.',
    mes_example: '',
    creator_notes: '',
    system_prompt: '',
    post_history_instructions: '',
    alternate_greetings: [],
    tags: ['space'],
    creator: 'someone',
    character_version: '1',
    extensions: {},
  },
};

// Personas in the web app: create, edit, export as JSON and PNG cards, import both back, delete.
describe('web app: personas and Character Cards', () => {
  const web = startWebSuite(
    { llm: { openai: { model: 'offline' }, resilience: DEFAULT_LLM_RESILIENCE, offlineWordDelayMs: 0 } },
    { width: 1280, height: 900 },
  );
  // both tests use one page, signed in once
  let guarded: GuardedPage;
  beforeAll(async () => {
    guarded = await web.open();
  });

  const saved = async (download: Download) => readFile((await download.path())!);
  const options = (page: Page) => page.getByRole('combobox', { name: 'Persona' }).locator('option').allTextContents();

  it('creates, edits, exports (JSON, PNG), imports (JSON, PNG) and deletes personas', async () => {
    const { page, problems } = guarded;
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(`${web.origin}/`);
    await page.getByLabel('Display name').fill('Pat');
    await page.getByLabel('Email').fill(`pat-${randomBytes(4).toString('hex')}@example.com`);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('region', { name: 'Settings' });
    const mine = settings.getByRole('list', { name: 'Your personas' }).getByRole('listitem');

    await settings.getByRole('button', { name: 'New persona' }).click();
    await settings.getByLabel('Name', { exact: true }).fill('Juniper');
    await settings.getByLabel('Description').fill('A calm gardener who loves ferns.');
    await settings.getByLabel('Greeting').fill('Hello {{user}}, I am {{char}}.');
    await settings.getByRole('button', { name: 'Create persona' }).click();
    await expect.poll(() => mine.count()).toBe(1);
    await expect.poll(() => options(page)).toContain('Juniper (imported)');

    await settings.getByRole('button', { name: 'Edit Juniper' }).click();
    await settings.getByLabel('Name', { exact: true }).fill('Juniper Moss');
    await settings.getByRole('button', { name: 'Save persona' }).click();
    await expect.poll(() => mine.first().textContent()).toContain('Juniper Moss');

    const [json] = await Promise.all([
      page.waitForEvent('download'),
      settings.getByRole('button', { name: 'Export Juniper Moss as JSON' }).click(),
    ]);
    expect(json.suggestedFilename()).toBe('Juniper-Moss.json');
    const jsonCard = JSON.parse((await saved(json)).toString('utf8'));
    expect(jsonCard).toMatchObject({
      spec: 'chara_card_v3',
      data: { name: 'Juniper Moss', first_mes: 'Hello {{user}}, I am {{char}}.' },
    });

    const [png] = await Promise.all([
      page.waitForEvent('download'),
      settings.getByRole('button', { name: 'Export Juniper Moss as PNG' }).click(),
    ]);
    const pngBytes = await saved(png);
    expect([...pngBytes.subarray(0, 4)]).toEqual([137, 80, 78, 71]);
    expect(readCardFromPng(new Uint8Array(pngBytes))).toEqual(jsonCard);

    await settings.getByRole('button', { name: 'Delete Juniper Moss' }).click();
    await expect.poll(() => mine.count()).toBe(0);

    const importer = settings.getByLabel('Import Character Card');
    await importer.setInputFiles({ name: 'juniper.png', mimeType: 'image/png', buffer: pngBytes });
    await settings.getByRole('status').filter({ hasText: 'Imported Juniper Moss.' }).waitFor();
    await importer.setInputFiles({
      name: 'vela.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(V2_CARD)),
    });
    await settings.getByRole('status').filter({ hasText: 'Imported Captain Vela.' }).waitFor();
    await expect.poll(() => mine.count()).toBe(2);
    await expect.poll(() => options(page)).toEqual(['MIYU', 'Ren', 'Juniper Moss (imported)', 'Captain Vela (imported)']);

    await importer.setInputFiles({ name: 'broken.png', mimeType: 'image/png', buffer: Buffer.from('not a png') });
    await expect.poll(() => settings.getByRole('alert').textContent()).toBe('This file is not a PNG image.');
    await importer.setInputFiles({
      name: 'bad.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"spec":"chara_card_v2"}'),
    });
    await expect.poll(() => settings.getByRole('alert').textContent()).toMatch(/Invalid character card/);

    await page.getByRole('combobox', { name: 'Persona' }).selectOption({ label: 'Captain Vela (imported)' });
    await expect.poll(() => page.getByRole('log').textContent()).toContain('Welcome aboard');
    expect(problems).toEqual([]);
  }, 120_000);

  it('lists API keys across a reload, shows the secret once with a copy button and curl, and revokes', async () => {
    const { page, problems } = guarded;
    const settings = page.getByRole('region', { name: 'Settings' });
    const keys = settings.getByRole('list', { name: 'API keys' }).getByRole('listitem');
    await settings.getByLabel('Key name').fill('my-script');
    await settings.getByRole('button', { name: 'Create API key' }).click();
    const secret = (await settings.locator('.secret-value').textContent()) ?? '';
    expect(secret.length).toBeGreaterThan(20);
    await settings.getByRole('button', { name: 'Copy key' }).click();
    await settings.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    expect(await settings.locator('pre').textContent()).toContain(`authorization: Bearer ${secret}`);
    // The key works, through the API, with its read scopes.
    const asKey = await web.stack.gql<{ me: { displayName: string } }>('{ me { displayName } }', {}, secret);
    expect(asKey.data?.me.displayName).toBe('Pat');

    await page.reload();
    await page.getByRole('button', { name: 'Settings' }).click();
    await expect.poll(() => keys.count()).toBe(1);
    expect(await keys.first().textContent()).toContain('my-script');
    expect(await settings.locator('.secret-value').count()).toBe(0);
    await settings.getByRole('button', { name: 'Revoke my-script' }).click();
    await expect.poll(() => keys.count()).toBe(0);
    // The router caches a valid key for 2 s, so a revoked one stops working within that.
    await expect
      .poll(async () => (await web.stack.gql('{ me { displayName } }', {}, secret)).errors?.[0]?.extensions?.code, {
        timeout: 10_000,
      })
      .toBe('UNAUTHENTICATED');
    expect(problems.filter((line) => !line.includes('401'))).toEqual([]);
  }, 60_000);
});
