// Module hook of bench/count-parses.mjs: `import … from 'typescript'` gets the counting view that the
// preload made (the same object `require('typescript')` returns), with the same named exports.
let typescript;

export function initialize(data) {
  typescript = data;
}

export async function load(url, context, nextLoad) {
  if (url !== typescript.url) return nextLoad(url, context);
  const source = [
    `const ts = globalThis[Symbol.for(${JSON.stringify(typescript.global)})];`,
    'export default ts;',
    `export const { ${typescript.names.join(', ')} } = ts;`,
  ].join('\n');
  return { format: 'module', source, shortCircuit: true };
}
