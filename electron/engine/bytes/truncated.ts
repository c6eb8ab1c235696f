// A read past the captured bytes. Thrown only inside the engine and caught by the
// dissector driver (or by a protocol that wants to print what tcpdump prints at
// its own `trunc:` label); it never reaches a caller of the engine.
// Like tcpdump's longjmp on a failed bounds check: what was printed so far stays.
export class Truncated {
  constructor(
    /** Byte offset in the frame of the first missing byte. */
    readonly offset: number,
  ) {}
}

export function isTruncated(e: unknown): e is Truncated {
  return e instanceof Truncated;
}
