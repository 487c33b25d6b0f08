import type { TypeModule } from '../registry.ts';

export const jsonTypes: TypeModule = [];
