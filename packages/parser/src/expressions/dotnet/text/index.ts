import type { TypeModule } from '../registry.ts';

export const textTypes: TypeModule = [];
