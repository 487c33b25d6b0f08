// `apimx check`: in-process through its function, and once as the real command in a child process.
import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/cli/check.ts';
import { main } from '../../src/cli/main.ts';

const REPO = new URL('../../../../', import.meta.url).pathname;

async function capture(run: (write: (line: string) => void) => Promise<number>): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await run((line) => lines.push(line));
  return { code, lines };
}

/** A directory of policy files: two valid, one invalid in a subfolder, and a non-XML file that is skipped. */
function fixtureDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'apimx-check-'));
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'b.xml'), '<policies>\n  <inbound>\n    <base />\n  </inbound>\n</policies>\n');
  writeFileSync(join(dir, 'a.xml'), '<fragment>\n  <set-variable name="h" value="{{host}}" />\n</fragment>\n');
  writeFileSync(join(dir, 'sub', 'c.xml'), '<policies>\n  <inbound>\n    <retry count="x" interval="0" condition="@(true)" />\n  </inbound>\n</policies>\n');
  writeFileSync(join(dir, 'notes.txt'), 'not a policy');
  return dir;
}

describe('apimx check, in process', () => {
  it('checks every .xml under a directory, sorted, and prints errors, notes and one summary', async () => {
    const dir = fixtureDir();
    const { code, lines } = await capture((w) => runCheck([dir], w));
    expect(code).toBe(1);
    expect(lines).toEqual([
      `${join(dir, 'a.xml')}:2:33: note: named value {{host}} is not known without a configuration; checked with a stand-in`,
      `${join(dir, 'sub', 'c.xml')}:3:12: attribute 'count' of <retry> must be an integer, got 'x'`,
      'compiled 1 expressions',
      'checked 3 files: 1 with errors',
    ]);
  });

  it('exits 0 when every file is valid, naming a file as the user gave it', async () => {
    const dir = fixtureDir();
    const { code, lines } = await capture((w) => runCheck([join(dir, 'b.xml')], w));
    expect([code, lines]).toEqual([0, ['compiled 0 expressions', 'checked 1 files: 0 with errors']]);
  });

  it('counts a path it cannot read as a failure', async () => {
    const { code, lines } = await capture((w) => runCheck(['/nonexistent/policies'], w));
    expect(code).toBe(1);
    expect(lines[0]).toMatch(/^\/nonexistent\/policies: cannot read: /);
    expect(lines.at(-1)).toBe('checked 0 files: 1 with errors');
  });

  it('dispatches subcommands and prints usage', async () => {
    expect((await capture((w) => main(['start', '--config', '/nonexistent/apimx.yaml'], w))).code).toBe(1);
    const help = await capture((w) => main([], w));
    expect(help.code).toBe(2);
    expect(help.lines.join('\n')).toContain('check <file|dir>...');
    expect((await capture((w) => main(['frob'], w))).lines[0]).toBe("apimx: unknown command 'frob'");
  });

  it('checks the real corpus: 116 files, 4 with errors', async () => {
    const { code, lines } = await capture((w) => runCheck([join(REPO, '../shared/corpus/ai-gateway')], w));
    expect(code).toBe(1);
    expect(lines.at(-1)).toBe('checked 116 files: 4 with errors');
    // Every expression of the corpus compiles: the count stands on the line before the summary.
    expect(lines.at(-2)).toBe('compiled 433 expressions');
    expect(lines.filter((l) => !l.includes(': note: ')).length).toBe(8);
  });

  it('compiles every expression and reports C# errors at their line and column in the original file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'apimx-check-'));
    const file = join(dir, 'bad.xml');
    writeFileSync(
      file,
      '<policies>\n  <inbound>\n    <set-header name="x" exists-action="override">\n      <value>@(context.Request.Headers.Nope("a"))</value>\n    </set-header>\n    <set-variable name="ok" value="@(1 + 1)" />\n  </inbound>\n</policies>\n',
    );
    const { code, lines } = await capture((w) => runCheck([file], w));
    expect(code).toBe(1);
    expect(lines).toEqual([
      `${file}:4:40: 'IHeaderDictionary' does not contain a definition for 'Nope' (not available to policy expressions)`,
      'compiled 1 expressions',
      'checked 1 files: 1 with errors',
    ]);
  });
});

describe('apimx check, as a command', () => {
  it('runs through tsx with the exit status and output of the in-process check', async () => {
    const dir = fixtureDir();
    const run = promisify(execFile);
    const failure = await run('npx', ['tsx', 'packages/gateway/src/cli/main.ts', 'check', dir], { cwd: REPO }).catch(
      (e: { code: number; stdout: string }) => e,
    );
    expect('code' in failure && failure.code).toBe(1);
    expect(failure.stdout.trim().split('\n').at(-1)).toBe('checked 3 files: 1 with errors');
    const ok = await run('npx', ['tsx', 'packages/gateway/src/cli/main.ts', 'check', join(dir, 'b.xml')], { cwd: REPO });
    expect(ok.stdout).toBe('compiled 0 expressions\nchecked 1 files: 0 with errors\n');
  });
});
