import { Migration } from '@mikro-orm/migrations';

export class Migration20261123220152ProcessedEvents extends Migration {
  override up(): void {
    this.addSql(
      'create table "processed_events" ("event_id" varchar(100) not null, "processed_at" timestamptz not null, primary key ("event_id"));',
    );
  }
}
