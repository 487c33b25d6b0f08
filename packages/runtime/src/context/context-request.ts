// context.Request, built from the incoming request. OriginalUrl and Url are parsed (and MatchedParameters made)
// on first read: a pass-through request never reads them, and forward-request asks for the URL as text
// (urlText), which needs no parse while nothing has read or changed context.Request.Url.
import { RequestModel, StringValuesDictionary, Url, type HeaderDictionary } from '@apimx/parser';
import type { GatewayRequest } from '../http/types.ts';
import { MessageBody } from './message-body.ts';
import { canonicalUrlText } from './url-text.ts';

// Not `extends RequestModel`: its field initialisers build a default Url (a WHATWG URL parse), headers and
// parameters that this constructor would throw away on every request. The prototype link below keeps
// `instanceof RequestModel` (the expression model's type test) true; `implements` makes tsc check that every
// member of RequestModel is here.
export class ContextRequest implements RequestModel {
  Body: MessageBody | null;
  Headers: HeaderDictionary;
  IpAddress: string;
  Method: string;
  Certificate: unknown = null;
  PrivateEndpointConnection: unknown = null;
  private matched: StringValuesDictionary | null = null;
  private originalUrl: Url | null = null;
  private url: Url | null = null;

  constructor(
    private readonly incomingUrl: string,
    request: GatewayRequest,
    private readonly matchedParameters: ReadonlyMap<string, string> | undefined,
    /** The backend URL context.Request.Url starts as; the incoming URL when absent. */
    private backendUrl: string | undefined,
  ) {
    this.Method = request.method.toUpperCase();
    this.Headers = request.headers;
    this.Body = request.body === undefined ? null : new MessageBody(request.body);
    this.IpAddress = request.clientIp;
  }

  get MatchedParameters(): StringValuesDictionary {
    // Template parameters are matched case-sensitively and hold one value each.
    return (this.matched ??= new StringValuesDictionary(this.matchedParameters, false));
  }

  set MatchedParameters(value: StringValuesDictionary) {
    this.matched = value;
  }

  get OriginalUrl(): Url {
    return (this.originalUrl ??= Url.parse(this.incomingUrl));
  }

  set OriginalUrl(value: Url) {
    this.originalUrl = value;
  }

  get Url(): Url {
    return (this.url ??= this.backendUrl ? Url.parse(this.backendUrl) : this.OriginalUrl.clone());
  }

  set Url(value: Url) {
    this.url = value;
  }

  /** The URL as text while nobody has read or set context.Request.Url (then it is still just text), else null. */
  untouchedUrlText(): string | null {
    return this.url === null ? this.backendUrl || this.incomingUrl : null;
  }

  /** Points an untouched context.Request.Url at other text (set-backend-service), still without parsing it. */
  retarget(text: string): void {
    this.backendUrl = text;
  }

  /** context.Request.Url.toString(), without parsing when the URL has not been read or changed. */
  urlText(): string {
    return this.url !== null ? this.url.toString() : canonicalUrlText(this.backendUrl || this.incomingUrl);
  }
}

Object.setPrototypeOf(ContextRequest.prototype, RequestModel.prototype);
