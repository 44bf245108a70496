import { Migration } from '@mikro-orm/migrations';

export class Migration20261207172805PlatformUsernameText extends Migration {
  override up(): void {
    this.addSql("alter table \"platform_identities\" alter column \"username\" type text using (\"username\"::text);");
  }
}
