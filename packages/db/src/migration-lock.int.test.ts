import { Migration } from '@mikro-orm/migrations';
import { freshDatabaseTarget } from '@miyu/testing/test-database';
import { testEnv } from '@miyu/testing/env';
import { describe, expect, it } from 'vitest';
import { createOrm } from './create-orm.ts';

class CreateNotes extends Migration {
  override up(): void {
    this.addSql('create table "notes" ("id" int primary key);');
  }
}

class AddNoteBody extends Migration {
  override up(): void {
    this.addSql('alter table "notes" add column "body" text;');
  }
}

const MIGRATIONS = [
  { name: 'Migration1CreateNotes', class: CreateNotes },
  { name: 'Migration2AddNoteBody', class: AddNoteBody },
];

describe('migrations on start', () => {
  // PGlite is one process's own database: replicas starting together only exist on PostgreSQL
  it.runIf(testEnv().DATABASE_URL)(
    'lets replicas start together on a fresh schema: each migration runs once, no start fails',
    async () => {
      const target = freshDatabaseTarget('migration_lock');
      if (target.kind !== 'postgres') throw new Error('needs PostgreSQL');
      const table = (name: string) => `"${target.schema}"."${name}"`;
      const starts = await Promise.allSettled(
        Array.from({ length: 4 }, () => createOrm({ target, entities: [], migrations: MIGRATIONS })),
      );
      const orms = starts.flatMap((start) => (start.status === 'fulfilled' ? [start.value] : []));
      try {
        expect(starts.filter((start) => start.status === 'rejected').map((start) => String(start.reason))).toEqual([]);
        const connection = orms[0]!.em.getConnection();
        const applied = await connection.execute<{ name: string }[]>(
          `select name from ${table('mikro_orm_migrations')} order by id`,
        );
        expect(applied.map((row) => row.name)).toEqual(MIGRATIONS.map((migration) => migration.name));
        await connection.execute(`insert into ${table('notes')} (id, body) values (1, ?)`, [
          'written after the concurrent start',
        ]);
      } finally {
        if (orms[0]) await orms[0].em.getConnection().execute(`drop schema if exists "${target.schema}" cascade`);
        await Promise.all(orms.map((orm) => orm.close()));
      }
    },
  );
});
