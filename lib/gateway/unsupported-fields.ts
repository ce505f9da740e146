// OpenRouter's chat request fields that Privet does not implement, each with the reason. A request
// that asks for one of them is refused with a 400 naming the field (never silently ignored, never
// forwarded: the adapters' allowlist, adapters/egress.ts, would drop it anyway). A field that asks
// for nothing (null, an empty list, false) is simply absent. The API reference prints this table.
//
// `transforms` and `plugins` are checked value by value: Privet implements the middle-out
// transform (also named as the context-compression plugin, see middle-out.ts) and nothing else.
import type { TFieldError } from "@/lib/gateway/chat-errors";

export const UNSUPPORTED_FIELDS: Readonly<Record<string, string>> = {
  prediction: "predicted outputs are not passed to providers",
  web_search_options: "Privet runs no web search",
  audio: "audio output is not routed",
  image_config: "image generation is not routed",
  debug: "Privet never echoes the provider's request body",
  cache_control: "put cache_control on the content parts to cache instead",
  prompt_cache_key: "prompt-cache routing hints are not passed to providers",
  prompt_cache_options: "prompt-cache routing hints are not passed to providers",
  stop_server_tools_when: "Privet runs no server tools",
  functions: "use tools (OpenAI's older function calling is not translated)",
  function_call: "use tool_choice (OpenAI's older function calling is not translated)",
};

/** OpenRouter's plugins Privet knows of, so a refusal may name them (any other id is not echoed). */
const KNOWN_PLUGINS = new Set([
  "auto-beta-router",
  "auto-router",
  "file-parser",
  "fusion",
  "moderation",
  "pareto-router",
  "response-healing",
  "switchyard-router",
  "web",
  "web-fetch",
]);
export const CONTEXT_COMPRESSION_PLUGIN = "context-compression";
export const MIDDLE_OUT = "middle-out";
/** `service_tier` values that ask for nothing beyond the default. */
const DEFAULT_SERVICE_TIERS = new Set(["auto", "default"]);

const isAbsent = (value: unknown) =>
  value === null || value === undefined || value === false || (Array.isArray(value) && value.length === 0);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The first field of the body that asks for something Privet does not implement, worded like
 * chat-schema's errors (the field and why; never the value the client sent), or null.
 */
export function unsupportedFieldError(body: Record<string, unknown>): TFieldError | null {
  for (const field in UNSUPPORTED_FIELDS) {
    if (!isAbsent(body[field])) return { field, message: `is not supported by Privet: ${UNSUPPORTED_FIELDS[field]}` };
  }
  const tier = body.service_tier;
  if (!isAbsent(tier) && !(typeof tier === "string" && DEFAULT_SERVICE_TIERS.has(tier))) {
    return {
      field: "service_tier",
      message: 'is not supported by Privet beyond "auto": service tiers are not passed to providers',
    };
  }
  const modalities = body.modalities;
  if (!isAbsent(modalities) && !(Array.isArray(modalities) && modalities.every((m) => m === "text"))) {
    return { field: "modalities", message: 'is not supported by Privet beyond ["text"]: only text output is routed' };
  }
  const transforms = body.transforms;
  if (transforms !== null && transforms !== undefined) {
    if (!Array.isArray(transforms))
      return { field: "transforms", message: 'must be an array of transform names (Privet implements "middle-out")' };
    const i = transforms.findIndex((t) => t !== MIDDLE_OUT);
    if (i !== -1)
      return {
        field: `transforms[${i}]`,
        message: 'is not supported by Privet: it implements only the "middle-out" transform',
      };
  }
  const plugins = body.plugins;
  if (plugins !== null && plugins !== undefined) {
    if (!Array.isArray(plugins))
      return {
        field: "plugins",
        message: 'must be an array of plugin objects (Privet implements "context-compression")',
      };
    for (let i = 0; i < plugins.length; i++) {
      const plugin: unknown = plugins[i];
      const id = isRecord(plugin) ? plugin.id : undefined;
      if (id === CONTEXT_COMPRESSION_PLUGIN) {
        const engine = (plugin as Record<string, unknown>).engine;
        if (engine !== undefined && engine !== null && engine !== MIDDLE_OUT) {
          return {
            field: `plugins[${i}].engine`,
            message: 'is not supported by Privet: it implements only the "middle-out" engine',
          };
        }
        continue;
      }
      // A disabled plugin asks for nothing.
      if (isRecord(plugin) && plugin.enabled === false) continue;
      const name = typeof id === "string" && KNOWN_PLUGINS.has(id) ? ` (${id})` : "";
      return {
        field: `plugins[${i}]`,
        message: `is a plugin${name} Privet does not support: it implements only "context-compression"`,
      };
    }
  }
  return null;
}

/**
 * Whether the request turns middle-out on (true), off (false) or leaves it to the default (null):
 * `transforms: ["middle-out"]` or the context-compression plugin turn it on; an explicit empty
 * `transforms` or a disabled plugin turn it off, as OpenRouter documents. Called on a body that
 * unsupportedFieldError accepted.
 */
export function middleOutChoice(body: Record<string, unknown>): boolean | null {
  const plugin = Array.isArray(body.plugins)
    ? body.plugins.find((p: unknown) => isRecord(p) && p.id === CONTEXT_COMPRESSION_PLUGIN)
    : undefined;
  if (isRecord(plugin)) return plugin.enabled !== false;
  if (Array.isArray(body.transforms)) return body.transforms.includes(MIDDLE_OUT);
  return null;
}
