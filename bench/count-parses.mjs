// Preload (`node --import ./bench/count-parses.mjs …`) that counts how many times each source text is
// parsed by TypeScript in this process, without changing the plugin: every parser in the process
// (@typescript-eslint/typescript-estree for ESLint's own parse, and whatever the plugin uses for the
// files it reads itself) ends in `ts.createSourceFile`. TypeScript's exports are getters that cannot be
// patched, so the preload hands out a counting view of the module instead: to `require('typescript')`
// (through the CommonJS cache and Module._load) and to `import … from 'typescript'` (through a module
// hook). Calls are counted by a hash of the source text, so a parse is attributed to its file whatever
// file name the caller passes. At exit the counts go to the JSON file named by BENCH_PARSE_COUNTS.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import Module, { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';

const out = process.env.BENCH_PARSE_COUNTS;
const require = createRequire(`${process.cwd()}/package.json`);
const tsPath = require.resolve('typescript');
const ts = require(tsPath);

/** sha1 of a source text -> number of parses. */
const counts = new Map();
function countedCreateSourceFile(fileName, sourceText, ...rest) {
  const hash = createHash('sha1').update(String(sourceText)).digest('hex');
  counts.set(hash, (counts.get(hash) ?? 0) + 1);
  return ts.createSourceFile(fileName, sourceText, ...rest);
}
const view = new Proxy(ts, { get: (target, key, receiver) => (key === 'createSourceFile' ? countedCreateSourceFile : Reflect.get(target, key, receiver)) });

require.cache[tsPath].exports = view;
const load = Module._load;
Module._load = function (...args) {
  const loaded = load.apply(this, args);
  return loaded === ts ? view : loaded;
};
const GLOBAL = Symbol.for('data-modeling.bench.typescript');
globalThis[GLOBAL] = view;
const names = Object.keys(ts).filter((name) => /^[A-Za-z_$][\w$]*$/u.test(name) && name !== 'default');
register('./count-parses-hooks.mjs', import.meta.url, { data: { url: pathToFileURL(tsPath).href, names, global: GLOBAL.description } });

process.on('exit', () => {
  if (out) writeFileSync(out, JSON.stringify(Object.fromEntries(counts)));
});
