// `-T json -e FIELD ...`: tshark's JSON array, one object per printed packet whose
// _source.layers map each present field to the list of its values (as -T fields prints them).
import { absoluteTime, FieldsPrinter, type LocalZone } from './tshark-fields.js';
import type { TapPacket } from './tap.js';

/** JSON string as Wireshark's json_dumper writes it (control characters as \\uXXXX). */
function jsonString(s: string): string {
  return JSON.stringify(s);
}

export class JsonPrinter {
  private count = 0;
  private readonly fields: FieldsPrinter;

  constructor(
    readonly names: readonly string[],
    readonly zone: LocalZone,
  ) {
    this.fields = new FieldsPrinter(names, undefined, zone);
  }

  /** The text of one printed packet (the array's opening bracket comes with the first). */
  packet(p: TapPacket): string {
    const z = this.zone(p.abs.sec);
    const day = new Date((p.abs.sec + z.offset) * 1000).toISOString().slice(0, 10);
    let s = this.count++ === 0 ? '[\n' : ',\n';
    s += `  {\n    "_index": "packets-${day}",\n    "_type": "doc",\n    "_score": null,\n    "_source": {\n      "layers": {`;
    const present = this.names.map((n) => [n, n === 'frame.time' ? [absoluteTime(p.abs, this.zone)] : this.fields.values(n, p)] as const).filter(([, v]) => v.length > 0);
    s += present.map(([n, v]) => `\n        ${jsonString(n)}: [\n${v.map((x) => `          ${jsonString(x)}`).join(',\n')}\n        ]`).join(',');
    // tshark closes an empty object on the same line ("layers": {}).
    s += present.length ? '\n      }\n    }\n  }' : '}\n    }\n  }';
    return s;
  }

  /** The end of the array. */
  end(): string {
    return this.count ? '\n]\n' : '[]\n';
  }
}
