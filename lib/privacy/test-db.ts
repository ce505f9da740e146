// A throw-away, migrated database (SQLite, or PostgreSQL in the PostgreSQL test pass) for the privacy and rankings tests, with small row
// factories. Lighter than tests/support/harness.ts: no upstream, no HTTP, just the real schema.
// Each vitest file runs in its own process, so the environment set here is that file's alone.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createTestDatabase } from "@/tests/support/database";

export async function startTestDb() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "privet-privacy-"));
  const database = await createTestDatabase(dir);
  Object.assign(process.env, {
    PRIVET_DATA_DIR: dir,
    DATABASE_URL: database.url,
    AUTH_SECRET: "privacy-test-auth-secret",
    PRIVET_ENCRYPTION_KEY: "privacy-test-encryption-key",
  });
  const { applyMigrations } = await import("@/lib/server/migrate");
  const migrated = await applyMigrations(process.cwd());
  if (!migrated.ok) throw new Error(migrated.output);
  const { configureDatabase, db } = await import("@/lib/db");
  await configureDatabase();

  let counter = 0;
  const id = (prefix: string) => `${prefix}-${(counter += 1)}-${crypto.randomBytes(4).toString("hex")}`;

  async function createUser(
    settings: { contentRetentionDays?: number; metadataRetentionDays?: number; promptLogging?: boolean } = {},
  ) {
    return db.user.create({
      data: { email: `${id("user")}@example.com`, passwordHash: "not-a-hash", ...settings },
      select: { id: true, email: true },
    });
  }

  async function createGeneration(
    userId: string,
    fields: {
      createdAt: Date;
      model?: string;
      status?: string;
      promptTokens?: number;
      completionTokens?: number;
      apiKeyId?: string | null;
      kind?: string;
    },
  ) {
    return db.generation.create({
      data: {
        id: id("gen"),
        userId,
        apiKeyId: fields.apiKeyId ?? null,
        createdAt: fields.createdAt,
        model: fields.model ?? "e2e/echo",
        status: fields.status ?? "success",
        httpStatus: fields.status && fields.status !== "success" ? 502 : 200,
        promptTokens: fields.promptTokens ?? 10,
        completionTokens: fields.completionTokens ?? 5,
        ...(fields.kind !== undefined ? { kind: fields.kind } : {}),
      },
    });
  }

  /** Stores (fake) sealed content for a generation and marks the record as holding content. */
  async function storeContent(userId: string, generationId: string, fields: { createdAt: Date; expiresAt: Date }) {
    await db.generation.update({ where: { id: generationId }, data: { contentStored: true } });
    return db.generationContent.create({
      data: {
        generationId,
        userId,
        keyId: "k1",
        iv: new Uint8Array(crypto.randomBytes(12)),
        ciphertext: new Uint8Array(crypto.randomBytes(32)),
        tag: new Uint8Array(crypto.randomBytes(16)),
        createdAt: fields.createdAt,
        expiresAt: fields.expiresAt,
      },
    });
  }

  async function createLinkedSample(
    userId: string,
    generationId: string,
    fields: { createdAt: Date; model?: string; category?: string },
  ) {
    return db.categorySample.create({
      data: {
        id: id("sample"),
        userId,
        generationId,
        model: fields.model ?? "e2e/echo",
        category: fields.category ?? "programming",
        createdAt: fields.createdAt,
      },
    });
  }

  return {
    dir,
    db,
    createUser,
    createGeneration,
    storeContent,
    createLinkedSample,
    async close() {
      await db.$disconnect();
      await database.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const DAY_MS = 86_400_000;
export const daysAgo = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);
