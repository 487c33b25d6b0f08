import type { TypeModule } from '../registry.ts';

export const timeTypes: TypeModule = [];
