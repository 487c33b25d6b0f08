// The C# expression compiler lands in @apimx/parser separately; the expression cases below run once it is exported.
import * as parser from '@apimx/parser';

export const expressionsReady = typeof (parser as Record<string, unknown>)['compileExpression'] === 'function';
