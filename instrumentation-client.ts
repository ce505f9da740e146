// Runs in the browser before any of the app's own code (a Next.js file convention, like proxy.ts).
// zod compiles object parsers with `new Function` when it can, and probes whether it can when the
// first object schema is built. Under the pages' Content-Security-Policy (no 'unsafe-eval', see
// proxy.ts) the probe is refused, and the browser reports that as a violation even though zod
// catches it. Parsing without the compiled fast path avoids the probe; the forms' schemas are small.
import { z } from "zod";

z.config({ jitless: true });
