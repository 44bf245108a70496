import { Migration } from '@mikro-orm/migrations';

export class Migration20261123214345Init extends Migration {
  override up(): void {
    this.addSql("create table \"companion_states\" (\"user_id\" uuid not null, \"persona_id\" varchar(80) not null, \"mode\" text not null, \"pleasure\" double precision not null, \"arousal\" double precision not null, \"dominance\" double precision not null, \"mood_updated_at\" timestamptz not null, \"affinity\" double precision not null, \"updated_at\" timestamptz not null, primary key (\"user_id\"));");
    this.addSql("create table \"mode_transitions\" (\"id\" bigserial primary key, \"user_id\" uuid not null, \"from_mode\" text not null, \"to_mode\" text not null, \"reason\" varchar(200) not null, \"at\" timestamptz not null);");
    this.addSql("create index \"mode_transitions_user_id_at_index\" on \"mode_transitions\" (\"user_id\", \"at\");");
    this.addSql("create table \"personas\" (\"id\" varchar(80) not null, \"owner_user_id\" uuid not null, \"name\" varchar(200) not null, \"description\" text not null, \"greeting\" text not null, \"definition\" jsonb not null, \"created_at\" timestamptz not null, primary key (\"id\"));");
    this.addSql("create index \"personas_owner_user_id_index\" on \"personas\" (\"owner_user_id\");");
    this.addSql("alter table \"companion_states\" add constraint \"companion_states_mode_check\" check (\"mode\" in ('CASUAL', 'SUPPORTIVE', 'PLAYFUL', 'FOCUSED', 'REFLECTIVE'));");
    this.addSql("alter table \"mode_transitions\" add constraint \"mode_transitions_from_mode_check\" check (\"from_mode\" in ('CASUAL', 'SUPPORTIVE', 'PLAYFUL', 'FOCUSED', 'REFLECTIVE'));");
    this.addSql("alter table \"mode_transitions\" add constraint \"mode_transitions_to_mode_check\" check (\"to_mode\" in ('CASUAL', 'SUPPORTIVE', 'PLAYFUL', 'FOCUSED', 'REFLECTIVE'));");
  }
}
