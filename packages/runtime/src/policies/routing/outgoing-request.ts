// The request send-request and send-one-way-request make (spec §3.10): empty (mode="new") or a copy of
// context.Request (mode="copy"), then shaped by the children in document order: set-url, set-method,
// set-header, set-body, authentication-basic. The children act on this request, never on context.Request.
import type { ChildElementNode, PolicyNode } from '@apimx/parser';
import { PolicyError } from '@apimx/parser';
import type { RequestContext } from '../../context/request-context.ts';
import { HeaderMap } from '../../http/header-map.ts';
import type { BuildContext, Getter } from '../types.ts';
import { managedIdentityShape } from './call-identity.ts';

export interface OutgoingRequest {
  method: string;
  url: string | null;
  headers: HeaderMap;
  body: Uint8Array | undefined;
}

export interface RequestTemplate {
  /** mode="copy" reads the current request body, so the pipeline must buffer it first. */
  readsRequestBody: boolean;
  /** Synchronous unless a child has to wait (a managed identity token). */
  create(ctx: RequestContext): OutgoingRequest | Promise<OutgoingRequest>;
}

type Shape = (request: OutgoingRequest, ctx: RequestContext) => void | Promise<void>;

const NOT_SUPPORTED: Readonly<Record<string, string>> = {
  'authentication-certificate': 'is not supported: apimx does not present client certificates',
  proxy: 'is not supported: apimx does not route calls through an HTTP proxy',
};

export function requestTemplate(node: PolicyNode, build: BuildContext): RequestTemplate {
  const mode = build.string(node, 'mode');
  const modeValue = node.attributes['mode']?.value;
  const shapes: Shape[] = [];
  for (const child of node.children) {
    if (child.kind === 'element' && child.name === 'set-url') shapes.push(setUrl(child, build));
    else if (child.kind === 'policy') shapes.push(shapeFor(child, node, build));
  }
  return {
    // An expression for mode may say copy: buffer to be safe.
    readsRequestBody: typeof modeValue !== 'string' || modeValue.toLowerCase() === 'copy',
    create(ctx) {
      const request = mode(ctx)?.toLowerCase() === 'copy' ? copyOf(ctx) : { method: 'GET', url: null, headers: new HeaderMap(), body: undefined };
      return applyShapes(shapes, request, ctx, 0);
    },
  };
}

function applyShapes(shapes: readonly Shape[], request: OutgoingRequest, ctx: RequestContext, from: number): OutgoingRequest | Promise<OutgoingRequest> {
  for (let i = from; i < shapes.length; i++) {
    const pending = shapes[i]!(request, ctx);
    if (pending) return pending.then(() => applyShapes(shapes, request, ctx, i + 1));
  }
  return request;
}

function copyOf(ctx: RequestContext): OutgoingRequest {
  const source = ctx.Request;
  let body: Uint8Array | undefined;
  // "in outbound, copy doesn't initialise the body" (spec §3.10); a body an expression consumed is empty.
  if (ctx.section !== 'outbound' && source.Body?.buffered) {
    try {
      body = source.Body.read(true);
    } catch {
      body = undefined;
    }
  }
  return { method: source.Method, url: source.Url.toString(), headers: source.Headers.clone(), body };
}

function setUrl(element: ChildElementNode, build: BuildContext): Shape {
  const url = build.text(element);
  return (request, ctx) => {
    request.url = url(ctx)?.trim() ?? null;
  };
}

function shapeFor(child: PolicyNode, parent: PolicyNode, build: BuildContext): Shape {
  switch (child.name) {
    case 'set-method': {
      const method = build.text(child);
      return (request, ctx) => {
        const value = method(ctx)?.trim();
        if (value) request.method = value.toUpperCase();
      };
    }
    case 'set-header':
      return setHeader(child, build);
    case 'set-body': {
      if (child.attributes['template']?.value === 'liquid') {
        throw new PolicyError(build.file, child.pos, `set-body template="liquid" is not supported inside ${parent.element}`);
      }
      const text = build.text(child);
      return (request, ctx) => {
        request.body = Buffer.from(text(ctx) ?? '', 'utf8');
      };
    }
    case 'authentication-managed-identity':
      return managedIdentityShape(child, build);
    case 'authentication-basic': {
      const username = build.string(child, 'username');
      const password = build.string(child, 'password');
      return (request, ctx) => {
        const token = Buffer.from(`${username(ctx) ?? ''}:${password(ctx) ?? ''}`, 'utf8').toString('base64');
        request.headers.set('Authorization', `Basic ${token}`);
      };
    }
    default: {
      const why = NOT_SUPPORTED[child.name] ?? `is not supported inside ${parent.element}`;
      throw new PolicyError(build.file, child.pos, `${child.element} ${why}`);
    }
  }
}

function setHeader(child: PolicyNode, build: BuildContext): Shape {
  const name = build.string(child, 'name');
  const action = build.string(child, 'exists-action');
  const values: Getter<string | null>[] = build.elements(child, 'value').map((value) => build.text(value));
  return (request, ctx) => {
    const header = name(ctx);
    if (!header) return;
    const headers = request.headers;
    switch ((action(ctx) ?? 'override').toLowerCase()) {
      case 'delete':
        headers.delete(header);
        return;
      case 'skip':
        if (!headers.has(header)) headers.set(header, evaluate(values, ctx));
        return;
      case 'append':
        headers.append(header, evaluate(values, ctx));
        return;
      default:
        headers.set(header, evaluate(values, ctx));
    }
  };
}

function evaluate(values: readonly Getter<string | null>[], ctx: RequestContext): string[] {
  if (values.length === 0) return [''];
  return values.map((value) => value(ctx) ?? '');
}
