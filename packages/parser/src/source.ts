// Positions and errors shared by every stage of the parser. Positions are always in the ORIGINAL file
// (before named-value substitution and expression protection), 1-based, columns in UTF-16 code units.

export interface SourcePos {
  line: number;
  column: number;
}

/** One `@(...)` or `@{...}` found in a policy document. The expression compiler consumes these. */
export interface ExpressionSource {
  /** `single` for `@( expression )`, `block` for `@{ statements }`. */
  form: 'single' | 'block';
  /** The C# text between the delimiters, named values already substituted, XML entities already decoded. */
  code: string;
  /** Where the `@` stands in the original file. */
  pos: SourcePos;
  /** The original-file position of an offset into `code` (for compile errors at their real line and column). */
  locate(offset: number): SourcePos;
}

/** A problem in a policy document, located in its original file. */
export class PolicyError extends Error {
  constructor(
    readonly file: string,
    readonly pos: SourcePos,
    readonly detail: string,
  ) {
    super(`${file}:${pos.line}:${pos.column}: ${detail}`);
    this.name = 'PolicyError';
  }
}
