import { Migration } from '@mikro-orm/migrations';

/**
 * pgvector where the server has it (PGlite ships it; Debian's PostgreSQL here does not): a
 * `vector` column beside the portable float32 `embedding`. The extension may already live in
 * another schema of the database (one schema per subgraph), so its type is named with its schema.
 * Rows embedded before get their model cleared, so the background re-embedder fills the column.
 */
export class Migration20261207120000MemoryVectors extends Migration {
  override up(): void {
    this.addSql(`do $$
declare ext_schema text;
begin
  if exists (select 1 from pg_available_extensions where name = 'vector') then
    if not exists (select 1 from pg_extension where extname = 'vector') then
      create extension vector;
    end if;
    select n.nspname into ext_schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'vector';
    execute format('alter table memories add column if not exists embedding_vector %I.vector', ext_schema);
    update memories set embedding_model = null where embedding is not null;
  end if;
end $$;`);
  }
}
