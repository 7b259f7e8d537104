// Patterns and pieces shared by Placement's schemas (placement/schemas/common.py).
import { Type } from 'typebox';

export const RC_PATTERN = '^[A-Z0-9_]+$';
export const CUSTOM_RC_PATTERN = '^CUSTOM_[A-Z0-9_]+$';
export const CUSTOM_TRAIT_PATTERN = CUSTOM_RC_PATTERN;

/** A JSON-schema 'uuid' string (checked like oslo's is_uuid_like). */
export const UuidString = () => Type.String({ format: 'uuid' });

export const Link = Type.Object({ rel: Type.String(), href: Type.String() }, { additionalProperties: false });
