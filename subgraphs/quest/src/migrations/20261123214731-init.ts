import { Migration } from '@mikro-orm/migrations';

export class Migration20261123214731Init extends Migration {
  override up(): void {
    this.addSql("create table \"activity_days\" (\"user_id\" uuid not null, \"day\" varchar(10) not null, primary key (\"user_id\", \"day\"));");
    this.addSql("create table \"processed_events\" (\"event_id\" varchar(100) not null, \"user_id\" uuid not null, \"processed_at\" timestamptz not null, primary key (\"event_id\"));");
    this.addSql("create index \"processed_events_user_id_index\" on \"processed_events\" (\"user_id\");");
    this.addSql("create table \"progressions\" (\"user_id\" uuid not null, \"xp\" int not null default 0, \"badges\" jsonb not null, \"updated_at\" timestamptz not null, primary key (\"user_id\"));");
    this.addSql("create table \"quest_events_outbox\" (\"id\" uuid not null, \"user_id\" uuid not null, \"type\" varchar(64) not null, \"payload\" jsonb not null, \"created_at\" timestamptz not null, \"published_at\" timestamptz null, primary key (\"id\"));");
    this.addSql("create index \"quest_events_outbox_published_at_index\" on \"quest_events_outbox\" (\"published_at\");");
    this.addSql("create table \"quest_progress\" (\"id\" uuid not null, \"user_id\" uuid not null, \"quest_id\" varchar(64) not null, \"period_key\" varchar(10) not null, \"status\" text not null, \"objectives\" jsonb not null, \"accepted_at\" timestamptz not null, \"completed_at\" timestamptz null, \"claimed_at\" timestamptz null, primary key (\"id\"));");
    this.addSql("create index \"quest_progress_user_id_index\" on \"quest_progress\" (\"user_id\");");
    this.addSql("alter table \"quest_progress\" add constraint \"quest_progress_user_id_quest_id_period_key_unique\" unique (\"user_id\", \"quest_id\", \"period_key\");");
    this.addSql("alter table \"quest_progress\" add constraint \"quest_progress_status_check\" check (\"status\" in ('ACTIVE', 'COMPLETED', 'CLAIMED', 'EXPIRED'));");
  }
}
