// tcpdump flags that change what a printer writes. `-n` is always on: Ackline never
// resolves names in the summary line.
export interface PrintOptions {
  /** -v count (0..3). */
  readonly verbose: number;
  /** -e: print the link-level header. */
  readonly eflag: boolean;
  /** -q: quick (terse) output. */
  readonly qflag: boolean;
  /** -S: absolute TCP sequence numbers. */
  readonly absoluteSeq: boolean;
}

export const DEFAULT_PRINT_OPTIONS: PrintOptions = {
  verbose: 0,
  eflag: false,
  qflag: false,
  absoluteSeq: false,
};
