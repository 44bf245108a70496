import { Migration } from '@mikro-orm/migrations';

export class Migration20261207034231Bm25Terms extends Migration {
  override up(): void {
    this.addSql("create table \"memory_terms\" (\"user_id\" uuid not null, \"term\" varchar(64) not null, \"memory_id\" uuid not null, \"tf\" int not null, primary key (\"user_id\", \"term\", \"memory_id\"));");
    this.addSql("create index \"memory_terms_memory_id_index\" on \"memory_terms\" (\"memory_id\");");
    this.addSql("alter table \"memories\" add \"occurred_at\" timestamptz null, add \"doc_length\" int not null default 0, add \"terms_version\" int not null default 0;");
    this.addSql("create index \"memories_user_id_doc_length_index\" on \"memories\" (\"user_id\") include (\"doc_length\");");
  }
}
