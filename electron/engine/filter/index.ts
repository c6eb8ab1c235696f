// electron/engine/filter/: display filters in Wireshark's language, over the fields the dissectors declare.
//
// The public surface of engine/filter.
export { compileFilter, type CompiledFilter, type CompileResult, type FilterErrorInfo, type FrameInfo } from './compile-filter.js';
export { matchPacket } from './match-packet.js';
export { fieldDecls, fieldNames, lookupField, suggestField } from './field-registry.js';
export type { FieldDef, FieldType } from './field-types.js';
export { caretLine } from './filter-error.js';
