import { type EntityManager, type EventArgs, type EventSubscriber, helper } from '@mikro-orm/core';
import type { EncryptedEntity } from './encrypted-fields.ts';
import { openEntity, openValue, sealPayload, sealValue } from './encrypted-fields.ts';
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
const SEAL_COLUMN = Symbol('miyu.sealColumn');
const OPEN_COLUMN = Symbol('miyu.openColumn');
const KEYRING = Symbol('miyu.keyring');

interface FieldCipherSubscriber extends EventSubscriber {
  [OPEN_MAPPED]: (em: EntityManager, className: string, entity: object) => void;
  [SEAL_COLUMN]: (className: string, property: string, userId: string, value: unknown) => unknown;
  [OPEN_COLUMN]: (className: string, property: string, userId: string, stored: unknown) => unknown;
  [KEYRING]: Keyring;
}

export function createFieldCipherSubscriber(keyring: Keyring, specs: readonly EncryptedEntity[]): FieldCipherSubscriber {
  const byName = new Map(specs.map((spec) => [spec.entity, spec]));
  const specOf = (args: EventArgs<unknown>) => byName.get(args.meta.className);
  const resnapshot = (em: EntityManager, entity: object) => {
    helper(entity).__originalEntityData = em.getComparator().prepareEntity(entity as never);
  };
  const fieldOf = (className: string, property: string) => {
    const spec = byName.get(className);
    const field = spec?.fields.find((candidate) => candidate.property === property);
    return spec && field ? { spec, field } : undefined;
  };
  return {
    [KEYRING]: keyring,
    [SEAL_COLUMN]: (className, property, userId, value) => {
      const found = fieldOf(className, property);
      return found ? sealValue(keyring, found.spec, found.field, userId, value) : value;
    },
    [OPEN_COLUMN]: (className, property, userId, stored) => {
      const found = fieldOf(className, property);
      return found ? openValue(keyring, found.spec, found.field, userId, stored) : stored;
    },
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

/**
 * The value as the column stores it, for raw SQL writes (an insert … on conflict the subscriber
 * never sees): sealed when the EntityManager's ORM has a cipher for this entity and property,
 * unchanged otherwise. Reads need nothing: rows are opened where the driver maps them.
 */
export function sealColumn<T>(em: EntityManager, className: string, property: string, userId: string, value: T): T | string {
  const cipher = cipherOf(em);
  return cipher ? (cipher[SEAL_COLUMN](className, property, userId, value) as T | string) : value;
}

/** A column's value read with raw SQL, opened (the counterpart of sealColumn; plaintext passes through). */
export function openColumn(em: EntityManager, className: string, property: string, userId: string, stored: unknown): unknown {
  const cipher = cipherOf(em);
  return cipher ? cipher[OPEN_COLUMN](className, property, userId, stored) : stored;
}

/** The keys the EntityManager's ORM seals with, or null when it has no field cipher. */
export function keyringOf(em: EntityManager): Keyring | null {
  return cipherOf(em)?.[KEYRING] ?? null;
}

function cipherOf(em: EntityManager): FieldCipherSubscriber | undefined {
  return [...em.getEventManager().getSubscribers()].find((subscriber) => KEYRING in subscriber) as
    | FieldCipherSubscriber
    | undefined;
}
