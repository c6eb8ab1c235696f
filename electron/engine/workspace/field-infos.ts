// The display filter's fields as the renderer sees them (completion, the status bar's field
// name): each declaration's abbreviation, display name and type, in declaration order.
import { fieldDecls } from '../filter/field-registry.js';
import type { FieldInfoDto } from '../../shared/dto.js';

let cached: FieldInfoDto[] | undefined;

export function fieldInfos(): FieldInfoDto[] {
  return (cached ??= fieldDecls().map((d) => ({ abbrev: d.abbrev, name: d.name, type: d.type })));
}
