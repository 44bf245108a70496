import { Migration } from '@mikro-orm/migrations';

export class Migration20261207133254ReplyContextComplete extends Migration {
  override up(): void {
    this.addSql("alter table \"messages\" add \"context_complete\" boolean null;");
  }
}
