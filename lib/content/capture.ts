// Captures a request's content for prompt logging — created only when the account had prompt
// logging on at the moment the request started (the pipeline checks; nothing else creates one).
// The plaintext lives in this object's memory until `seal()` encrypts it for the record, under the
// account's content key, fetched (or made) when the capture starts.
import { sealContent, type TContentKey, type TSealed } from "@/lib/content/crypto";
import { getContentKey } from "@/lib/content/keys";
import type { TChatMessage } from "@/lib/gateway/adapters";

export type TSealedContent = TSealed & { generationId: string; userId: string; createdAt: Date; expiresAt: Date };

export type TStoredContent = {
  input: { messages: TChatMessage[] };
  output: { completion: string; is_partial: boolean };
};

export class ContentCapture {
  private completion = "";
  private isPartial = false;

  private constructor(
    private readonly generationId: string,
    private readonly userId: string,
    private readonly messages: TChatMessage[],
    private readonly retentionDays: number,
    private readonly contentKey: TContentKey,
  ) {}

  /** A capture for one request, with the account's content key ready for `seal()`. */
  static async start(
    generationId: string,
    userId: string,
    messages: TChatMessage[],
    retentionDays: number,
  ): Promise<ContentCapture> {
    return new ContentCapture(generationId, userId, messages, retentionDays, await getContentKey(userId));
  }

  append(text: string): void {
    this.completion += text;
  }

  setCompletion(text: string): void {
    this.completion = text;
  }

  /** A stream that failed or was cancelled keeps what arrived, marked partial. */
  markPartial(): void {
    this.isPartial = true;
  }

  seal(now = new Date()): TSealedContent {
    const stored: TStoredContent = {
      input: { messages: this.messages },
      output: { completion: this.completion, is_partial: this.isPartial },
    };
    const sealed = sealContent(JSON.stringify(stored), this.generationId, this.userId, this.contentKey);
    return {
      ...sealed,
      generationId: this.generationId,
      userId: this.userId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.retentionDays * 86_400_000),
    };
  }
}
