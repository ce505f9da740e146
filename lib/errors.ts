// One error type for expected failures. The API maps it to the documented error shape
// `{ error: { code, message, metadata } }`; the UI shows its message. Messages never carry content.

export type TErrorCode =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "rate_limited"
  | "timeout"
  | "upstream_error"
  | "unavailable"
  | "internal";

const STATUS: Record<TErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  timeout: 504,
  upstream_error: 502,
  unavailable: 503,
  internal: 500,
};

export class AppError extends Error {
  readonly code: TErrorCode;
  readonly status: number;
  readonly metadata: Record<string, unknown> | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(
    code: TErrorCode,
    message: string,
    options: { status?: number; metadata?: Record<string, unknown>; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.status = options.status ?? STATUS[code];
    this.metadata = options.metadata;
    this.headers = options.headers;
  }
}

export type TErrorBody = { error: { code: number; message: string; metadata?: Record<string, unknown> } };

export function errorBody(error: AppError): TErrorBody {
  return {
    error: { code: error.status, message: error.message, ...(error.metadata ? { metadata: error.metadata } : {}) },
  };
}

/** Typed result of a server action or a use case the UI calls. */
export type TResult<T> = { ok: true; data: T } | { ok: false; error: string; fieldErrors?: Record<string, string> };
