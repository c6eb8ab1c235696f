// The bundled sample captures (build/samples/, made by make-samples.sh from real traffic):
// the first-run screen lists them and opens one by id. The manifest is validated and only
// files inside the samples folder are ever returned.
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

const Manifest = z.object({
  samples: z.array(
    z.object({
      id: z.string().regex(/^[a-z0-9-]{1,64}$/),
      file: z.string().regex(/^[A-Za-z0-9._-]+\.(pcapng|pcap|cap)$/),
      title: z.string().max(200),
      description: z.string().max(2000),
    }),
  ),
});
export type Sample = z.infer<typeof Manifest>['samples'][number];

export class SampleCatalog {
  constructor(private readonly dir: string) {}

  /** The samples whose file is present (an empty list when the folder is missing). */
  async list(): Promise<Sample[]> {
    let raw: string;
    try {
      raw = await readFile(path.join(this.dir, 'samples.json'), 'utf8');
    } catch {
      return [];
    }
    const parsed = Manifest.safeParse(JSON.parse(raw));
    if (!parsed.success) return [];
    const present: Sample[] = [];
    for (const s of parsed.data.samples) {
      if (await access(path.join(this.dir, s.file)).then(() => true, () => false)) present.push(s);
    }
    return present;
  }

  async find(id: string): Promise<(Sample & { path: string }) | undefined> {
    const s = (await this.list()).find((x) => x.id === id);
    return s && { ...s, path: path.join(this.dir, s.file) };
  }
}
