import { Migration } from '@mikro-orm/migrations';

export class Migration20261207172646Provenance extends Migration {
  override up(): void {
    this.addSql("create table \"memory_forgotten_facts\" (\"user_id\" uuid not null, \"message_id\" uuid not null, \"fact_key\" varchar(64) not null, \"forgotten_at\" timestamptz not null, primary key (\"user_id\", \"message_id\", \"fact_key\"));");
    this.addSql("create table \"memory_sources\" (\"memory_id\" uuid not null, \"message_id\" uuid not null, \"user_id\" uuid not null, \"conversation_id\" uuid null, \"fact_key\" varchar(64) not null, \"learned_at\" timestamptz not null, primary key (\"memory_id\", \"message_id\"));");
    this.addSql("create index \"memory_sources_user_id_message_id_index\" on \"memory_sources\" (\"user_id\", \"message_id\");");
    // memories learned before this table: their one source message, as it was recorded on the row
    this.addSql(
      'insert into "memory_sources" ("memory_id", "message_id", "user_id", "conversation_id", "fact_key", "learned_at") select "id", "source_message_id", "user_id", null, "content_key", coalesce("occurred_at", "created_at") from "memories" where "source_message_id" is not null;',
    );
  }
}
