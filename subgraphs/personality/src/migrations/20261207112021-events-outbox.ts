import { Migration } from '@mikro-orm/migrations';

export class Migration20261207112021EventsOutbox extends Migration {
  override up(): void {
    this.addSql("create table \"personality_events_outbox\" (\"id\" uuid not null, \"user_id\" uuid not null, \"type\" varchar(64) not null, \"payload\" jsonb not null, \"created_at\" timestamptz not null, \"published_at\" timestamptz null, primary key (\"id\"));");
    this.addSql("create index \"personality_events_outbox_published_at_index\" on \"personality_events_outbox\" (\"published_at\");");
  }
}
