import { Migration } from '@mikro-orm/migrations';

export class Migration20261207132647EventsOutbox extends Migration {
  override up(): void {
    this.addSql("create table \"memory_events_outbox\" (\"id\" uuid not null, \"user_id\" uuid not null, \"type\" varchar(64) not null, \"payload\" jsonb not null, \"created_at\" timestamptz not null, \"published_at\" timestamptz null, primary key (\"id\"));");
    this.addSql("create index \"memory_events_outbox_published_at_index\" on \"memory_events_outbox\" (\"published_at\");");
  }
}
