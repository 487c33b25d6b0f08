// The JS classes behind APIM's `context` model (spec §2.2). Field names are the C# member names; the runtime
// constructs these (each takes a partial init object) and expressions read them through context-types.ts.
import { HeaderDictionary, StringValuesDictionary } from './string-values.ts';
import { VariableDictionary } from './variables.ts';
import type { MessageBody } from './message-body.ts';
import { Url } from './url.ts';

type Init<T> = Partial<{ [K in keyof T as T[K] extends (...a: never[]) => unknown ? never : K]: T[K] }>;

export class GroupInfo {
  Id = '';
  Name = '';
  constructor(init?: Init<GroupInfo>) {
    Object.assign(this, init);
  }
}

export class UserIdentity {
  Id = '';
  Provider = '';
  constructor(init?: Init<UserIdentity>) {
    Object.assign(this, init);
  }
}

export class SubscriptionKeyParameterNames {
  Header = 'Ocp-Apim-Subscription-Key';
  Query = 'subscription-key';
  constructor(init?: Init<SubscriptionKeyParameterNames>) {
    Object.assign(this, init);
  }
}

export class ApiInfo {
  Id = '';
  Name = '';
  Path = '';
  Protocols: readonly string[] = ['https'];
  ServiceUrl: Url | null = null;
  SubscriptionKeyParameterNames = new SubscriptionKeyParameterNames();
  IsCurrentRevision = true;
  Revision = '1';
  Version: string | null = '';
  constructor(init?: Init<ApiInfo>) {
    Object.assign(this, init);
  }
}

export class OperationInfo {
  Id = '';
  Method = '';
  Name = '';
  UrlTemplate = '';
  constructor(init?: Init<OperationInfo>) {
    Object.assign(this, init);
  }
}

export class ProductInfo {
  Apis: readonly ApiInfo[] = [];
  ApprovalRequired = false;
  Groups: GroupInfo[] = [];
  Id = '';
  Name = '';
  /** ProductState: 0 NotPublished, 1 Published. */
  State = 1;
  SubscriptionLimit: number | null = null;
  SubscriptionRequired = true;
  constructor(init?: Init<ProductInfo>) {
    Object.assign(this, init);
  }
}

export class SubscriptionInfo {
  /** DateTime values of the time module (or null). */
  CreatedDate: unknown = null;
  EndDate: unknown = null;
  StartDate: unknown = null;
  Id = '';
  Key = '';
  Name = '';
  PrimaryKey = '';
  SecondaryKey = '';
  constructor(init?: Init<SubscriptionInfo>) {
    Object.assign(this, init);
  }
}

export class UserInfo {
  Email = '';
  FirstName = '';
  LastName = '';
  Groups: GroupInfo[] = [];
  Id = '';
  Identities: UserIdentity[] = [];
  Note: string | null = '';
  RegistrationDate: unknown = null;
  constructor(init?: Init<UserInfo>) {
    Object.assign(this, init);
  }
}

export class GatewayInfo {
  Id = 'managed';
  IsManaged = true;
  constructor(init?: Init<GatewayInfo>) {
    Object.assign(this, init);
  }
}

export class DeploymentInfo {
  GatewayId = 'managed';
  Region = 'local';
  ServiceName = 'apimx';
  ServiceId = '';
  Gateway = new GatewayInfo();
  constructor(init?: Init<DeploymentInfo>) {
    Object.assign(this, init);
  }
}

export class LastErrorInfo {
  Source = '';
  Reason: string | null = '';
  Message = '';
  Scope: string | null = '';
  Section: string | null = '';
  Path: string | null = '';
  PolicyId: string | null = '';
  HttpErrorCode = 0;
  constructor(init?: Init<LastErrorInfo>) {
    Object.assign(this, init);
  }
}

/** What get-authorization-context stores: `((Authorization)context.Variables["auth"]).AccessToken`. */
export class AuthorizationInfo {
  AccessToken = '';
  Claims = new StringValuesDictionary(undefined, false);
  constructor(init?: Init<AuthorizationInfo>) {
    Object.assign(this, init);
  }
}

export class RequestModel {
  Body: MessageBody | null = null;
  Headers = new HeaderDictionary();
  IpAddress = '127.0.0.1';
  MatchedParameters = new StringValuesDictionary(undefined, false);
  Method = 'GET';
  OriginalUrl: Url = Url.parse('http://localhost/');
  Url: Url = this.OriginalUrl;
  Certificate: unknown = null;
  PrivateEndpointConnection: unknown = null;
  constructor(init?: Init<RequestModel>) {
    Object.assign(this, init);
  }
}

/** IResponse: context.Response, and what send-request stores in a variable. */
export class ResponseModel {
  Body: MessageBody | null = null;
  Headers = new HeaderDictionary();
  StatusCode = 200;
  StatusReason = 'OK';
  constructor(init?: Init<ResponseModel>) {
    Object.assign(this, init);
  }
}

/** What context.Trace() and the trace policy record. */
export interface TraceEntry {
  source: string;
  severity: string;
  message: string;
  metadata?: Readonly<Record<string, string>>;
}

/** IProxyRequestContext: the `context` of every expression. */
export class ProxyContext {
  Api: ApiInfo = new ApiInfo();
  Deployment = new DeploymentInfo();
  LastError: LastErrorInfo | null = null;
  Operation: OperationInfo = new OperationInfo();
  Product: ProductInfo | null = null;
  Request = new RequestModel();
  Response = new ResponseModel();
  Subscription: SubscriptionInfo | null = null;
  User: UserInfo | null = null;
  Variables = new VariableDictionary();
  /** A Guid of the library (whoever declares 'Guid'), or a string until one exists. */
  RequestId: unknown = null;
  /** A DateTime of the time module. */
  Timestamp: unknown = null;
  Tracing = false;
  /** Returns a TimeSpan of the time module: the time since Timestamp. */
  elapsed: (() => unknown) | null = null;
  readonly traces: TraceEntry[] = [];
  constructor(init?: Init<ProxyContext>) {
    Object.assign(this, init);
  }
}
