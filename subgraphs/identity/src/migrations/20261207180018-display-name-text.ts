import { Migration } from '@mikro-orm/migrations';

export class Migration20261207180018DisplayNameText extends Migration {
  override up(): void {
    this.addSql("alter table \"users\" alter column \"display_name\" type text using (\"display_name\"::text);");
  }
}
