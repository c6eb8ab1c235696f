// The semantic pass: checks an expression against the field registry and turns it into a
// predicate over rows (three-valued, so the fast path can say "dissect this one").
import type { CmpOpText, ExprNode, SetItemNode, ValueNode } from './ast.js';
import { TYPE_NAMES, type FieldType } from './field-types.js';
import { FilterError } from './filter-error.js';
import { parseBytes, parseInteger, parseLiteral, type Literal } from './literals.js';
import { notAField, OperandResolver, type FieldOperand, type LiteralOperand, type Operand } from './operands.js';
import { all, and, any, compileRegex, containsTest, equalsLiteral, exists, not, or, orderTest, pairs, regexTest, type Order, type Pred, type ValueTest } from './value-tests.js';
import { compareVals, valueBytes, type Val } from './values.js';

type Quant = 'any_eq' | 'all_eq' | 'all_ne' | 'any_ne' | Order;

const OPS: Record<CmpOpText, Quant> = {
  '==': 'any_eq',
  eq: 'any_eq',
  any_eq: 'any_eq',
  '===': 'all_eq',
  all_eq: 'all_eq',
  '!=': 'all_ne',
  ne: 'all_ne',
  all_ne: 'all_ne',
  '!==': 'any_ne',
  '~=': 'any_ne',
  any_ne: 'any_ne',
  '<': '<',
  lt: '<',
  '<=': '<=',
  le: '<=',
  '>': '>',
  gt: '>',
  '>=': '>=',
  ge: '>=',
};

const MIRROR: Record<Quant, Quant> = { any_eq: 'any_eq', all_eq: 'all_eq', all_ne: 'all_ne', any_ne: 'any_ne', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };
const NUMERIC: readonly FieldType[] = ['uint', 'int', 'bool', 'float'];
const BYTES_LIKE: readonly FieldType[] = ['bytes', 'ether', 'ipv6', 'protocol'];

export class ExprCompiler {
  readonly operands = new OperandResolver();

  compile(e: ExprNode): Pred {
    switch (e.kind) {
      case 'and':
        return and(this.compile(e.left), this.compile(e.right));
      case 'or':
        return or(this.compile(e.left), this.compile(e.right));
      case 'not':
        return not(this.compile(e.expr));
      case 'test':
        return exists(this.fieldOf(e.value).present);
      case 'cmp':
        return this.comparison(e.op, e.left, e.right, e.opPos);
      case 'bitand':
        return this.bitAnd(e.left, e.right);
      case 'contains':
        return this.contains(e.left, e.right);
      case 'matches':
        return this.matches(e.left, e.right);
      case 'in': {
        const p = this.membership(e.left, e.items);
        return e.negated ? not(p) : p;
      }
    }
  }

  private fieldOf(v: ValueNode): FieldOperand {
    const op = this.operands.resolve(v);
    if (op.kind === 'literal') throw notAField(op.node);
    return op;
  }

  /** Notes that a relation reads the operand's values (not just its presence). */
  private values(op: FieldOperand): FieldOperand {
    if (op.valuesInTreeOnly) this.operands.slow = true;
    return op;
  }

  private comparison(text: CmpOpText, lv: ValueNode, rv: ValueNode, opPos: number): Pred {
    let q = OPS[text];
    let l = this.operands.resolve(lv);
    let r = this.operands.resolve(rv);
    if (l.kind === 'literal' && r.kind === 'literal') {
      // Neither side names a field: blame the one that looks most like a misspelt field.
      const blame = [l.node, r.node].find((n) => n.kind === 'word' && /[A-Za-z]/.test(n.text)) ?? l.node;
      throw notAField(blame);
    }
    if (l.kind === 'literal') {
      [l, r] = [r, l];
      q = MIRROR[q];
    }
    const f = this.values(l as FieldOperand);
    if (r.kind === 'field') this.values(r);
    if (f.type === 'none') throw new FilterError(`\`${f.label}\` is a label without a value: test it alone (${f.label}) instead of comparing it`, f.pos, f.end - f.pos);
    if (r.kind === 'field') return this.fieldPair(f, q, r, opPos);
    const lit = this.literal(f.type, r, q === 'any_eq' || q === 'all_eq' || q === 'all_ne' || q === 'any_ne');
    const eq = equalsLiteral(lit);
    switch (q) {
      case 'any_eq':
        return any(f.get, eq);
      case 'all_eq':
        return all(f.get, eq);
      case 'all_ne':
        return all(f.get, (v) => !eq(v));
      case 'any_ne':
        return any(f.get, (v) => !eq(v));
      default:
        if (f.type === 'protocol') throw new FilterError(`\`${f.label}\` is a protocol and cannot be ordered`, f.pos, f.end - f.pos);
        return any(f.get, orderTest(q, (lit as Extract<Literal, { kind: 'value' }>).value));
    }
  }

  private fieldPair(a: FieldOperand, q: Quant, b: FieldOperand, opPos: number): Pred {
    const compatible = a.type === b.type || (NUMERIC.includes(a.type) && NUMERIC.includes(b.type)) || (BYTES_LIKE.includes(a.type) && BYTES_LIKE.includes(b.type));
    if (!compatible || b.type === 'none') {
      throw new FilterError(`\`${a.label}\` (${TYPE_NAMES[a.type]}) and \`${b.label}\` (${TYPE_NAMES[b.type]}) cannot be compared`, opPos, 1);
    }
    const cmp = (x: Val, y: Val): number => compareVals(x, y);
    switch (q) {
      case 'any_eq':
        return pairs(a.get, b.get, false, (x, y) => cmp(x, y) === 0);
      case 'all_eq':
        return pairs(a.get, b.get, true, (x, y) => cmp(x, y) === 0);
      case 'all_ne':
        return pairs(a.get, b.get, true, (x, y) => cmp(x, y) !== 0);
      case 'any_ne':
        return pairs(a.get, b.get, false, (x, y) => cmp(x, y) !== 0);
      case '<':
        return pairs(a.get, b.get, false, (x, y) => cmp(x, y) < 0);
      case '<=':
        return pairs(a.get, b.get, false, (x, y) => cmp(x, y) <= 0);
      case '>':
        return pairs(a.get, b.get, false, (x, y) => cmp(x, y) > 0);
      case '>=':
        return pairs(a.get, b.get, false, (x, y) => cmp(x, y) >= 0);
    }
  }

  private literal(type: FieldType, op: LiteralOperand, allowNet: boolean): Literal {
    const n = op.node;
    if (n.kind === 'char') {
      if (type === 'string') return { kind: 'value', value: String.fromCharCode(n.value) };
      if (type === 'bytes' || type === 'protocol') return { kind: 'value', value: Uint8Array.of(n.value) };
      if (type === 'uint' || type === 'int' || type === 'bool') return { kind: 'value', value: type === 'bool' ? (n.value ? 1 : 0) : n.value };
      throw new FilterError(`a character constant cannot be compared with ${TYPE_NAMES[type]}`, n.pos, n.end - n.pos);
    }
    if (n.kind === 'word' && n.slice) throw notAField(n);
    const res = parseLiteral(type, n.kind === 'word' ? n.text : n.value, n.kind === 'string', allowNet);
    if (!res.ok) {
      // A word that is no valid value but looks like a field name is most likely a misspelt field.
      if (n.kind === 'word' && /^[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z0-9_.]+$/.test(n.text) && type !== 'string' && !/^[0-9a-fA-F.:]+$/.test(n.text)) throw notAField(n);
      throw new FilterError(res.message, n.pos, n.end - n.pos);
    }
    return res.lit;
  }

  /**
   * `tcp.flags & 0x02`: true when the field and the mask share a set bit. Byte sequences too,
   * as Wireshark 4.0 does for its default "Broadcast" colouring rule (`eth[0] & 1`): the mask
   * is a byte string ("20" is 0x20) or a number ("0x10"), and is laid over the bytes from the first.
   */
  private bitAnd(lv: ValueNode, rv: ValueNode): Pred {
    const f = this.values(this.fieldOf(lv));
    const r = this.operands.resolve(rv);
    if (r.kind === 'field') throw new FilterError('the mask after "&" must be a number', rv.pos, rv.end - rv.pos);
    if (f.type === 'bytes' || f.type === 'ether' || f.type === 'protocol') {
      const mask = byteMask(r);
      if (!mask) throw new FilterError('the mask after "&" must be a byte string (such as 01 or ff:00) or a number', rv.pos, rv.end - rv.pos);
      return any(f.get, (v) => {
        const b = valueBytes(v);
        for (let k = 0; k < b.length && k < mask.length; k++) if (b[k]! & mask[k]!) return true;
        return false;
      });
    }
    if (f.type !== 'uint' && f.type !== 'int' && f.type !== 'bool') throw new FilterError(`\`${f.label}\` is ${TYPE_NAMES[f.type]}; "&" needs an integer field`, f.pos, f.end - f.pos);
    const mask = (this.literal(f.type, r, false) as Extract<Literal, { kind: 'value' }>).value as number;
    return any(f.get, (v) => ((v as number) & mask) !== 0);
  }

  private contains(lv: ValueNode, rv: ValueNode): Pred {
    const f = this.values(this.fieldOf(lv));
    if (!['string', 'bytes', 'protocol', 'ether'].includes(f.type)) {
      throw new FilterError(`\`${f.label}\` is ${TYPE_NAMES[f.type]} and cannot be searched with "contains"`, f.pos, f.end - f.pos);
    }
    const r = this.operands.resolve(rv);
    if (r.kind === 'field') return pairs(f.get, this.values(r).get, false, (x, y) => containsTest(y)(x));
    const lit = this.literal(f.type === 'ether' ? 'bytes' : f.type, r, false) as Extract<Literal, { kind: 'value' }>;
    return any(f.get, containsTest(lit.value));
  }

  private matches(lv: ValueNode, rv: ValueNode): Pred {
    const f = this.values(this.fieldOf(lv));
    if (!['string', 'bytes', 'protocol'].includes(f.type)) {
      throw new FilterError(`\`${f.label}\` is ${TYPE_NAMES[f.type]} and cannot be matched against a regular expression`, f.pos, f.end - f.pos);
    }
    if (rv.kind !== 'string') throw new FilterError('the pattern after "matches" must be a quoted string', rv.pos, rv.end - rv.pos);
    let re: RegExp;
    try {
      re = compileRegex(rv.value);
    } catch (e) {
      throw new FilterError(`invalid regular expression: ${e instanceof Error ? e.message.replace(/^Invalid regular expression: /, '') : String(e)}`, rv.pos, rv.end - rv.pos);
    }
    return any(f.get, regexTest(re));
  }

  private membership(lv: ValueNode, items: readonly SetItemNode[]): Pred {
    const f = this.values(this.fieldOf(lv));
    if (f.type === 'none' || f.type === 'protocol') throw new FilterError(`\`${f.label}\` has no value to look up in a set`, f.pos, f.end - f.pos);
    const tests: ValueTest[] = items.map((it) => {
      if (it.kind === 'single') return equalsLiteral(this.literal(f.type, this.literalOf(it.value), true));
      const lo = this.literal(f.type, this.literalOf(it.lo), false) as Extract<Literal, { kind: 'value' }>;
      const hi = this.literal(f.type, this.literalOf(it.hi), false) as Extract<Literal, { kind: 'value' }>;
      return (v: Val) => compareVals(v, lo.value) >= 0 && compareVals(v, hi.value) <= 0;
    });
    return any(f.get, (v) => tests.some((t) => t(v)));
  }

  private literalOf(v: ValueNode): LiteralOperand {
    const op: Operand = this.operands.resolve(v);
    if (op.kind === 'field') throw new FilterError(`a set holds values, not fields (\`${op.label}\`)`, op.pos, op.end - op.pos);
    return op;
  }
}

/** The mask of `bytes & mask`: a byte string, else a non-negative number as big-endian bytes. */
function byteMask(op: LiteralOperand): Uint8Array | undefined {
  const n = op.node;
  if (n.kind === 'char') return Uint8Array.of(n.value);
  if (n.kind !== 'word' || n.slice) return undefined;
  const bytes = parseBytes(n.text);
  if (bytes) return bytes;
  const v = parseInteger(n.text);
  if (v === undefined || v < 0 || !Number.isSafeInteger(v)) return undefined;
  const out: number[] = [];
  for (let x = v; out.length === 0 || x > 0; x = Math.floor(x / 256)) out.unshift(x % 256);
  return Uint8Array.from(out);
}
