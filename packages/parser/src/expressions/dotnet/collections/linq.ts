import type { TypeModule } from '../registry.ts';

export const linqTypes: TypeModule = [];
