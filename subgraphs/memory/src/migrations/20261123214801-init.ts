import { Migration } from '@mikro-orm/migrations';

export class Migration20261123214801Init extends Migration {
  override up(): void {
    this.addSql(
      'create table "conversation_summaries" ("conversation_id" uuid not null, "user_id" uuid not null, "summary" text not null, "updated_at" timestamptz not null, primary key ("conversation_id"));',
    );
    this.addSql('create index "conversation_summaries_user_id_index" on "conversation_summaries" ("user_id");');
    this.addSql(
      'create table "memories" ("id" uuid not null, "user_id" uuid not null, "kind" text not null, "content" text not null, "content_key" varchar(64) not null, "importance" double precision not null, "source_message_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));',
    );
    this.addSql('create index "memories_user_id_created_at_id_index" on "memories" ("user_id", "created_at", "id");');
    this.addSql('create index "memories_content_fts_index" on "memories" using gin (to_tsvector(\'english\', "content"));');
    this.addSql('alter table "memories" add constraint "memories_user_id_content_key_unique" unique ("user_id", "content_key");');
    this.addSql(
      "alter table \"memories\" add constraint \"memories_kind_check\" check (\"kind\" in ('FACT', 'PREFERENCE', 'EVENT', 'RELATIONSHIP', 'REFLECTION'));",
    );
  }
}
