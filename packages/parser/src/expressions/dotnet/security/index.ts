import type { TypeModule } from '../registry.ts';

export const securityTypes: TypeModule = [];
