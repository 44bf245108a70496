/** A PostgreSQL identifier in double quotes. */
export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The role a subgraph's statements run as in the shared embedded cluster: it owns that schema and nothing else. */
export const schemaRole = (schema: string) => `miyu_${schema}`;

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * Run as the cluster's superuser, once per schema and open: the subgraph's role (no login, no
 * other rights), its schema owned by it, and whatever a cluster of the first shared layout
 * (2026-12-07, before roles) had created in the schema as the superuser handed over to it, so an
 * existing data folder keeps working. Another subgraph's role has no USAGE on the schema, so
 * it cannot read a table there even by its qualified name (permission denied, 42501).
 */
export function ownSchemaSql(schema: string): string {
  const role = schemaRole(schema);
  return `
do $own$
declare
  object record;
begin
  if not exists (select from pg_roles where rolname = ${literal(role)}) then
    execute format('create role %I nologin', ${literal(role)});
  end if;
  execute format('create schema if not exists %I authorization %I', ${literal(schema)}, ${literal(role)});
  execute format('alter schema %I owner to %I', ${literal(schema)}, ${literal(role)});
  for object in
    select c.relname, c.relkind from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = ${literal(schema)} and c.relkind in ('r', 'p', 'S', 'v', 'm') and c.relowner <> ${literal(role)}::regrole
      -- sequences owned by a column follow their table
      and not (c.relkind = 'S' and exists (select from pg_depend d where d.objid = c.oid and d.deptype in ('a', 'i')))
  loop
    execute format('alter %s %I.%I owner to %I',
      case object.relkind when 'S' then 'sequence' when 'v' then 'view' when 'm' then 'materialized view' else 'table' end,
      ${literal(schema)}, object.relname, ${literal(role)});
  end loop;
  for object in
    select t.typname from pg_type t join pg_namespace n on n.oid = t.typnamespace
    where n.nspname = ${literal(schema)} and t.typtype in ('e', 'd') and t.typowner <> ${literal(role)}::regrole
  loop
    execute format('alter type %I.%I owner to %I', ${literal(schema)}, object.typname, ${literal(role)});
  end loop;
  for object in
    select p.oid::regprocedure as signature from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = ${literal(schema)} and p.proowner <> ${literal(role)}::regrole
  loop
    execute format('alter routine %s owner to %I', object.signature, ${literal(role)});
  end loop;
end
$own$;`;
}

/** The schema pgvector lives in when the worker creates it: every subgraph's role may use it. */
export const EXTENSIONS_SCHEMA = 'extensions';

/**
 * Run as the superuser once per open, before any subgraph's statement: the extensions a subgraph
 * may need but its role may not create (pgvector is not a trusted extension), created if missing,
 * in a schema every role may use. An extension already there (made by a subgraph's migration
 * before roles) stays where it is and its schema becomes usable by every role too; the tables
 * there remain their owner's, as USAGE on a schema grants nothing on its tables.
 */
export const CLUSTER_EXTENSIONS_SQL = `
do $ext$
declare
  place text;
begin
  if exists (select from pg_available_extensions where name = 'vector') then
    if not exists (select from pg_extension where extname = 'vector') then
      execute format('create schema if not exists %I', ${literal(EXTENSIONS_SCHEMA)});
      execute format('create extension vector schema %I', ${literal(EXTENSIONS_SCHEMA)});
    end if;
    select n.nspname into place from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'vector';
    execute format('grant usage on schema %I to public', place);
  end if;
end
$ext$;`;
