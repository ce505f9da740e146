// The metadata writer's fast path on SQLite: one dedicated better-sqlite3 connection with prepared
// statements, one `BEGIN IMMEDIATE … COMMIT` per batch, on a worker thread of its own. Going
// through Prisma's query compiler for every batch cost about a third of the gateway's CPU, and
// running the statements on the main thread, commits and WAL checkpoints included, still cost
// 10–15 % of it and held the event loop while the database was busy (bench/README.md). The main
// thread builds the statements and their values (in the formats the Prisma client reads back: ISO
// text dates with an offset, 0/1 booleans); the worker only runs them. The recorder writes one batch
// at a time, so nothing else ever uses this connection concurrently.
import { createRequire } from "node:module";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { singleton } from "@/lib/singleton";

type TValue = string | number | bigint | Buffer | null;

export function toSqliteValue(value: unknown): TValue {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Uint8Array) return Buffer.from(value);
  if (typeof value === "string" || typeof value === "number" || typeof value === "bigint") return value;
  return JSON.stringify(value);
}

/** One statement of a batch, its values already converted (toSqliteValue). */
export type TSqliteStatement = { sql: string; params: TValue[] };

/** Collects a batch's statements on the main thread; `write` runs them in one transaction. */
export class SqliteBatch {
  readonly statements: TSqliteStatement[] = [];

  /** Inserts rows into a table (column names from the first row's keys, fixed per table). */
  insert(table: string, rows: Record<string, unknown>[]): void {
    if (rows.length === 0) return;
    const columns = Object.keys(rows[0]!);
    const sql = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`;
    for (const row of rows) this.statements.push({ sql, params: columns.map((c) => toSqliteValue(row[c])) });
  }

  run(sql: string, params: unknown[]): void {
    this.statements.push({ sql, params: params.map(toSqliteValue) });
  }
}

export type TSqliteWriter = {
  /** Runs the statements in one `BEGIN IMMEDIATE … COMMIT`; rejects (and rolls back) when one fails. */
  write(statements: readonly TSqliteStatement[]): Promise<void>;
};

/** The SQLite file of a `file:` DATABASE_URL, or null for any other database. */
export function sqliteFile(url: string): string | null {
  if (!url.startsWith("file:")) return null;
  const file = url.slice("file:".length).split("?")[0]!;
  return file && file !== ":memory:" ? file : null;
}

// The worker's code, plain CommonJS (no loader, no bundler: the Next.js bundle may create the
// writer too). It opens the file once and answers each batch with { id, ok } or the error's
// message and code, never the values.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const conn = new Database(workerData.file, { timeout: 5000, fileMustExist: true });
conn.pragma("journal_mode = WAL");
conn.pragma("synchronous = NORMAL");
conn.pragma("foreign_keys = ON");
conn.pragma("secure_delete = ON");
const statements = new Map();
const prepare = (sql) => {
  let statement = statements.get(sql);
  if (!statement) {
    statement = conn.prepare(sql);
    statements.set(sql, statement);
  }
  return statement;
};
const begin = conn.prepare("BEGIN IMMEDIATE");
const commit = conn.prepare("COMMIT");
const rollback = conn.prepare("ROLLBACK");
const texts = [];
parentPort.on("message", ({ id, sql, ops, params }) => {
  for (const [sqlId, text] of sql) texts[sqlId] = text;
  try {
    begin.run();
    for (let i = 0; i < ops.length; i++) prepare(texts[ops[i]]).run(...params[i]);
    commit.run();
    parentPort.postMessage({ id, ok: true });
  } catch (error) {
    if (conn.inTransaction) rollback.run();
    parentPort.postMessage({ id, ok: false, message: String(error && error.message), code: error && error.code });
  }
});
`;

type TReply = { id: number; ok: boolean; message?: string; code?: string };

function createWriter(file: string): TSqliteWriter {
  let worker: Worker | null = null;
  let nextId = 0;
  // Each statement's text crosses to the worker once (it keeps them prepared by number); a batch
  // sends numbers and values only.
  let sqlIds = new Map<string, number>();
  const waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();

  const failAll = (error: Error) => {
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
    worker = null;
    sqlIds = new Map();
  };
  const start = (): Worker => {
    // Resolved from the app's root (the server runs there), the same in the Next.js bundle; the
    // worker's eval'd code has no location of its own.
    const driver = createRequire(path.join(process.cwd(), "package.json")).resolve("better-sqlite3");
    const started = new Worker(WORKER_SOURCE, { eval: true, execArgv: [], workerData: { file, driver } });
    started.on("message", (reply: TReply) => {
      const entry = waiting.get(reply.id);
      if (!entry) return;
      waiting.delete(reply.id);
      if (waiting.size === 0) started.unref();
      if (reply.ok) entry.resolve();
      else entry.reject(Object.assign(new Error(reply.message ?? "SQLite write failed"), { code: reply.code }));
    });
    started.on("error", (error) => failAll(error));
    started.on("exit", (code) => {
      if (worker === started) failAll(new Error(`the SQLite writer stopped (exit ${code})`));
    });
    started.unref();
    return started;
  };

  return {
    write(statements) {
      if (statements.length === 0) return Promise.resolve();
      const current = (worker ??= start());
      const id = nextId++;
      const sql: [number, string][] = [];
      const ops = new Array<number>(statements.length);
      const params = new Array<TValue[]>(statements.length);
      for (let i = 0; i < statements.length; i++) {
        const statement = statements[i]!;
        let sqlId = sqlIds.get(statement.sql);
        if (sqlId === undefined) {
          sqlId = sqlIds.size;
          sqlIds.set(statement.sql, sqlId);
          sql.push([sqlId, statement.sql]);
        }
        ops[i] = sqlId;
        params[i] = statement.params;
      }
      return new Promise<void>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        // Held while a batch is in flight, so a shutdown's last flush is waited for.
        current.ref();
        current.postMessage({ id, sql, ops, params });
      });
    },
  };
}

/** The writer for this database file, created once per process. */
export function sqliteWriter(file: string): TSqliteWriter {
  return singleton(`sqlite-writer:${file}`, () => createWriter(file));
}
