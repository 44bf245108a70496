import type { Keyring } from './keyring.ts';
import { isSealed, openStored, seal } from './sealed-value.ts';

/** One stored column sealed at rest. */
export interface EncryptedField {
  property: string;
  column: string;
  /** A json column: the JSON text is sealed and stored as a JSON string. */
  json?: boolean;
}

/** An entity whose fields are sealed, and the property holding the owner bound into each value. */
export interface EncryptedEntity {
  /** The MikroORM entity name (`defineEntity({ name })`). */
  entity: string;
  table: string;
  idColumn: string;
  owner: { property: string; column: string };
  fields: EncryptedField[];
  /** SQL assignments added to a row the key rotation rewrites (e.g. mark derived data for rebuilding). */
  rotationSet?: string;
}

const purposeOf = (spec: EncryptedEntity, field: EncryptedField) => `${spec.table}.${field.column}`;

type Row = Record<string, unknown>;

/** The owner of a row, or null when it has none (a seeded row nobody owns stays plaintext). */
function ownerOf(spec: EncryptedEntity, row: Row): string | null {
  const owner = row[spec.owner.property];
  return typeof owner === 'string' && owner.length > 0 ? owner : null;
}

/** Seals one value as it will be written (null stays null). */
export function sealValue(keyring: Keyring, spec: EncryptedEntity, field: EncryptedField, userId: string, value: unknown) {
  if (value === null || value === undefined) return value;
  const text = field.json ? JSON.stringify(value) : String(value);
  return seal(keyring, text, { purpose: purposeOf(spec, field), userId });
}

/** Opens one stored value (plaintext from before encryption passes through). */
export function openValue(keyring: Keyring, spec: EncryptedEntity, field: EncryptedField, userId: string, stored: unknown) {
  if (typeof stored !== 'string') return stored;
  const text = openStored(keyring, stored, { purpose: purposeOf(spec, field), userId });
  return field.json && isSealed(stored) ? JSON.parse(text) : text;
}

/** Seals the fields present in an insert or update payload, in place. */
export function sealPayload(keyring: Keyring, spec: EncryptedEntity, entity: Row, payload: Row) {
  const userId = ownerOf(spec, { ...entity, ...payload });
  if (!userId) return;
  for (const field of spec.fields) {
    if (!(field.property in payload)) continue;
    const value = payload[field.property];
    if (!field.json) payload[field.property] = sealValue(keyring, spec, field, userId, value);
    else if (value !== null && value !== undefined) {
      // MikroORM hands json over as JSON text or as the value; the driver writes a string as is
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      payload[field.property] = JSON.stringify(seal(keyring, text, { purpose: `${spec.table}.${field.column}`, userId }));
    }
  }
}

/**
 * Opens the sealed fields of a loaded entity, in place. A partial load must include the owner
 * property, or a sealed value could not be checked against it.
 */
export function openEntity(keyring: Keyring, spec: EncryptedEntity, entity: Row): void {
  const userId = ownerOf(spec, entity);
  for (const field of spec.fields) {
    const stored = entity[field.property];
    if (typeof stored !== 'string' || !isSealed(stored)) continue;
    if (!userId) throw new Error(`${spec.entity}.${field.property} was loaded without ${spec.owner.property}, which opens it`);
    entity[field.property] = openValue(keyring, spec, field, userId, stored);
  }
}
