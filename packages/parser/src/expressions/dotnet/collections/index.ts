import type { TypeModule } from '../registry.ts';

export const collectionTypes: TypeModule = [];
