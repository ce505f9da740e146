-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "promptLogging" BOOLEAN NOT NULL DEFAULT false,
    "allowTrainingPaid" BOOLEAN NOT NULL DEFAULT false,
    "allowTrainingFree" BOOLEAN NOT NULL DEFAULT false,
    "zdrOnly" BOOLEAN NOT NULL DEFAULT false,
    "ignoredProviders" TEXT NOT NULL DEFAULT '[]',
    "contentRetentionDays" INTEGER NOT NULL DEFAULT 30,
    "metadataRetentionDays" INTEGER NOT NULL DEFAULT 365,
    "settingsUpdatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Provider" (
    "slug" TEXT NOT NULL,
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
    "position" INTEGER NOT NULL,

    CONSTRAINT "Provider_pkey" PRIMARY KEY ("slug")
);

-- CreateTable
CREATE TABLE "Model" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "author" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "description" TEXT,
    "contextLength" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "Model_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Endpoint" (
    "id" TEXT NOT NULL,
    "modelId" TEXT NOT NULL,
    "providerSlug" TEXT NOT NULL,
    "upstreamModel" TEXT NOT NULL,
    "pricePrompt" DOUBLE PRECISION NOT NULL,
    "priceCompletion" DOUBLE PRECISION NOT NULL,
    "priceRequest" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "quantization" TEXT,
    "supportedParameters" TEXT NOT NULL DEFAULT '[]',
    "free" BOOLEAN NOT NULL DEFAULT false,
    "contextLength" INTEGER,
    "maxOutputTokens" INTEGER,
    "dataPolicy" TEXT NOT NULL DEFAULT '{}',

    CONSTRAINT "Endpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Generation" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "apiKeyId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
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
    "cost" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "attempts" TEXT NOT NULL DEFAULT '[]',
    "dataPolicy" TEXT,
    "contentStored" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Generation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GenerationContent" (
    "generationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "iv" BYTEA NOT NULL,
    "ciphertext" BYTEA NOT NULL,
    "tag" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GenerationContent_pkey" PRIMARY KEY ("generationId")
);

-- CreateTable
CREATE TABLE "CategorySample" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "generationId" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CategorySample_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AnonymousSample" (
    "id" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "category" TEXT NOT NULL,

    CONSTRAINT "AnonymousSample_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActivityRollup" (
    "userId" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "bucketStart" TIMESTAMP(3) NOT NULL,
    "model" TEXT NOT NULL,
    "providerSlug" TEXT NOT NULL,
    "providerName" TEXT NOT NULL DEFAULT '',
    "apiKeyId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "app" TEXT NOT NULL,
    "requests" INTEGER NOT NULL,
    "promptTokens" INTEGER NOT NULL,
    "completionTokens" INTEGER NOT NULL,
    "cost" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "ActivityRollup_pkey" PRIMARY KEY ("userId","unit","bucketStart","model","providerSlug","apiKeyId","status","app")
);

-- CreateTable
CREATE TABLE "RateLimitWindow" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RateLimitWindow_pkey" PRIMARY KEY ("key","windowStart")
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
CREATE INDEX "Generation_userId_createdAt_id_idx" ON "Generation"("userId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Generation_userId_model_createdAt_idx" ON "Generation"("userId", "model", "createdAt");

-- CreateIndex
CREATE INDEX "Generation_userId_providerSlug_createdAt_idx" ON "Generation"("userId", "providerSlug", "createdAt");

-- CreateIndex
CREATE INDEX "Generation_userId_status_createdAt_idx" ON "Generation"("userId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "Generation_userId_apiKeyId_createdAt_idx" ON "Generation"("userId", "apiKeyId", "createdAt");

-- CreateIndex
CREATE INDEX "Generation_userId_appReferer_createdAt_idx" ON "Generation"("userId", "appReferer", "createdAt");

-- CreateIndex
CREATE INDEX "GenerationContent_userId_idx" ON "GenerationContent"("userId");

-- CreateIndex
CREATE INDEX "GenerationContent_expiresAt_idx" ON "GenerationContent"("expiresAt");

-- CreateIndex
CREATE INDEX "CategorySample_userId_idx" ON "CategorySample"("userId");

-- CreateIndex
CREATE INDEX "CategorySample_createdAt_idx" ON "CategorySample"("createdAt");

-- CreateIndex
CREATE INDEX "AnonymousSample_day_idx" ON "AnonymousSample"("day");

-- CreateIndex
CREATE INDEX "RateLimitWindow_expiresAt_idx" ON "RateLimitWindow"("expiresAt");

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Endpoint" ADD CONSTRAINT "Endpoint_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Endpoint" ADD CONSTRAINT "Endpoint_providerSlug_fkey" FOREIGN KEY ("providerSlug") REFERENCES "Provider"("slug") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Generation" ADD CONSTRAINT "Generation_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GenerationContent" ADD CONSTRAINT "GenerationContent_generationId_fkey" FOREIGN KEY ("generationId") REFERENCES "Generation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GenerationContent" ADD CONSTRAINT "GenerationContent_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CategorySample" ADD CONSTRAINT "CategorySample_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivityRollup" ADD CONSTRAINT "ActivityRollup_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
