import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createClient } from 'redis';

/**
 * Real services for the multi-process tests: PostgreSQL (trust auth; `TEST_DATABASE_URL`) and
 * Redis (`REDIS_URL`). Each test file gets its own database and Redis prefix and removes them.
 */
export const testRedisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const adminDatabaseUrl =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A fresh database `werkraum_test_<random>`; `drop()` removes it (closing other sessions). */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `werkraum_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminDatabaseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminDatabaseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminDatabaseUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** A unique Redis prefix; `clean()` deletes every key under it. */
export function createTestRedisPrefix(): { prefix: string; clean: () => Promise<void> } {
  const prefix = `werkraum-test-${randomBytes(6).toString('hex')}`;
  return {
    prefix,
    clean: async () => {
      const client = createClient({ url: testRedisUrl });
      await client.connect();
      try {
        const keys: string[] = [];
        for await (const batch of client.scanIterator({ MATCH: `${prefix}:*`, COUNT: 500 })) {
          keys.push(...batch);
        }
        if (keys.length > 0) await client.del(keys);
      } finally {
        await client.close();
      }
    },
  };
}
