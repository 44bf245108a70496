import { Migration } from '@mikro-orm/migrations';

export class Migration20261123215940FormattedReplies extends Migration {
  override up(): void {
    this.addSql('alter table "messages" add "formatted" jsonb null;');
  }
}
