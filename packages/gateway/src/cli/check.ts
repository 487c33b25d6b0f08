// `apimx check <file|dir>...`: validates every .xml under the paths and prints errors like a compiler does.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parsePolicyDocument } from '@apimx/parser';

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
      for (const error of result.errors) write(error.message);
      for (const note of result.notes) write(note);
      if (result.errors.length > 0) failed++;
    }
  }
  write(`checked ${checked} files: ${failed} with errors`);
  return failed > 0 ? 1 : 0;
}
