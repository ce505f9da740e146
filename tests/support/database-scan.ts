// What a PostgreSQL database holds, as "files" for the leak scans (tests/support/leak-scan.ts,
// privacy-leak.test.ts). On SQLite the database is a file in the data directory (with its WAL) and
// the scans read it there; on PostgreSQL it lives in the server, so the scans read it through SQL
// instead: every text-like and bytea column of every table of the schema, one entry per table, and
// what the server wrote to its log while the test file ran (a statement that fails is logged with
// its text). Values come back decompressed and whole, whatever PostgreSQL stored out of line.
import fs from "node:fs";
import path from "node:path";
import { withPostgresClient } from "@/tests/support/database";

export type TScanned = { file: string; bytes: Buffer };

const TEXT_TYPES = ["text", "character varying", "character", "json", "jsonb", "xml", "ARRAY", "USER-DEFINED"];

/** Every text-like and bytea value of every table in the database at `url`, as one entry per table ("database: <table>"). */
export async function readPostgresTables(url: string): Promise<TScanned[]> {
  return withPostgresClient(url, async (client) => {
    const { rows: columns } = await client.query<{ table: string; column: string; type: string }>(
      `SELECT c.table_name AS table, c.column_name AS column, c.data_type AS type
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
       WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' AND (c.data_type = 'bytea' OR CAST(c.data_type AS TEXT) = ANY($1::text[]))
       ORDER BY c.table_name, c.ordinal_position`,
      [TEXT_TYPES],
    );
    const byTable = new Map<string, { column: string; type: string }[]>();
    for (const c of columns) byTable.set(c.table, [...(byTable.get(c.table) ?? []), c]);
    const out: TScanned[] = [];
    for (const [table, cols] of byTable) {
      const select = cols
        .map((c, i) => (c.type === "bytea" ? `"${c.column}" AS c${i}` : `CAST("${c.column}" AS TEXT) AS c${i}`))
        .join(", ");
      const { rows } = await client.query<Record<string, string | Buffer | null>>(`SELECT ${select} FROM "${table}"`);
      const parts: Buffer[] = [];
      for (const row of rows) {
        for (const value of Object.values(row)) {
          if (value === null) continue;
          parts.push(Buffer.isBuffer(value) ? value : Buffer.from(value, "utf8"), Buffer.from("\n"));
        }
      }
      out.push({ file: `database: ${table}`, bytes: Buffer.concat(parts) });
    }
    return out;
  });
}

export type TServerLog = { file: string; offset: number };

const isLoopback = (host: string) =>
  host === "localhost" || host.startsWith("127.") || host === "[::1]" || host === "::1" || host === "";

/**
 * The server's log file and its current size, so a later read sees only what was logged after
 * this call; null when the server is not on this machine or its log cannot be read. The file is
 * the one the server names (logging_collector on), or Debian's default place for the cluster.
 */
export async function markServerLog(url: string): Promise<TServerLog | null> {
  if (!isLoopback(new URL(url).hostname)) return null;
  const candidates = await withPostgresClient(url, async (client) => {
    const { rows } = await client.query<{ current: string | null; dir: string; version: string }>(
      `SELECT pg_current_logfile() AS current, current_setting('data_directory') AS dir, current_setting('server_version_num') AS version`,
    );
    const r = rows[0]!;
    const major = Math.floor(Number(r.version) / 10_000);
    return [...(r.current ? [path.resolve(r.dir, r.current)] : []), `/var/log/postgresql/postgresql-${major}-main.log`];
  });
  for (const file of candidates) {
    try {
      fs.accessSync(file, fs.constants.R_OK);
      return { file, offset: fs.statSync(file).size };
    } catch {
      // not this one
    }
  }
  return null;
}

/** What the server logged since `mark` (every database's lines: markers are unique, so others' lines cannot match). */
export function readServerLog(mark: TServerLog): TScanned {
  const fd = fs.openSync(mark.file, "r");
  try {
    const size = fs.fstatSync(fd).size;
    // A rotated (shorter) log starts over.
    const from = size < mark.offset ? 0 : mark.offset;
    const bytes = Buffer.alloc(size - from);
    fs.readSync(fd, bytes, 0, bytes.length, from);
    return { file: "server log", bytes };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Makes the server log a line holding `control` (a statement that fails is logged with its text),
 * so a scan can prove it reads the log it means to.
 */
export async function logControl(url: string, control: string): Promise<void> {
  await withPostgresClient(url, (client) =>
    client.query(`SELECT CAST('${control.replace(/'/g, "")}' AS INTEGER)`).catch(() => undefined),
  );
}

/**
 * The database as entries to scan besides the data directory's files: none on SQLite (privet.db
 * and its WAL are files there); on PostgreSQL every table and, when marked, the server log.
 */
export async function readDatabase(dialect: "sqlite" | "postgresql", log: TServerLog | null): Promise<TScanned[]> {
  if (dialect !== "postgresql") return [];
  return [...(await readPostgresTables(process.env.DATABASE_URL!)), ...(log ? [readServerLog(log)] : [])];
}

/** The scan entries that hold the database, which a scan must have seen: `tables` on PostgreSQL, the files on SQLite. */
export function databaseEntryNames(dialect: "sqlite" | "postgresql", tables: string[]): string[] {
  return dialect === "postgresql"
    ? [...tables.map((t) => `database: ${t}`), "server log"]
    : ["privet.db", "privet.db-wal"];
}
