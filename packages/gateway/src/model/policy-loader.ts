// Policy files → parsed documents, with the configuration's named values. Every problem of every file is
// collected (file:line:col: message) so one start reports them all.
import { readFile } from 'node:fs/promises';
import { parsePolicyDocument, type FragmentDocument, type PoliciesDocument, type PolicyDocument } from '@apimx/parser';

/**
 * The global policy when the configuration names none: forward every request to the API's service URL.
 * APIM's default global policy is `<forward-request />`, whose buffer-response="true" holds a chunked response
 * back in 8 KB pieces (or to the end of the stream), so server-sent events arrive all at once; Microsoft's SSE
 * guidance is to turn that buffering off. apimx's own default follows the guidance, so streams pass through
 * event by event out of the box; a policy file that says `<forward-request />` gets APIM's buffering as written.
 */
export const DEFAULT_GLOBAL_POLICY = '<policies><inbound /><backend><forward-request buffer-response="false" /></backend><outbound /><on-error /></policies>';
export const DEFAULT_GLOBAL_FILE = '<default global policy>';

export class PolicyLoadError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'PolicyLoadError';
  }
}

export class PolicyLoader {
  readonly problems: string[] = [];
  private readonly cache = new Map<string, Promise<PolicyDocument | undefined>>();

  constructor(private readonly namedValues: ReadonlyMap<string, string>) {}

  async policies(file: string): Promise<PoliciesDocument | undefined> {
    const document = await this.load(file);
    if (document && document.kind !== 'policies') {
      this.problems.push(`${file}:1:1: expected a <policies> document, found a <fragment>`);
      return undefined;
    }
    return document;
  }

  async fragment(file: string): Promise<FragmentDocument | undefined> {
    const document = await this.load(file);
    if (document && document.kind !== 'fragment') {
      this.problems.push(`${file}:1:1: expected a <fragment> document, found <policies>`);
      return undefined;
    }
    return document;
  }

  /** Every document read so far (files that failed to read or parse are left out). */
  async documents(): Promise<PolicyDocument[]> {
    const documents = await Promise.all(this.cache.values());
    return documents.filter((document): document is PolicyDocument => document !== undefined);
  }

  parseText(text: string, file: string): PolicyDocument | undefined {
    const result = parsePolicyDocument(text, { file, namedValues: this.namedValues });
    for (const error of result.errors) this.problems.push(error.message);
    return result.errors.length === 0 ? result.document : undefined;
  }

  private load(file: string): Promise<PolicyDocument | undefined> {
    let pending = this.cache.get(file);
    if (!pending) {
      pending = readFile(file, 'utf8').then(
        (text) => this.parseText(text, file),
        (error: Error) => {
          this.problems.push(`${file}: cannot read: ${error.message}`);
          return undefined;
        },
      );
      this.cache.set(file, pending);
    }
    return pending;
  }
}
