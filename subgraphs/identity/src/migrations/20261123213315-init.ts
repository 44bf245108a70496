import { Migration } from '@mikro-orm/migrations';

export class Migration20261123213315Init extends Migration {
  override up(): void {
    this.addSql("create table \"api_keys\" (\"id\" varchar(32) not null, \"user_id\" uuid not null, \"name\" varchar(100) not null, \"scopes\" jsonb not null, \"secret_hash\" varchar(64) not null, \"created_at\" timestamptz not null, \"revoked_at\" timestamptz null, \"last_used_at\" timestamptz null, primary key (\"id\"));");
    this.addSql("create index \"api_keys_user_id_index\" on \"api_keys\" (\"user_id\");");
    this.addSql("create table \"platform_identities\" (\"id\" uuid not null, \"user_id\" uuid not null, \"platform\" text not null, \"external_id\" varchar(200) not null, \"username\" varchar(200) null, \"created_at\" timestamptz not null, primary key (\"id\"));");
    this.addSql("create index \"platform_identities_user_id_index\" on \"platform_identities\" (\"user_id\");");
    this.addSql("alter table \"platform_identities\" add constraint \"platform_identities_platform_external_id_unique\" unique (\"platform\", \"external_id\");");
    this.addSql("create table \"signing_keys\" (\"kid\" varchar(64) not null, \"private_jwk\" jsonb not null, \"public_jwk\" jsonb not null, \"created_at\" timestamptz not null, primary key (\"kid\"));");
    this.addSql("create table \"users\" (\"id\" uuid not null, \"email\" varchar(320) null, \"password_hash\" varchar(255) null, \"display_name\" varchar(100) not null, \"created_at\" timestamptz not null, primary key (\"id\"));");
    this.addSql("alter table \"users\" add constraint \"users_email_unique\" unique (\"email\");");
    this.addSql("alter table \"platform_identities\" add constraint \"platform_identities_platform_check\" check (\"platform\" in ('WEB', 'TELEGRAM', 'TWITTER', 'API'));");
  }
}
