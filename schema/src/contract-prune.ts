import { type DefinitionNode, Kind, parse, print } from 'graphql';

/**
 * Removes allowed-missing items from the contract SDL: `Type` drops the whole type, `Type.field`
 * one field; object types left without fields are dropped as well (so allowing every field of
 * `Subscription` allows the root type to be missing too). Throws when an item names nothing, so
 * a typo cannot silently allow more than intended.
 */
export function pruneContract(contractSdl: string, allowedMissing: readonly string[]): string {
  const types = new Set(allowedMissing.filter((item) => !item.includes('.')));
  const fields = new Set(allowedMissing.filter((item) => item.includes('.')));
  const seen = new Set<string>();
  const definitions: DefinitionNode[] = [];
  for (const definition of parse(contractSdl).definitions) {
    if (!('name' in definition) || !definition.name) {
      definitions.push(definition);
      continue;
    }
    const typeName = definition.name.value;
    if (types.has(typeName)) {
      seen.add(typeName);
      continue;
    }
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INPUT_OBJECT_TYPE_DEFINITION) {
      definitions.push(definition);
      continue;
    }
    const kept = (definition.fields ?? []).filter((field) => {
      const key = `${typeName}.${field.name.value}`;
      if (!fields.has(key)) return true;
      seen.add(key);
      return false;
    });
    if (kept.length > 0) definitions.push({ ...definition, fields: kept } as DefinitionNode);
  }
  const unknown = allowedMissing.filter((item) => !seen.has(item));
  if (unknown.length > 0) throw new Error(`contract allowances name nothing in the contract: ${unknown.join(', ')}`);
  return print({ kind: Kind.DOCUMENT, definitions });
}
