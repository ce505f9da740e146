// Creating and dropping the end-to-end run's PostgreSQL database. Synchronous (through a child
// node process) because playwright.config.ts decides the run's settings synchronously, once, in the
// runner process.
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import { withDatabaseName } from "../../tests/support/database";

// argv[1]: the server URL to connect through; argv[2]: one statement.
const RUN_STATEMENT =
  "const pg=require('pg');const c=new pg.Client({connectionString:process.argv[1]});" +
  "c.connect().then(()=>c.query(process.argv[2])).then(()=>c.end()).catch((e)=>{console.error(`PostgreSQL: ${e.message}`);process.exit(1)})";

function runStatement(serverUrl: string, statement: string): void {
  execFileSync(process.execPath, ["-e", RUN_STATEMENT, serverUrl, statement], {
    stdio: ["ignore", "inherit", "inherit"],
    timeout: 60_000,
  });
}

/** A fresh database on the server `serverUrl` points at; returns its URL. */
export function createPostgresDatabase(serverUrl: string): string {
  const name = `privet_e2e_${process.pid}_${crypto.randomBytes(4).toString("hex")}`;
  runStatement(serverUrl, `CREATE DATABASE "${name}"`);
  return withDatabaseName(serverUrl, name);
}

/** Drops the database `url` names, connecting through `serverUrl`; whoever is still connected is cut off. */
export function dropPostgresDatabase(serverUrl: string, url: string): void {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  runStatement(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}
