import pg from 'pg';
import { TEST_DATABASE_URL } from './test-db.js';

/**
 * What a Postgres restart, a failover or an idle-connection reaper does to the app, on one test database:
 * `cut` refuses new connections and ends every open one (the app's pool sees 57P01, then 55000 on connect);
 * `restore` lets connections in again. Runs as the server's admin, from outside the app's pools.
 */
export interface ConnectionCutter {
  cut(): Promise<void>;
  restore(): Promise<void>;
}

export function connectionCutter(databaseUrl: string): ConnectionCutter {
  const name = new URL(databaseUrl).pathname.slice(1);
  if (!/^\w+$/.test(name)) throw new Error(`unexpected test database name ${name}`);
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  return {
    async cut() {
      await admin(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
      await admin(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`,
      );
    },
    async restore() {
      await admin(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
    },
  };
}
