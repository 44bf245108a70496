import { Migration } from '@mikro-orm/migrations';

export class Migration20261207080800MemoryEmbeddings extends Migration {
  override up(): void {
    this.addSql('alter table "memories" add "embedding" bytea null, add "embedding_model" varchar(64) null;');
  }
}
