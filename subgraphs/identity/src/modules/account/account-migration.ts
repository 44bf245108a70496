import type { MigrationObject } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';

class Migration20261207235000AccountDeletions extends Migration {
  override up(): void {
    this.addSql(
      'create table "account_deletions" ("id" uuid not null, "subgraphs" jsonb not null, "requested_at" timestamptz not null, "completed_at" timestamptz null, primary key ("id"));',
    );
    this.addSql(
      'create table "account_deletion_steps" ("deletion_id" uuid not null, "subgraph" varchar(32) not null, "rows_deleted" int not null, "done_at" timestamptz not null, primary key ("deletion_id", "subgraph"));',
    );
    this.addSql(
      'create table "identity_events_outbox" ("id" uuid not null, "user_id" uuid not null, "type" varchar(64) not null, "payload" jsonb not null, "created_at" timestamptz not null, "published_at" timestamptz null, primary key ("id"));',
    );
    this.addSql('create index "identity_events_outbox_published_at_index" on "identity_events_outbox" ("published_at");');
  }
}

/**
 * The account module's tables, kept beside it (and listed after migrations/index.ts) so the
 * generated index stays the encryption work's to regenerate.
 */
export const accountMigrations: MigrationObject[] = [
  { name: '20261207235000-account-deletions', class: Migration20261207235000AccountDeletions },
];
