import { type EntityManager, type EventArgs, type EventSubscriber, helper } from '@mikro-orm/core';
import type { EncryptedEntity } from './encrypted-fields.ts';
import { openEntity, sealPayload } from './encrypted-fields.ts';
import type { Keyring } from './keyring.ts';

type Row = Record<string, unknown>;

/**
 * Seals and opens the listed fields where MikroORM writes and reads them, so the rest of the code
 * sees plaintext and the database only ciphertext. A custom type cannot do it: it never sees the
 * row, and the row's owner is bound into every value. What is sealed is the insert or update
 * payload, never the entity, and each snapshot is retaken from the plaintext entity, so a flush
 * finds no false change.
 *
 * MikroORM does not fire onLoad for `em.map` (raw SQL mapped to entities): callers of `em.map` on
 * these entities call `openMapped`.
 */
const OPEN_MAPPED = Symbol('miyu.openMapped');

interface FieldCipherSubscriber extends EventSubscriber {
  [OPEN_MAPPED]: (em: EntityManager, className: string, entity: object) => void;
}

export function createFieldCipherSubscriber(keyring: Keyring, specs: readonly EncryptedEntity[]): FieldCipherSubscriber {
  const byName = new Map(specs.map((spec) => [spec.entity, spec]));
  const specOf = (args: EventArgs<unknown>) => byName.get(args.meta.className);
  const resnapshot = (em: EntityManager, entity: object) => {
    helper(entity).__originalEntityData = em.getComparator().prepareEntity(entity as never);
  };
  return {
    [OPEN_MAPPED]: (em, className, entity) => {
      const spec = byName.get(className);
      if (!spec) return;
      openEntity(keyring, spec, entity as Row);
      resnapshot(em, entity);
    },
    // matched by class name, which defineEntity gives its entity
    getSubscribedEntities: () => [...byName.keys()] as never,
    onLoad(args) {
      const spec = specOf(args);
      if (!spec) return;
      openEntity(keyring, spec, args.entity as Row);
      resnapshot(args.em, args.entity as object);
    },
    beforeCreate(args) {
      const spec = specOf(args);
      if (spec && args.changeSet) sealPayload(keyring, spec, args.entity as Row, args.changeSet.payload as Row);
    },
    afterCreate(args) {
      if (specOf(args)) resnapshot(args.em, args.entity as object);
    },
    beforeUpdate(args) {
      const spec = specOf(args);
      if (spec && args.changeSet) sealPayload(keyring, spec, args.entity as Row, args.changeSet.payload as Row);
    },
    beforeUpsert() {
      throw new Error('em.upsert bypasses the field cipher on an encrypted entity: create or update it instead');
    },
  };
}

interface ResultMapper {
  mapResult: (result: unknown, meta: { className: string } | undefined, ...rest: unknown[]) => unknown;
}

/**
 * Seals on write (the subscriber) and opens on read where MikroORM maps a database row to entity
 * data (the driver's `mapResult`, used by every find and by `em.map`). Opening the row data, not
 * only the entity in onLoad, matters: a row found again by the same EntityManager is merged into
 * the entity it already holds, and onLoad does not fire a second time, so the sealed text would
 * overwrite the plaintext. Opened at mapping, the entity, its snapshot and every merge see
 * plaintext.
 */
export function installFieldCipher(em: EntityManager, keyring: Keyring, specs: readonly EncryptedEntity[]): void {
  const byName = new Map(specs.map((spec) => [spec.entity, spec]));
  const driver = em.getDriver() as unknown as ResultMapper;
  const mapResult = driver.mapResult.bind(driver);
  driver.mapResult = (result, meta, ...rest) => {
    const data = mapResult(result, meta, ...rest);
    const spec = meta ? byName.get(meta.className) : undefined;
    if (spec && data && typeof data === 'object') openEntity(keyring, spec, data as Row);
    return data;
  };
  em.getEventManager().registerSubscriber(createFieldCipherSubscriber(keyring, specs));
}

/** Opens entities `em.map` made from raw rows (MikroORM fires no onLoad there); returns them. */
export function openMapped<T extends object>(em: EntityManager, entities: T[]): T[] {
  for (const subscriber of em.getEventManager().getSubscribers()) {
    const open = (subscriber as Partial<FieldCipherSubscriber>)[OPEN_MAPPED];
    if (!open) continue;
    for (const entity of entities) open(em, helper(entity).__meta.className, entity);
  }
  return entities;
}
