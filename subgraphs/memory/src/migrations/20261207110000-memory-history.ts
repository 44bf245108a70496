import { Migration } from '@mikro-orm/migrations';

export class Migration20261207110000MemoryHistory extends Migration {
  override up(): void {
    this.addSql(
      'alter table "memories" add "recall_count" int not null default 0, add "last_recalled_at" timestamptz null, add "slot" varchar(128) null, add "superseded_at" timestamptz null, add "superseded_by_id" uuid null;',
    );
    this.addSql(
      'create index "memories_user_id_slot_index" on "memories" ("user_id", "slot") where "slot" is not null and "superseded_at" is null;',
    );
  }
}
