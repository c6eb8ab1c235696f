// One node of a packet's detail tree. `field` is Wireshark's dotted name
// (`ip.src`, `tcp.flags.syn`): at once the tree key, the display-filter name
// and the column id. `offset`/`length` are the bytes in the frame the hex pane highlights.

export type ExpertSeverity = 'chat' | 'note' | 'warning' | 'error';

export interface ExpertInfo {
  readonly severity: ExpertSeverity;
  /** Wireshark-style group, e.g. 'malformed', 'sequence', 'protocol'. */
  readonly group: string;
  readonly message: string;
}

export interface FieldNode {
  readonly field: string;
  readonly label: string;
  readonly offset: number;
  readonly length: number;
  /** The field's value for filters (numbers, strings as displayed, booleans). */
  readonly value?: string | number | boolean;
  children?: FieldNode[];
  expert?: ExpertInfo;
  /** The field's bytes run past the captured length ("cut short by the capture"). */
  truncated?: boolean;
  /**
   * Wireshark adds the field hidden (PROTO_ITEM_SET_HIDDEN): filters and fields see it, the
   * detail pane and `tshark -V` do not show it (ipv6.addr beside ipv6.src and ipv6.dst).
   */
  hidden?: boolean;
}
