// Where the session keeps small state between runs (recent files, preferences): named JSON
// documents. Electron stores them under app.getPath('userData'), `serve` under its own
// config folder, tests in memory.

export interface Storage {
  /** The parsed document, or undefined when it does not exist or cannot be read. */
  read(name: string): Promise<unknown>;
  write(name: string, value: unknown): Promise<void>;
}

/** Keeps documents in memory (tests, and `serve --no-save`-style throwaway sessions). */
export class MemoryStorage implements Storage {
  readonly docs = new Map<string, string>();

  async read(name: string): Promise<unknown> {
    const s = this.docs.get(name);
    return s === undefined ? undefined : (JSON.parse(s) as unknown);
  }

  async write(name: string, value: unknown): Promise<void> {
    this.docs.set(name, JSON.stringify(value));
  }
}
