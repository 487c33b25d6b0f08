// context.Response, and what send-request stores as an IResponse.
import { HeaderDictionary, ResponseModel } from '@apimx/parser';
import type { MessageBody } from './message-body.ts';

// Not `extends ResponseModel`: forward-request makes one per request and sets the backend's headers on it, so
// the default header map ResponseModel's initialiser builds would be thrown away each time; here it is made on
// first read. The prototype link keeps `instanceof ResponseModel` true; `implements` keeps the members in step.
export class ContextResponse implements ResponseModel {
  Body: MessageBody | null = null;
  StatusCode = 200;
  StatusReason = 'OK';
  private headers: HeaderDictionary | null = null;

  get Headers(): HeaderDictionary {
    return (this.headers ??= new HeaderDictionary());
  }

  set Headers(value: HeaderDictionary) {
    this.headers = value;
  }
}

Object.setPrototypeOf(ContextResponse.prototype, ResponseModel.prototype);
