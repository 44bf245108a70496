import { Migration } from '@mikro-orm/migrations';

export class Migration20261207173036PersonaNameText extends Migration {
  override up(): void {
    this.addSql("alter table \"personas\" alter column \"name\" type text using (\"name\"::text);");
  }
}
