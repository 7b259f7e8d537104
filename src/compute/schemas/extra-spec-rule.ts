// The shape of one generated extra spec validator (extra-spec-validators.ts, from nova's
// nova/api/validation/extra_specs registry), read by extra-spec-validation.ts.
export interface ExtraSpecRule {
  name: string;
  /** Python regex (named groups as (?P<name>...)). */
  nameRegex: string;
  value: { type: 'int' | 'str' | 'bool'; min?: number; max?: number; pattern?: string; enum?: string[]; enumText?: string };
}
