// Resolves the operands of a relation: a word that names a known field becomes a getter
// of that field's values (index or tree, see index-fields.ts and tree-view.ts); anything
// else stays a literal, parsed later against the type of the field it meets.
import type { CaptureIndex } from '../flows/capture-index.js';
import type { CallNode, CharNode, StringNode, ValueNode, WordNode } from './ast.js';
import { lookupField, suggestField } from './field-registry.js';
import { TYPE_NAMES, type FieldDef, type FieldType } from './field-types.js';
import { FilterError } from './filter-error.js';
import { absenceGetter, derivedGetter, indexGetter } from './index-fields.js';
import type { TreeView } from './tree-view.js';
import { nodeValue, sliceBytes, valueBytes, type Val } from './values.js';

/** One packet being evaluated: its index row, its bytes once read, and its tree when on the slow path. */
export interface Row {
  ix: CaptureIndex;
  i: number;
  view: TreeView | null;
  /** The captured bytes, before any dissection: what `frame` holds (frame contains, frame[…]). */
  data: Uint8Array | null;
}

/** Appends the operand's values for a row; false = the index cannot tell (needs the tree). */
export type Getter = (r: Row, out: Val[]) => boolean;

export interface FieldOperand {
  readonly kind: 'field';
  readonly type: FieldType;
  readonly get: Getter;
  /** Presence only (one entry per occurrence, values not needed): for tests and count(). */
  readonly present: Getter;
  readonly label: string;
  readonly pos: number;
  readonly end: number;
  /** `get` always needs the tree (a protocol's bytes): the index only knows presence. */
  readonly valuesInTreeOnly: boolean;
}

export interface LiteralOperand {
  readonly kind: 'literal';
  readonly node: WordNode | StringNode | CharNode;
}

export type Operand = FieldOperand | LiteralOperand;

const PRESENT = 0;

/** Collects what an expression uses while its operands are resolved. */
export class OperandResolver {
  readonly fields = new Set<string>();
  /** True when some field is only in the tree (the fast path cannot decide alone). */
  slow = false;

  resolve(v: ValueNode): Operand {
    if (v.kind === 'call') return this.call(v);
    if (v.kind !== 'word') return { kind: 'literal', node: v };
    const def = lookupField(v.text);
    if (!def) {
      if (v.slice) throw notAField(v);
      return { kind: 'literal', node: v };
    }
    if (v.layer !== null && v.layer !== undefined) throw new FilterError(`the layer operator (#${v.layer}) is not supported`, v.pos, v.end - v.pos);
    const op = this.field(def, v.pos, v.end);
    return v.slice ? sliced(op, v.slice, v.text) : op;
  }

  private field(def: FieldDef, pos: number, end: number): FieldOperand {
    this.fields.add(def.name);
    const fast = indexGetter(def.name);
    if (!fast) this.slow = true;
    const derived = def.source.kind === 'index' ? derivedGetter(def.name) : undefined;
    const { name, type } = def;
    const tree = (r: Row, out: Val[], presence: boolean): void => {
      const view = r.view!;
      if (name === 'frame.protocols') out.push(view.protocols);
      else if (derived) derived(r.ix, r.i, out);
      else {
        const nodes = view.nodes.get(name);
        if (!nodes) return;
        for (const n of nodes) {
          const v = presence ? PRESENT : nodeValue(type, n, view.data);
          if (v !== undefined) out.push(v);
        }
      }
    };
    // The index knows where a protocol is, not its bytes: values of a protocol need the tree.
    const fastValues = type === 'protocol' ? undefined : fast;
    // Without values from the index, it can still rule the field out: where the packet has no
    // occurrence (presence from the index, or its protocol's gate says the protocol is absent),
    // every relation on the field is decided without the tree (and/or/not keep three values).
    const known = fast ?? absenceGetter(name);
    const scratch: Val[] = [];
    const none = (r: Row): boolean => {
      scratch.length = 0;
      return known !== undefined && known(r.ix, r.i, scratch) && scratch.length === 0;
    };
    // `frame`'s value is the captured bytes: read, not dissected.
    const bytes = name === 'frame';
    const get: Getter = (r, out) => (r.view ? (tree(r, out, false), true) : fastValues ? fastValues(r.ix, r.i, out) : bytes && r.data ? (out.push(r.data), true) : none(r));
    const present: Getter = (r, out) => (r.view ? (tree(r, out, true), true) : known ? known(r.ix, r.i, out) : false);
    return { kind: 'field', type, get, present, label: name, pos, end, valuesInTreeOnly: type === 'protocol' };
  }

  private call(c: CallNode): FieldOperand {
    const fn = c.name.toLowerCase();
    if (!['len', 'count', 'upper', 'lower'].includes(fn)) throw new FilterError(`"${c.name}" is not a function (known: len, count, upper, lower)`, c.pos, c.name.length);
    const a = c.args[0];
    if (c.args.length !== 1 || !a) throw new FilterError(`${fn}() takes exactly one field`, c.pos, c.end - c.pos);
    const arg = this.resolve(a);
    if (arg.kind !== 'field') throw notAField(arg.node);
    let op: FieldOperand;
    if (fn === 'count') {
      const scratch: Val[] = [];
      const get: Getter = (r, out) => {
        scratch.length = 0;
        if (!arg.present(r, scratch)) return false;
        out.push(scratch.length);
        return true;
      };
      op = { kind: 'field', type: 'uint', get, present: get, label: `count(${arg.label})`, pos: c.pos, end: c.end, valuesInTreeOnly: false };
    } else if (fn === 'len') {
      if (['uint', 'int', 'bool', 'float', 'none'].includes(arg.type)) throw new FilterError(`len() needs a string, bytes or address field; ${arg.label} is ${TYPE_NAMES[arg.type]}`, a.pos, a.end - a.pos);
      op = mapped(arg, 'uint', `len(${arg.label})`, c, (v) => (typeof v === 'string' ? v.length : valueBytes(v).length));
    } else {
      if (arg.type !== 'string') throw new FilterError(`${fn}() needs a string field; ${arg.label} is ${TYPE_NAMES[arg.type]}`, a.pos, a.end - a.pos);
      op = mapped(arg, 'string', `${fn}(${arg.label})`, c, (v) => (fn === 'upper' ? String(v).toUpperCase() : String(v).toLowerCase()));
    }
    return c.slice ? sliced(op, c.slice, op.label) : op;
  }
}

function mapped(arg: FieldOperand, type: FieldType, label: string, c: CallNode, f: (v: Val) => Val): FieldOperand {
  const scratch: Val[] = [];
  const get: Getter = (r, out) => {
    scratch.length = 0;
    if (!arg.get(r, scratch)) return false;
    for (const v of scratch) out.push(f(v));
    return true;
  };
  return { kind: 'field', type, get, present: get, label, pos: c.pos, end: c.end, valuesInTreeOnly: arg.valuesInTreeOnly };
}

function sliced(op: FieldOperand, ranges: NonNullable<WordNode['slice']>, text: string): FieldOperand {
  if (['uint', 'int', 'bool', 'float', 'none'].includes(op.type)) {
    throw new FilterError(`"${text}" is ${TYPE_NAMES[op.type]} and cannot be sliced into a sequence of bytes`, op.pos, op.end - op.pos);
  }
  const scratch: Val[] = [];
  const get: Getter = (r, out) => {
    scratch.length = 0;
    if (!op.get(r, scratch)) return false;
    for (const v of scratch) {
      const b = sliceBytes(valueBytes(v), ranges);
      if (b) out.push(b);
    }
    return true;
  };
  return { kind: 'field', type: 'bytes', get, present: get, label: `${op.label}[…]`, pos: op.pos, end: op.end, valuesInTreeOnly: op.valuesInTreeOnly };
}

/** "`tcp.flgs` is not a field; did you mean `tcp.flags`?" */
export function notAField(node: WordNode | StringNode | CharNode): FilterError {
  const len = node.end - node.pos;
  if (node.kind === 'string') return new FilterError(`"${node.value}" is a string, not a field or protocol`, node.pos, len);
  if (node.kind === 'char') return new FilterError(`a character constant is not a field or protocol`, node.pos, len);
  const hint = suggestField(node.text);
  const what = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/.test(node.text) ? `\`${node.text}\` is not a field` : `\`${node.text}\` is neither a field nor a protocol`;
  return new FilterError(hint ? `${what}; did you mean \`${hint}\`?` : what, node.pos, len);
}
