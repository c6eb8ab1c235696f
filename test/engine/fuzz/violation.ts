// The rules the engine fuzzer holds the engine to: a broken one is a FuzzViolation naming
// the stage of the engine path where it broke.

/** A rule of the engine broken by one input. */
export class FuzzViolation extends Error {
  constructor(
    readonly stage: string,
    message: string,
  ) {
    super(`${stage}: ${message}`);
  }
}

/** Runs `fn`, turning anything it throws into a violation of `stage`. */
export async function stage<T>(name: string, fn: () => Promise<T> | T): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof FuzzViolation) throw e;
    throw new FuzzViolation(name, e instanceof Error ? `${e.constructor.name}: ${e.message}\n${e.stack ?? ''}` : String(e));
  }
}

export function check(ok: boolean, where: string, what: string): void {
  if (!ok) throw new FuzzViolation(where, what);
}

/** Checks a value against one of the contract's zod schemas. */
export function validate(schema: { safeParse(v: unknown): { success: boolean; error?: { message: string } } }, value: unknown, where: string): void {
  const r = schema.safeParse(value);
  if (!r.success) throw new FuzzViolation(where, `does not match the contract: ${r.error?.message.slice(0, 600) ?? ''}`);
}
