import { Migration } from '@mikro-orm/migrations';

export class Migration20261123214400Init extends Migration {
  override up(): void {
    this.addSql(
      'create table "conversations" ("id" uuid not null, "user_id" uuid not null, "title" varchar(200) null, "platform" text not null, "created_at" timestamptz not null, "last_message_at" timestamptz not null, primary key ("id"));',
    );
    this.addSql(
      'create index "conversations_user_id_last_message_at_id_index" on "conversations" ("user_id", "last_message_at", "id");',
    );
    this.addSql(
      'create table "messages" ("id" uuid not null, "conversation_id" uuid not null, "user_id" uuid not null, "role" text not null, "content" text not null, "status" text not null, "model" varchar(100) null, "client_message_id" varchar(100) null, "reply_to_id" uuid null, "created_at" timestamptz not null, primary key ("id"));',
    );
    this.addSql('create index "messages_user_id_index" on "messages" ("user_id");');
    this.addSql(
      'create index "messages_conversation_id_created_at_id_index" on "messages" ("conversation_id", "created_at", "id");',
    );
    this.addSql(
      'alter table "messages" add constraint "messages_conversation_id_client_message_id_unique" unique ("conversation_id", "client_message_id");',
    );
    this.addSql(
      'create table "outbox_events" ("id" uuid not null, "type" varchar(100) not null, "payload" jsonb not null, "created_at" timestamptz not null, "published_at" timestamptz null, primary key ("id"));',
    );
    this.addSql('create index "outbox_events_published_at_created_at_index" on "outbox_events" ("published_at", "created_at");');
    this.addSql(
      "alter table \"conversations\" add constraint \"conversations_platform_check\" check (\"platform\" in ('WEB', 'TELEGRAM', 'TWITTER', 'API'));",
    );
    this.addSql(
      'alter table "messages" add constraint "messages_role_check" check ("role" in (\'USER\', \'ASSISTANT\', \'SYSTEM\'));',
    );
    this.addSql(
      "alter table \"messages\" add constraint \"messages_status_check\" check (\"status\" in ('PENDING', 'STREAMING', 'COMPLETE', 'FAILED'));",
    );
  }
}
