import { fieldLabel, type FieldDecl } from './field-decl.js';
import type { ExpertInfo, FieldNode } from './field-node.js';

type Value = string | number | boolean;

/**
 * Builds a detail tree while a frame is dissected. Only created when a caller asks
 * for the tree (the selected packet, --jsonl); the fast summary path passes null,
 * like Wireshark's NULL tree.
 */
export class TreeBuilder {
  readonly roots: FieldNode[] = [];
  private readonly stack: FieldNode[] = [];

  /** Adds a leaf under the open subtree and returns it. */
  add(field: string, label: string, offset: number, length: number, value?: Value): FieldNode {
    const node: FieldNode = value === undefined ? { field, label, offset, length } : { field, label, offset, length, value };
    const parent = this.stack[this.stack.length - 1];
    if (parent) (parent.children ??= []).push(node);
    else this.roots.push(node);
    return node;
  }

  /** `add`, for a field Wireshark adds hidden (filterable, never shown). */
  addHidden(field: string, label: string, offset: number, length: number, value?: Value): FieldNode {
    const node = this.add(field, label, offset, length, value);
    node.hidden = true;
    return node;
  }

  /**
   * Adds a node for a declared field, labelled from its declaration: the protocol's name,
   * or `Name: value` in the declared base with value strings and bit pattern (fieldLabel).
   */
  field(d: FieldDecl, offset: number, length: number, value?: Value): FieldNode {
    const label = d.type === 'protocol' || value === undefined ? d.name : fieldLabel(d, value, length);
    return this.add(d.abbrev, label, offset, length, value);
  }

  /** `field`, and makes it the parent of the following nodes until `close`. */
  openField(d: FieldDecl, offset: number, length: number, value?: Value): FieldNode {
    const node = this.field(d, offset, length, value);
    this.stack.push(node);
    return node;
  }

  /** Adds a node and makes it the parent of the following ones until `close`. */
  open(field: string, label: string, offset: number, length: number, value?: Value): FieldNode {
    const node = this.add(field, label, offset, length, value);
    this.stack.push(node);
    return node;
  }

  close(): void {
    this.stack.pop();
  }

  /** Closes every subtree opened deeper than `depth` (used after a truncation unwinds). */
  closeTo(depth: number): void {
    this.stack.length = Math.min(this.stack.length, depth);
  }

  get depth(): number {
    return this.stack.length;
  }

  /** The innermost open node, if any. */
  get current(): FieldNode | undefined {
    return this.stack[this.stack.length - 1];
  }

  /** Attaches an expert item to the innermost open node (or a new top-level node). */
  expert(info: ExpertInfo, offset: number, length: number): FieldNode {
    const node = this.add(`_ws.expert`, info.message, offset, length);
    node.expert = info;
    return node;
  }
}
