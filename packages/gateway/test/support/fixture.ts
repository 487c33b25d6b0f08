// A configuration and its policy files in a fresh temporary directory.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export function writeFixture(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'apimx-gateway-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** A <policies> document from its sections' inner XML. */
export function policies(sections: { inbound?: string; backend?: string; outbound?: string; onError?: string }): string {
  return [
    '<policies>',
    `<inbound>${sections.inbound ?? '<base />'}</inbound>`,
    `<backend>${sections.backend ?? '<base />'}</backend>`,
    `<outbound>${sections.outbound ?? '<base />'}</outbound>`,
    `<on-error>${sections.onError ?? '<base />'}</on-error>`,
    '</policies>',
  ].join('\n');
}
