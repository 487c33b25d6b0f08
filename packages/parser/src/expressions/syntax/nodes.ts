// The C# node kinds the plugin adds to ESTree. Standard ESTree nodes keep their shape; a few carry extra
// fields: Literal.csType ('int', 'long', 'double', 'decimal', 'float', 'char', 'string'...),
// CallExpression.typeArgs (generic arguments written at the call), Identifier.csType (typed lambda params).

export interface Loc {
  start: number;
  end: number;
}

export type AnyNode = Loc & { type: string; [key: string]: any };

export interface InitItem {
  kind: 'add' | 'index' | 'member';
  /** 'add': the arguments of Add; 'index': the index arguments. */
  args: AnyNode[];
  /** 'index' and 'member': the assigned value. */
  value?: AnyNode;
  /** 'member': the property name. */
  name?: string;
}

/** Node kinds (documented for the compiler):
 *  CsCast { typeName, argument }            CsIs { argument, typeName | null, designation | null, pattern? }
 *  CsAs { argument, typeName }              CsInterpolated { parts: (string | { expression, alignment?, format? })[] }
 *  CsNew { typeName | null, arraySize, isArray, args, init: InitItem[] | null, anonymous: { name, value }[] | null }
 *  CsTypeof { typeName }                    CsDefault { typeName | null }
 *  CsOut { name, declType | null }          CsNamedArg { name, value }
 *  CsLocal { declType, declarations: { name, init, start, end }[] }
 *  CsForeach { declType, name, right, body }
 *  CsTry { block, handlers: { typeName | null, name | null, filter | null, body }[], finalizer }
 *  CsUsing { local | null, expression | null, body } */
export const CS_NODE_KINDS = [
  'CsCast', 'CsIs', 'CsAs', 'CsInterpolated', 'CsNew', 'CsTypeof', 'CsDefault', 'CsOut', 'CsNamedArg', 'CsLocal',
  'CsForeach', 'CsTry', 'CsUsing',
] as const;
