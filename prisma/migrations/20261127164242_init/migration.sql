-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "promptLogging" BOOLEAN NOT NULL DEFAULT false,
    "allowTrainingPaid" BOOLEAN NOT NULL DEFAULT false,
    "allowTrainingFree" BOOLEAN NOT NULL DEFAULT false,
    "zdrOnly" BOOLEAN NOT NULL DEFAULT false,
    "ignoredProviders" TEXT NOT NULL DEFAULT '[]',
    "contentRetentionDays" INTEGER NOT NULL DEFAULT 30,
    "metadataRetentionDays" INTEGER NOT NULL DEFAULT 365,
    "settingsUpdatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME,
    "revokedAt" DATETIME,
    CONSTRAINT "ApiKey_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Provider" (
    "slug" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "api" TEXT NOT NULL,
    "baseUrl" TEXT NOT NULL,
    "apiKeyEnv" TEXT,
    "headquarters" TEXT,
    "training" BOOLEAN,
    "retainsPrompts" BOOLEAN,
    "retentionDays" INTEGER,
    "zdr" BOOLEAN,
    "canPublish" BOOLEAN,
    "termsUrl" TEXT,
    "privacyUrl" TEXT,
    "checkedAt" TEXT,
    "position" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "Model" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "author" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "description" TEXT,
    "contextLength" INTEGER NOT NULL,
    "position" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "Endpoint" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "modelId" TEXT NOT NULL,
    "providerSlug" TEXT NOT NULL,
    "upstreamModel" TEXT NOT NULL,
    "pricePrompt" REAL NOT NULL,
    "priceCompletion" REAL NOT NULL,
    "priceRequest" REAL NOT NULL DEFAULT 0,
    "quantization" TEXT,
    "supportedParameters" TEXT NOT NULL DEFAULT '[]',
    "free" BOOLEAN NOT NULL DEFAULT false,
    "contextLength" INTEGER,
    "maxOutputTokens" INTEGER,
    "dataPolicy" TEXT NOT NULL DEFAULT '{}',
    CONSTRAINT "Endpoint_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Endpoint_providerSlug_fkey" FOREIGN KEY ("providerSlug") REFERENCES "Provider" ("slug") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Generation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "apiKeyId" TEXT,
    "createdAt" DATETIME NOT NULL,
    "model" TEXT NOT NULL,
    "providerSlug" TEXT,
    "providerName" TEXT,
    "upstreamModel" TEXT,
    "origin" TEXT NOT NULL DEFAULT 'api',
    "appTitle" TEXT,
    "appReferer" TEXT,
    "userAgent" TEXT,
    "externalUser" TEXT,
    "streamed" BOOLEAN NOT NULL DEFAULT false,
    "cancelled" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL,
    "httpStatus" INTEGER NOT NULL,
    "errorCode" TEXT,
    "finishReason" TEXT,
    "nativeFinishReason" TEXT,
    "latencyMs" INTEGER,
    "firstTokenMs" INTEGER,
    "promptTokens" INTEGER NOT NULL DEFAULT 0,
    "completionTokens" INTEGER NOT NULL DEFAULT 0,
    "cost" REAL NOT NULL DEFAULT 0,
    "attempts" TEXT NOT NULL DEFAULT '[]',
    "dataPolicy" TEXT,
    "contentStored" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "Generation_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_hash_key" ON "ApiKey"("hash");

-- CreateIndex
CREATE INDEX "ApiKey_userId_createdAt_idx" ON "ApiKey"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "Model_author_slug_idx" ON "Model"("author", "slug");

-- CreateIndex
CREATE UNIQUE INDEX "Endpoint_modelId_providerSlug_key" ON "Endpoint"("modelId", "providerSlug");

-- CreateIndex
CREATE INDEX "Generation_userId_createdAt_idx" ON "Generation"("userId", "createdAt");
