// Import cycles among the modules of a folder (lib/ by default). A cycle makes load order decide
// what a module sees of another (a value imported across it can still be undefined), and ties two
// modules that should layer: issue 20 removed the last ones. `import type` counts too: a type that
// two modules both need belongs in a third. Dynamic `import()` does not: it runs after loading.
// Run: node --import tsx scripts/import-cycles.ts [folder]; scripts/import-cycles.test.ts keeps lib/ free of them.
import fs from "node:fs";
import path from "node:path";

export type TImportGraph = Map<string, string[]>;

// `import … from "x"` and `export … from "x"` (across lines too), and a bare `import "x"`.
const FROM_IMPORT = /^\s*(?:import|export)\b[^;'"]*?\bfrom\s*["']([^"']+)["']/gm;
const BARE_IMPORT = /^\s*import\s*["']([^"']+)["']/gm;

/** The module specifiers a source file imports statically. */
export function importsOf(source: string): string[] {
  return [...source.matchAll(FROM_IMPORT), ...source.matchAll(BARE_IMPORT)].map((m) => m[1]!);
}

function resolveModule(root: string, fromFile: string, specifier: string): string | null {
  const base = specifier.startsWith("@/")
    ? path.join(root, specifier.slice(2))
    : specifier.startsWith(".")
      ? path.resolve(path.dirname(fromFile), specifier)
      : null;
  if (!base) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Every .ts/.tsx file under `folder` (tests and generated code aside), with the files of `folder` it imports. */
export function importGraph(root: string, folder: string): TImportGraph {
  const graph: TImportGraph = new Map();
  const inFolder = path.join(root, folder) + path.sep;
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "generated" && entry.name !== "node_modules") walk(file);
      } else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
        const targets = importsOf(fs.readFileSync(file, "utf8"))
          .map((specifier) => resolveModule(root, file, specifier))
          .filter((target): target is string => target !== null && target.startsWith(inFolder));
        graph.set(path.relative(root, file), [...new Set(targets.map((t) => path.relative(root, t)))]);
      }
    }
  };
  walk(inFolder);
  return graph;
}

/** The strongly connected components of more than one module (or a module importing itself): each holds a cycle. */
export function findCycles(graph: TImportGraph): string[][] {
  // Tarjan's algorithm, iterative over the modules in a stable order.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let next = 0;
  const visit = (start: string) => {
    const work: { node: string; edge: number }[] = [{ node: start, edge: 0 }];
    index.set(start, next);
    low.set(start, next++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const edges = graph.get(frame.node) ?? [];
      if (frame.edge < edges.length) {
        const target = edges[frame.edge++]!;
        if (!index.has(target)) {
          index.set(target, next);
          low.set(target, next++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, edge: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        if (component.length > 1 || edges.includes(frame.node)) cycles.push(component.sort());
      }
    }
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return cycles;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const folder = process.argv[2] ?? "lib";
  const cycles = findCycles(importGraph(process.cwd(), folder));
  for (const cycle of cycles) process.stdout.write(`cycle: ${cycle.join(" ↔ ")}\n`);
  process.stdout.write(`${cycles.length} import cycle(s) in ${folder}/\n`);
  process.exitCode = cycles.length > 0 ? 1 : 0;
}
