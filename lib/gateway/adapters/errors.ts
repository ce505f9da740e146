// Errors the adapters throw. Their messages are written by Privet, never copied from the request
// or the upstream body, so they are safe to log and to return to the client (PRODUCT.md rule 1).

/** The upstream answered 2xx with a body Privet cannot read (bad JSON shape, an error object…). */
export class UpstreamFormatError extends Error {
  override readonly name = "UpstreamFormatError";
}

/**
 * The request cannot be expressed in the upstream's API (e.g. audio input to Anthropic).
 * `field` is the dotted path of the offending field, as in chat-schema's errors; the router
 * answers 400 or tries an endpoint whose API can carry the request.
 */
export class AdapterRequestError extends Error {
  override readonly name = "AdapterRequestError";
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
