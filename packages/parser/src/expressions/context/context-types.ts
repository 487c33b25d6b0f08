// Type declarations of APIM's `context` model (spec §2.2) over the classes of models.ts and friends.
import { ExpressionError, method, property, OutRef } from '../dotnet/registry.ts';
import type { Invocation, MemberDecl, TypeDecl, TypeModule, TypeName } from '../dotnet/registry.ts';
import {
  ApiInfo, AuthorizationInfo, DeploymentInfo, GatewayInfo, GroupInfo, LastErrorInfo, OperationInfo, ProductInfo,
  ProxyContext, RequestModel, ResponseModel, SubscriptionInfo, SubscriptionKeyParameterNames, UserIdentity, UserInfo,
} from './models.ts';
import { StringValuesDictionary } from './string-values.ts';
import { VariableDictionary } from './variables.ts';
import { MessageBody, decodeUtf8 } from './message-body.ts';
import { Url } from './url.ts';
import { typeSystem } from '../types/registry-instance.ts';
import { parseForm } from '../dotnet/collections/form-content.ts';
import { castValue, isInstance } from '../runtime/convert.ts';

/** Read-only properties that read the same-named field. */
function fields(spec: Record<string, TypeName>): Record<string, MemberDecl> {
  const out: Record<string, MemberDecl> = {};
  for (const [name, type] of Object.entries(spec)) out[name] = property(type, (self) => (self as Record<string, unknown>)[name] ?? null);
  return out;
}

function model(name: string, cls: abstract new (...a: never[]) => unknown, spec: Record<string, TypeName>, extra: Record<string, MemberDecl> = {}): TypeDecl {
  return { name, is: (v) => v instanceof cls, instance: { ...fields(spec), ...extra } };
}

const keyNotFound = (k: unknown): ExpressionError => new ExpressionError(`The given key '${String(k)}' was not present in the dictionary.`, 'KeyNotFoundException');
const argNull = (p: string): ExpressionError => new ExpressionError(`Value cannot be null. (Parameter '${p}')`, 'ArgumentNullException');

function keyArg(k: unknown): string {
  if (k === null || k === undefined) throw argNull('key');
  return String(k);
}

// IReadOnlyDictionary<string, string[]> (headers, query) and IReadOnlyDictionary<string, string> (MatchedParameters).
function stringValuesDecl(name: string, single: boolean): TypeDecl {
  const valueType = single ? 'string' : 'string[]';
  const value = (d: StringValuesDictionary, k: string): unknown => {
    const v = d.get(k);
    return v === undefined ? undefined : single ? v.join(',') : [...v];
  };
  return {
    name,
    base: 'IEnumerable',
    is: (v) => v instanceof StringValuesDictionary && (single ? !v.caseInsensitive : v.caseInsensitive),
    indexer: {
      type: valueType,
      get(d: StringValuesDictionary, k) {
        const v = value(d, keyArg(k));
        if (v === undefined) throw keyNotFound(k);
        return v;
      },
    },
    instance: {
      GetValueOrDefault: method('string', [1, 2], (d: StringValuesDictionary, [k, def]) => d.joined(keyArg(k), (def as string | undefined) ?? null)),
      TryGetValue: method('bool', [2, 2], (d: StringValuesDictionary, [k, out]) => {
        const v = value(d, keyArg(k));
        (out as OutRef).value = v ?? null;
        return v !== undefined;
      }),
      ContainsKey: method('bool', [1, 1], (d: StringValuesDictionary, [k]) => d.has(keyArg(k))),
      Keys: property('IEnumerable<string>', (d: StringValuesDictionary) => d.names()),
      Values: property(`IEnumerable<${valueType}>`, (d: StringValuesDictionary) => d.names().map((n) => value(d, n))),
      Count: property('int', (d: StringValuesDictionary) => d.size),
    },
    enumerate: (d: StringValuesDictionary) => keyValuePairs(d.names().map((n) => [n, value(d, n)])),
    elementType: () => `KeyValuePair<string,${valueType}>`,
  };
}

/** Pairs as the collections module's KeyValuePair when it exists, else [key, value] arrays. */
function keyValuePairs(pairs: [string, unknown][]): unknown[] {
  const kv = typeSystem().named('KeyValuePair');
  if (!kv?.construct) return pairs;
  const inv: Invocation = { typeArgs: ['string', 'dynamic'], argTypes: ['string', 'dynamic'], named: {}, guard: { step() {}, alloc() {} } };
  return pairs.map(([k, v]) => kv.construct!.invoke(undefined, [k, v], inv));
}

/** C# assignability of a stored variable to T, for GetValueOrDefault<T> (spec §2.2: a mismatch throws). */
function variableAs(entry: { value: unknown; type: TypeName }, target: TypeName): unknown {
  const ts = typeSystem();
  const t = ts.canonical(target);
  const { value, type } = entry;
  if (value === null || t === 'object' || t === 'dynamic') return value;
  const plain = t.replace(/\?$/, '');
  let ok: boolean;
  if (type !== 'dynamic' && type !== 'object') {
    const stored = type.replace(/\?$/, '');
    if (stored === plain) ok = true;
    else {
      const sd = ts.declFor(stored);
      const td = ts.declFor(plain);
      ok = sd !== undefined && td !== undefined && sd !== td && !isValueType(stored) && ts.derives(sd, td) && isInstance(ts, value, plain);
    }
  } else ok = isInstance(ts, value, plain);
  if (!ok) {
    const from = type === 'dynamic' ? (typeof value) : type;
    throw new ExpressionError(`Unable to cast object of type '${from}' to type '${plain}'.`, 'InvalidCastException');
  }
  return value;
}

const VALUE_TYPES = new Set(['bool', 'char', 'byte', 'sbyte', 'short', 'ushort', 'int', 'uint', 'long', 'ulong', 'float', 'double', 'decimal', 'DateTime', 'TimeSpan', 'Guid', 'DateTimeOffset']);
function isValueType(t: TypeName): boolean {
  return VALUE_TYPES.has(t);
}

function defaultOf(t: TypeName | undefined): unknown {
  if (!t) return null;
  if (t === 'bool') return false;
  if (['byte', 'sbyte', 'short', 'ushort', 'int', 'uint', 'long', 'ulong', 'float', 'double', 'decimal'].includes(t)) return 0;
  if (t === 'char') return '\0';
  return null;
}

const variablesDecl: TypeDecl = {
  name: 'IVariables',
  aliases: ['IReadOnlyDictionary<string,object>'],
  base: 'IEnumerable',
  is: (v) => v instanceof VariableDictionary,
  indexer: {
    type: 'object',
    get(d: VariableDictionary, k) {
      const e = d.entry(keyArg(k));
      if (!e) throw keyNotFound(k);
      return e.value;
    },
  },
  instance: {
    GetValueOrDefault: method((_r, t) => t[0] ?? 'object', [1, 2], (d: VariableDictionary, [k, def], inv) => {
      const e = d.entry(keyArg(k));
      const target = inv.typeArgs[0];
      if (!e) return def !== undefined ? def : defaultOf(target && typeSystem().canonical(target));
      return target ? variableAs(e, target) : e.value;
    }),
    TryGetValue: method('bool', [2, 2], (d: VariableDictionary, [k, out]) => {
      const e = d.entry(keyArg(k));
      (out as OutRef).value = e ? e.value : null;
      return e !== undefined;
    }),
    ContainsKey: method('bool', [1, 1], (d: VariableDictionary, [k]) => d.has(keyArg(k))),
    Keys: property('IEnumerable<string>', (d: VariableDictionary) => d.names()),
    Values: property('IEnumerable<object>', (d: VariableDictionary) => d.names().map((n) => d.get(n))),
    Count: property('int', (d: VariableDictionary) => d.size),
  },
  enumerate: (d: VariableDictionary) => keyValuePairs([...d]),
  elementType: () => 'KeyValuePair<string,object>',
};

function bodyAs(b: MessageBody, target: TypeName | undefined, preserve: boolean, inv: Invocation): unknown {
  const t = target ? typeSystem().canonical(target) : 'string';
  if (t === 'string') return decodeUtf8(b.read(preserve));
  if (t === 'byte[]') return b.read(preserve).slice();
  const decl = typeSystem().declFor(t);
  const parse = decl?.static?.Parse ?? (t === 'JToken' ? undefined : undefined);
  if (!parse || parse.kind !== 'method') throw new ExpressionError(`Body.As<${t}>() is not supported.`, 'NotSupportedException');
  const text = decodeUtf8(b.read(preserve));
  return castValue(typeSystem(), parse.invoke(undefined, [text], { ...inv, typeArgs: [], argTypes: ['string'] }), t, 'dynamic');
}

function preserveArg(args: unknown[], inv: Invocation): boolean {
  const named = inv.named.preserveContent;
  return named !== undefined ? named === true : args[0] === true;
}

const bodyDecl: TypeDecl = {
  name: 'IMessageBody',
  is: (v) => v instanceof MessageBody,
  instance: {
    As: method((_r, t) => (t[0] ? typeSystem().canonical(t[0]) : 'string'), [0, 1], (b: MessageBody, args, inv) => bodyAs(b, inv.typeArgs[0], preserveArg(args, inv), inv)),
    AsFormUrlEncodedContent: method('IDictionary<string,IList<string>>', [0, 1], (b: MessageBody, args, inv) => parseForm(decodeUtf8(b.read(preserveArg(args, inv))))),
  },
};

const urlDecl: TypeDecl = {
  name: 'IUrl',
  is: (v) => v instanceof Url,
  instance: {
    ...fields({ Host: 'string', Path: 'string', Port: 'int', Scheme: 'string', Query: 'IQueryDictionary' }),
    QueryString: property('string', (u: Url) => u.QueryString),
    ToUri: method('Uri', [0, 0], (u: Url) => {
      const uri = typeSystem().named('Uri');
      if (!uri?.construct) return u.toString();
      return uri.construct.invoke(undefined, [u.toString()], { typeArgs: [], argTypes: ['string'], named: {}, guard: { step() {}, alloc() {} } });
    }),
    ToString: method('string', [0, 0], (u: Url) => u.toString()),
  },
  toString: (u: Url) => u.toString(),
};

const requestDecl = model('IRequest', RequestModel, {
  Body: 'IMessageBody', Headers: 'IHeaderDictionary', IpAddress: 'string', MatchedParameters: 'IMatchedParameters',
  Method: 'string', OriginalUrl: 'IUrl', Url: 'IUrl', Certificate: 'dynamic', PrivateEndpointConnection: 'dynamic',
});

const responseDecl: TypeDecl = {
  ...model('IResponse', ResponseModel, { Body: 'IMessageBody', Headers: 'IHeaderDictionary', StatusCode: 'int', StatusReason: 'string' }),
  aliases: ['IHttpResponseMessage'],
};

const NO_INV: Invocation = { typeArgs: [], argTypes: [], named: {}, guard: { step() {}, alloc() {} } };

/** A static member of a library type, when that library has landed (decoupled through the registry). */
function libraryStatic(type: string, name: string): MemberDecl | undefined {
  const d = typeSystem().named(type);
  return d?.static && Object.hasOwn(d.static, name) ? d.static[name] : undefined;
}

// RequestId and Timestamp are set by the runtime; when it did not, they are made on first read (a new Guid,
// the current UTC time from the time module's clock) and kept, so that every read of one request agrees.
function requestId(c: ProxyContext): unknown {
  if (c.RequestId === null) {
    const m = libraryStatic('Guid', 'NewGuid');
    if (m?.kind === 'method') c.RequestId = m.invoke(undefined, [], NO_INV);
  }
  return c.RequestId;
}

function timestamp(c: ProxyContext): unknown {
  if (c.Timestamp === null) {
    const p = libraryStatic('DateTime', 'UtcNow');
    if (p?.kind === 'property') c.Timestamp = p.get(undefined);
  }
  return c.Timestamp;
}

function elapsed(c: ProxyContext): unknown {
  if (c.elapsed) return c.elapsed();
  const now = libraryStatic('DateTime', 'UtcNow');
  const minus = libraryStatic('DateTime', 'op_Subtraction');
  const start = timestamp(c);
  if (now?.kind !== 'property' || minus?.kind !== 'method' || start === null) return null;
  return minus.invoke(undefined, [now.get(undefined), start], { ...NO_INV, argTypes: ['DateTime', 'DateTime'] });
}

const contextDecl: TypeDecl = model('IProxyRequestContext', ProxyContext, {
  Api: 'IApi', Deployment: 'IDeployment', LastError: 'ILastError', Operation: 'IOperation', Product: 'IProduct',
  Request: 'IRequest', Response: 'IResponse', Subscription: 'ISubscription', User: 'IUser', Variables: 'IVariables',
  Tracing: 'bool',
}, {
  RequestId: property('Guid', requestId),
  Timestamp: property('DateTime', timestamp),
  Elapsed: property('TimeSpan', elapsed),
  Trace: method('void', [1, 1], (c: ProxyContext, [m]) => {
    c.traces.push({ source: 'context.Trace', severity: 'verbose', message: m === null || m === undefined ? '' : String(m) });
  }),
});

/** A function for the same import-cycle reason as primitiveTypes(). */
export function contextTypes(): TypeModule {
  return contextDecls;
}

const contextDecls: TypeModule = [
  contextDecl,
  requestDecl,
  responseDecl,
  urlDecl,
  bodyDecl,
  variablesDecl,
  stringValuesDecl('IHeaderDictionary', false),
  { ...stringValuesDecl('IQueryDictionary', false), is: () => false },
  stringValuesDecl('IMatchedParameters', true),
  model('IApi', ApiInfo, {
    Id: 'string', Name: 'string', Path: 'string', Protocols: 'IEnumerable<string>', ServiceUrl: 'IUrl',
    SubscriptionKeyParameterNames: 'ISubscriptionKeyParameterNames', IsCurrentRevision: 'bool', Revision: 'string', Version: 'string',
  }),
  model('ISubscriptionKeyParameterNames', SubscriptionKeyParameterNames, { Header: 'string', Query: 'string' }),
  model('IOperation', OperationInfo, { Id: 'string', Method: 'string', Name: 'string', UrlTemplate: 'string' }),
  model('IProduct', ProductInfo, {
    Apis: 'IEnumerable<IApi>', ApprovalRequired: 'bool', Groups: 'IEnumerable<IGroup>', Id: 'string', Name: 'string',
    State: 'int', SubscriptionLimit: 'int?', SubscriptionRequired: 'bool',
  }),
  model('ISubscription', SubscriptionInfo, {
    CreatedDate: 'DateTime', EndDate: 'DateTime?', StartDate: 'DateTime?', Id: 'string', Key: 'string', Name: 'string',
    PrimaryKey: 'string', SecondaryKey: 'string',
  }),
  model('IUser', UserInfo, {
    Email: 'string', FirstName: 'string', LastName: 'string', Groups: 'IEnumerable<IGroup>', Id: 'string',
    Identities: 'IEnumerable<IUserIdentity>', Note: 'string', RegistrationDate: 'DateTime',
  }),
  model('IGroup', GroupInfo, { Id: 'string', Name: 'string' }),
  model('IUserIdentity', UserIdentity, { Id: 'string', Provider: 'string' }),
  model('IDeployment', DeploymentInfo, { GatewayId: 'string', Region: 'string', ServiceName: 'string', ServiceId: 'string', Gateway: 'IGateway' }),
  model('IGateway', GatewayInfo, { Id: 'string', IsManaged: 'bool' }),
  model('ILastError', LastErrorInfo, {
    Source: 'string', Reason: 'string', Message: 'string', Scope: 'string', Section: 'string', Path: 'string',
    PolicyId: 'string', HttpErrorCode: 'int',
  }),
  model('Authorization', AuthorizationInfo, { AccessToken: 'string', Claims: 'IMatchedParameters' }),
];
