// The database a test process runs on. SQLite by default: a file in the test's own directory.
// With PRIVET_TEST_POSTGRES_URL set (a PostgreSQL server URL whose database may create databases;
// `npm test` sets it for its PostgreSQL pass), each test process gets a fresh database of its own
// on that server, dropped again by `drop()`.
import crypto from "node:crypto";
import path from "node:path";
import pg from "pg";

export type TTestDatabase = { url: string; dialect: "sqlite" | "postgresql"; drop: () => Promise<void> };

/** Whether this test run is the PostgreSQL pass. */
export const isPostgresRun = (): boolean => Boolean(process.env.PRIVET_TEST_POSTGRES_URL);

/** `base` with its database name replaced by `name`. */
export function withDatabaseName(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs `run` on a connection of its own to the PostgreSQL database at `url`, closed afterwards. */
export async function withPostgresClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Drops the databases of test processes that died before dropping their own (a killed run). */
async function dropOrphans(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE 'privet\\_t\\_%'`,
  );
  for (const { datname } of rows) {
    const pid = Number(datname.split("_")[2]);
    if (Number.isInteger(pid) && pid > 0 && !isAlive(pid)) {
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
    }
  }
}

export async function createTestDatabase(dir: string): Promise<TTestDatabase> {
  const base = process.env.PRIVET_TEST_POSTGRES_URL;
  if (!base) return { url: `file:${path.join(dir, "privet.db")}`, dialect: "sqlite", drop: async () => {} };
  const name = `privet_t_${process.pid}_${crypto.randomBytes(4).toString("hex")}`;
  await withPostgresClient(base, async (client) => {
    await dropOrphans(client);
    await client.query(`CREATE DATABASE "${name}"`);
  });
  return {
    url: withDatabaseName(base, name),
    dialect: "postgresql",
    drop: () =>
      withPostgresClient(base, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}
