import type { PolicySchema } from '../types.ts';

/** Filled family by family (one file each under this folder). */
export const ALL_POLICY_SCHEMAS: readonly PolicySchema[] = [];
