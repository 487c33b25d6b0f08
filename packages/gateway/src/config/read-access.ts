// `products:` and `subscriptions:` (spec §6): who may call what, and in which product context.
import type { ApiConfig, ProductConfig, SubscriptionConfig, SubscriptionScope, SubscriptionState, UserConfig } from './config-types.ts';
import { readPath } from './policy-path.ts';
import { Fields } from './reader.ts';

export function readProducts(root: Fields, baseDir: string, apis: ReadonlyMap<string, ApiConfig>): Map<string, ProductConfig> {
  const products = new Map<string, ProductConfig>();
  for (const [id, raw, path] of root.entries('products')) {
    const fields = Fields.of(root.issues, path, raw)?.only(
      'displayName', 'name', 'description', 'subscriptionRequired', 'approvalRequired', 'subscriptionsLimit', 'state', 'policy', 'apis',
    );
    if (!fields) continue;
    const productApis = fields.strings('apis');
    productApis.forEach((api, i) => {
      if (!apis.has(api)) fields.issues.push({ path: `${fields.at('apis')}[${i}]`, message: `no API with id '${api}'` });
    });
    products.set(id, {
      id,
      displayName: fields.string('displayName') ?? fields.string('name') ?? id,
      subscriptionRequired: fields.bool('subscriptionRequired', true),
      approvalRequired: fields.bool('approvalRequired', false),
      subscriptionsLimit: fields.has('subscriptionsLimit') ? fields.integer('subscriptionsLimit', 0) : null,
      state: fields.oneOf('state', ['published', 'notPublished'] as const, 'published'),
      policy: readPath(fields, 'policy', baseDir),
      apis: productApis,
    });
  }
  // An API belongs to at most one open product (spec §1.2): that product is the context of keyless calls.
  const openOwner = new Map<string, string>();
  for (const product of products.values()) {
    if (product.subscriptionRequired || product.state !== 'published') continue;
    for (const api of product.apis) {
      const other = openOwner.get(api);
      if (other !== undefined) {
        root.issues.push({ path: `$.products.${product.id}.apis`, message: `API '${api}' is already in the open product '${other}'; an API can belong to at most one open product` });
      }
      openOwner.set(api, product.id);
    }
  }
  return products;
}

const STATES: readonly SubscriptionState[] = ['active', 'suspended', 'cancelled', 'expired', 'submitted', 'rejected'];

export function readSubscriptions(
  root: Fields,
  apis: ReadonlyMap<string, ApiConfig>,
  products: ReadonlyMap<string, unknown>,
): Map<string, SubscriptionConfig> {
  const subscriptions = new Map<string, SubscriptionConfig>();
  const keys = new Map<string, string>();
  for (const [id, raw, path] of root.entries('subscriptions')) {
    const fields = Fields.of(root.issues, path, raw)?.only('displayName', 'scope', 'primaryKey', 'secondaryKey', 'state', 'user', 'ownerId');
    if (!fields) continue;
    const scope = readScope(fields, apis, products);
    const primaryKey = fields.required('primaryKey') ?? '';
    const secondaryKey = fields.string('secondaryKey', '');
    for (const [key, value] of [['primaryKey', primaryKey], ['secondaryKey', secondaryKey]] as const) {
      if (value === '') continue;
      const owner = keys.get(value);
      if (owner !== undefined) fields.fail(key, `the same key is already used by subscription '${owner}'`);
      keys.set(value, id);
    }
    subscriptions.set(id, {
      id,
      displayName: fields.string('displayName', id),
      scope: scope ?? { kind: 'api', id: '' },
      primaryKey,
      secondaryKey,
      state: fields.oneOf('state', STATES, 'active'),
      user: readUser(fields),
    });
  }
  return subscriptions;
}

/**
 * APIM writes scopes as resource paths: `/apis` (all APIs), `/apis/{id}`, `/products/{id}`, or a full ARM id
 * ending in one of them; `/`, `service` or the service's ARM id is the built-in all-access scope. `all` is
 * accepted for all APIs.
 */
function readScope(fields: Fields, apis: ReadonlyMap<string, ApiConfig>, products: ReadonlyMap<string, unknown>): SubscriptionScope | undefined {
  const raw = fields.required('scope');
  if (raw === undefined) return undefined;
  const value = raw.trim();
  if (value === 'all' || /(^|\/)apis\/?$/.test(value)) return { kind: 'allApis' };
  // The built-in all-access subscription's scope is the service itself: `/`, or its full ARM id.
  if (value === '/' || value === 'service' || /\/providers\/Microsoft\.ApiManagement\/service\/[^/]+\/?$/i.test(value)) return { kind: 'service' };
  const match = /(?:^|\/)(apis|products)\/([^/]+)\/?$/.exec(value);
  if (!match) return fields.fail('scope', `expected all, /apis, /apis/<api-id>, /products/<product-id>, / (all access) or an ARM id ending in one of them, found '${raw}'`);
  const id = match[2]!;
  if (match[1] === 'apis') {
    if (!apis.has(id)) return fields.fail('scope', `no API with id '${id}'`);
    return { kind: 'api', id };
  }
  if (!products.has(id)) return fields.fail('scope', `no product with id '${id}'`);
  return { kind: 'product', id };
}

function readUser(fields: Fields): UserConfig | null {
  const user = fields.object('user')?.only('id', 'email', 'firstName', 'lastName', 'note');
  if (!user) return null;
  return {
    id: user.required('id') ?? '',
    email: user.string('email', ''),
    firstName: user.string('firstName', ''),
    lastName: user.string('lastName', ''),
    note: user.string('note') ?? null,
  };
}
