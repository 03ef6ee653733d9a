import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createClient } from 'redis';

/** Redis of this machine (CI starts it); `REDIS_URL` overrides. */
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** A PostgreSQL server with trust auth; `TEST_DATABASE_URL` overrides. */
const ADMIN_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A key prefix of its own for one test, so that tests never see each other's keys. */
export function uniqueRedisPrefix(): string {
  return `werkraum-test-${randomBytes(6).toString('hex')}`;
}

/** Deletes every key that starts with `prefix`. */
export async function cleanRedis(prefix: string): Promise<void> {
  const client = createClient({ url: REDIS_URL });
  await client.connect();
  try {
    const keys: string[] = [];
    for await (const batch of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
      keys.push(...(Array.isArray(batch) ? batch : [batch]));
    }
    if (keys.length > 0) await client.del(keys);
  } finally {
    await client.quit();
  }
}

/** A fresh PostgreSQL database for one test (or benchmark run); `drop()` removes it. */
export async function createTestDatabase(
  kind: 'test' | 'bench' = 'test',
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `werkraum_${kind}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
