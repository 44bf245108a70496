import { Migration } from '@mikro-orm/migrations';

export class Migration20261207172603OutboxOwner extends Migration {
  override up(): void {
    this.addSql("alter table \"outbox_events\" add \"user_id\" uuid null;");
  }
}
