// Test-only module hooks: `electron` resolves to the fake beside this file.
export async function resolve(spec, ctx, next) {
  if (spec === 'electron') return { url: new URL('./electron.mjs', import.meta.url).href, shortCircuit: true };
  return next(spec, ctx);
}
