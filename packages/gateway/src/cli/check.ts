// `apimx check <file|dir>...`: validates every .xml under the paths and prints errors like a compiler does.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parsePolicyDocument, tryCompileExpression, type ParseResult } from '@apimx/parser';

export interface Writer {
  (line: string): void;
}

/** The files to check for one path: the path itself, or every .xml below it (sorted, recursive). */
async function policyFiles(path: string): Promise<string[]> {
  const info = await stat(path);
  if (!info.isDirectory()) return [path];
  const entries = await readdir(path, { recursive: true, withFileTypes: true });
  const relative = entries
    .filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.xml'))
    .map((e) => join(e.parentPath, e.name).slice(path.length).replace(/^[/\\]+/, ''))
    .sort();
  return relative.map((r) => join(path, r));
}

/** Checks the paths; returns the exit status (1 when any file has errors or a path cannot be read). */
export async function runCheck(paths: readonly string[], write: Writer): Promise<number> {
  if (paths.length === 0) {
    write('usage: apimx check <file|dir>...');
    return 2;
  }
  let checked = 0;
  let failed = 0;
  let compiled = 0;
  for (const path of paths) {
    let files: string[];
    try {
      files = await policyFiles(path);
    } catch (e) {
      write(`${path}: cannot read: ${(e as Error).message}`);
      failed++;
      continue;
    }
    for (const file of files) {
      checked++;
      const result = parsePolicyDocument(await readFile(file, 'utf8'), { file });
      const expressions = compileAll(result, file);
      compiled += expressions.compiled;
      const errors = [...result.errors.map((e) => e.message), ...expressions.errors];
      for (const error of errors) write(error);
      for (const note of [...result.notes, ...expressions.notes]) write(note);
      if (errors.length > 0) failed++;
    }
  }
  write(`compiled ${compiled} expressions`);
  write(`checked ${checked} files: ${failed} with errors`);
  return failed > 0 ? 1 : 0;
}

/**
 * Every expression of a document that parsed is compiled as the gateway would at start, so C# errors are
 * reported at their line and column in the original file.
 */
function compileAll(result: ParseResult, file: string): { compiled: number; errors: string[]; notes: string[] } {
  const errors: string[] = [];
  const notes: string[] = [];
  let compiled = 0;
  for (const source of result.expressions) {
    const outcome = tryCompileExpression(source, { file });
    if (!outcome.ok) {
      errors.push(outcome.error.message);
      continue;
    }
    compiled++;
    for (const placeholder of outcome.expression.placeholders) {
      notes.push(`${file}:${source.pos.line}:${source.pos.column}: note: ${placeholder} inside an interpolated string is kept as a deployment placeholder`);
    }
  }
  return { compiled, errors, notes };
}
