// The contract between the expression compiler and the .NET surface it exposes.
//
// Every C# type that an expression may touch is declared here as a TypeDecl: its members, each with a
// static result type (so the compiler can bind members and refuse unknown ones at compile time) and a JS
// implementation. Nothing else of the host is reachable: member access on a value always goes through a
// declaration, never through a JS property lookup on the value itself.
//
// How C# values are represented at run time (every library module follows this):
//   string, char          JS string (a char is a string of length 1; the static type tells them apart)
//   bool                  JS boolean
//   int, long, short, byte, double, float, decimal
//                         JS number (the static type decides integer division, truncating casts, formatting)
//   null                  null (undefined never escapes into expression values)
//   T[]                   JS Array; byte[] is a Uint8Array
//   everything else       an instance of a class of the library (JObject, DateTime, CsList, CsDictionary, ...)
//                         or of the runtime's context model, found through `TypeDecl.is`.

/** A C# type name as the compiler tracks it: 'string', 'int', 'JObject', 'string[]', 'List<string>',
 *  'IEnumerable<JToken>', 'Dictionary<string,object>'. 'dynamic' means "not known statically". */
export type TypeName = string;

/** Raised for anything an expression is not allowed to do, or does wrong at run time. */
export class ExpressionError extends Error {
  /** The .NET exception type C# would throw ('InvalidCastException', 'FormatException'...); `catch (T)` matches
   *  on it. Optional: undefined means System.Exception. */
  readonly exceptionType: string | undefined;
  constructor(message: string, exceptionType?: string) {
    super(message);
    this.name = 'ExpressionError';
    this.exceptionType = exceptionType;
  }
}

/** Limits every evaluation runs under. Library code that loops or allocates in proportion to its input
 *  (string repeat, PadLeft, Enumerable.Range, new string('x', n), byte arrays...) must charge the guard. */
export interface Guard {
  /** Count `n` steps of work; throws ExpressionError once the step budget or the wall-clock limit is spent. */
  step(n?: number): void;
  /** Count `n` units of memory (string characters, array slots); throws past the allocation budget. */
  alloc(n: number): void;
  /** The evaluation's clock in milliseconds, where there is one (a Regex matchTimeout is measured with it). */
  now?(): number;
}

/** Characters of text handled per step charged: a step is about what one loop iteration costs (tens of
 *  nanoseconds), a character of native string work (copy, case mapping, search) a nanosecond or two. */
export const CHARS_PER_STEP = 16;

/** Charges the work of handling `chars` characters (or elements) of text; short texts cost nothing extra. */
export function chargeText(guard: Guard, chars: number): void {
  if (chars >= 256) guard.step(Math.ceil(chars / CHARS_PER_STEP));
}

/** A C# `out`/`ref` argument: the callee writes `value`. */
export class OutRef<T = unknown> {
  value: T | null = null;
}

export interface Invocation {
  /** Generic type arguments written at the call site: `As<JObject>()` gives ['JObject']. */
  typeArgs: readonly TypeName[];
  /** Static types of the arguments as the compiler knows them ('dynamic' where unknown). */
  argTypes: readonly TypeName[];
  /** Named arguments (`preserveContent: true`), by name; positional ones are in `args`. */
  named: Readonly<Record<string, unknown>>;
  guard: Guard;
  /** Static type of the receiver of an instance call, where the compiler knows it (LINQ's default(T) needs T). */
  receiverType?: TypeName;
}

/** A result type that depends on the call: the receiver's type, the generic type arguments, the argument types. */
export type TypeResolver = (receiver: TypeName, typeArgs: readonly TypeName[], argTypes: readonly TypeName[]) => TypeName;

export interface MethodDecl {
  kind: 'method';
  returns: TypeName | TypeResolver;
  /** Smallest and largest positional argument count (all overloads folded into one implementation). */
  arity: readonly [number, number];
  /** `self` is the receiver for instance members and undefined for static ones. Lambdas arrive as JS functions. */
  invoke(self: any, args: any[], inv: Invocation): unknown;
  /** Static types of the parameters of a lambda passed at position `argIndex` with `count` parameters (LINQ:
   *  the receiver's element type, then int for an index), as C# infers them. Absent: the parameters are dynamic. */
  lambdaParams?(receiver: TypeName, argIndex: number, count: number, argTypes: readonly TypeName[]): readonly TypeName[];
  /** Takes exact long (BigInt) and decimal (CsDecimal) arguments; see `method`. */
  exactNumbers?: boolean;
}

export interface PropertyDecl {
  kind: 'property';
  type: TypeName | ((receiver: TypeName) => TypeName);
  get(self: any): unknown;
  /** Present only where C# allows assignment (e.g. StringBuilder.Length is not needed; JObject indexer is). */
  set?(self: any, value: unknown): void;
}

export interface IndexerDecl {
  type: TypeName | ((receiver: TypeName, indexType: TypeName) => TypeName);
  get(self: any, index: unknown): unknown;
  set?(self: any, index: unknown, value: unknown): void;
}

export type MemberDecl = MethodDecl | PropertyDecl;

export interface TypeDecl {
  /** The short name used in expressions: 'JObject', 'DateTime', 'List' (generic arity is in `generic`). */
  name: string;
  /** Fully qualified and other spellings: 'Newtonsoft.Json.Linq.JObject', 'System.String', 'String'. */
  aliases?: readonly string[];
  /** Number of generic parameters (List<T> → 1, Dictionary<K,V> → 2). */
  generic?: number;
  /** Where member lookup goes next (JObject → JContainer → JToken; string[] → Array → IEnumerable). */
  base?: string;
  /** Whether a run-time value is of this type: used by dynamic dispatch, `is`, `as` and casts. */
  is?(value: unknown): boolean;
  /** `new T(...)`. */
  construct?: MethodDecl;
  /** Collection initializers (`new List<string> { "a" }`, `new JObject { ["a"] = 1 }`) call this per item. */
  add?(self: any, item: unknown): void;
  indexer?: IndexerDecl;
  /** Instance members, including extension methods that apply to this type (LINQ on IEnumerable, AsJwt on string). */
  instance?: Readonly<Record<string, MemberDecl>>;
  static?: Readonly<Record<string, MemberDecl>>;
  /** Explicit cast `(T)value` from a value of another type; throw ExpressionError (InvalidCastException) when C# would. */
  cast?(value: unknown): unknown;
  /** `foreach` over a value of this type. */
  enumerate?(self: any): Iterable<unknown>;
  /** `ToString()` as .NET prints it, used by string concatenation and interpolation. */
  toString?(self: any, format?: string): string;
  /** `Equals`/`==` where value equality differs from JS identity (Guid, DateTime, TimeSpan...). */
  equals?(a: any, b: any): boolean;
  /** Ordering for `<`, `>`, OrderBy, Min/Max (DateTime, TimeSpan, string by ordinal...). */
  compare?(a: any, b: any): number;
  /** Explicit conversion operators FROM this type: `(string)jvalue`, `(int)jtoken`, `(DateTime)jtoken`. The
   *  compiler asks the source value's declaration first when a cast's target does not accept the value as is.
   *  `target` is the canonical type name ('string', 'int', 'int?', 'DateTime'...). */
  convertTo?(self: any, target: TypeName): unknown;
  /** Implicit conversion INTO this type where the value's static type matters (`JToken t = 1.0` is a Float
   *  JValue, `= 1` an Integer one): the compiler calls it on assignment with the source's static type. */
  implicitFrom?(value: unknown, from: TypeName): unknown;
  /** Element type for `foreach (var x in v)` when the compiler cannot tell it from the type name. */
  elementType?(receiver: TypeName): TypeName;
}
// Operators: `a + b`, `a - b`, `a * b`, `a / b`, `a % b` between values that are not both numbers (or strings
// for `+`) bind to static methods named as C# names them: op_Addition, op_Subtraction, op_Multiply,
// op_Division, op_Modulus, op_UnaryNegation, looked up on the left operand's type, then the right one's.
// `==`/`!=` use `equals`, `<`/`>`/`<=`/`>=` use `compare`.

/** A set of type declarations that a library module contributes. */
export type TypeModule = readonly TypeDecl[];

// Small helpers so that declarations read as tables.
/** `exactNumbers`: the method takes long values past 2^53 (BigInt) and decimals (CsDecimal) as they are;
 *  any other method receives them as the nearest JS number (see numbers.ts). */
export function method(returns: TypeName | TypeResolver, arity: readonly [number, number], invoke: MethodDecl['invoke'], exactNumbers = false): MethodDecl {
  return exactNumbers ? { kind: 'method', returns, arity, invoke, exactNumbers } : { kind: 'method', returns, arity, invoke };
}

/** The same method, taking exact long and decimal arguments (for members that only format or store them). */
export function exactNumbers<T extends MemberDecl>(m: T): T {
  return m.kind === 'method' ? { ...m, exactNumbers: true } : m;
}

export function property(type: PropertyDecl['type'], get: PropertyDecl['get'], set?: PropertyDecl['set']): PropertyDecl {
  return set ? { kind: 'property', type, get, set } : { kind: 'property', type, get };
}
