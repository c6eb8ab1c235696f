// Exports in serve mode: the engine writes the file server-side into a private temporary
// folder (the serve host's; it goes when the host does), and the browser fetches it from an
// unguessable, token-protected URL.
import { randomBytes } from 'node:crypto';
import path from 'node:path';

export interface Download {
  id: string;
  name: string;
  path: string;
  url: string;
}

export class Downloads {
  private readonly byId = new Map<string, Download>();

  /** `dir`: an existing private folder, removed by its owner (ServeTemp). */
  constructor(
    readonly dir: string,
    private readonly token: string,
  ) {}

  /** A new target for a file the user will download under `name`. */
  reserve(name: string): Download {
    const id = randomBytes(16).toString('hex');
    // Only the final name component, without separators or control characters.
    const safe = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f"]/g, '_') || 'capture.pcapng';
    const d: Download = {
      id,
      name: safe,
      path: path.join(this.dir, `${id}-${safe}`),
      url: `/download/${id}/${encodeURIComponent(safe)}?token=${encodeURIComponent(this.token)}`,
    };
    this.byId.set(id, d);
    return d;
  }

  get(id: string): Download | undefined {
    return this.byId.get(id);
  }
}
