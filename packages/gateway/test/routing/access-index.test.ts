// Spec §6 truth table and §1.2 product-context rules, on the access index alone.
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/index.ts';
import { AccessIndex } from '../../src/subscriptions/access-index.ts';

const config = readConfig(
  {
    apis: {
      closed: { path: 'closed', operations: 'openai-v1' },
      open: { path: 'open', operations: 'openai-v1', subscriptionRequired: false },
      inOpenProduct: { path: 'iop', operations: 'openai-v1' },
    },
    products: {
      gold: { apis: ['closed', 'open'] },
      free: { apis: ['inOpenProduct'], subscriptionRequired: false },
      draft: { apis: ['closed'], subscriptionRequired: false, state: 'notPublished' },
    },
    subscriptions: {
      goldSub: { scope: '/products/gold', primaryKey: 'gold-1', secondaryKey: 'gold-2' },
      apiSub: { scope: '/apis/closed', primaryKey: 'api-1' },
      allSub: { scope: '/apis', primaryKey: 'all-1' },
      master: { scope: 'service', primaryKey: 'master-1' },
      cancelled: { scope: '/apis', primaryKey: 'old', state: 'cancelled' },
    },
  },
  '/x/apimx.yaml',
  {},
);
const access = new AccessIndex(config);
const api = (id: string) => config.apis.get(id)!;
const context = (id: string, key: string | null): string => {
  const result = access.resolve(api(id), key);
  return result.denied ?? `product=${result.product?.id ?? '-'} subscription=${result.subscription?.id ?? '-'}`;
};

describe('subscription access', () => {
  it('without a key: denied, API context, or the open product context', () => {
    expect(context('closed', null)).toBe('SubscriptionKeyNotFound');
    expect(context('open', null)).toBe('product=- subscription=-');
    expect(context('inOpenProduct', null)).toBe('product=free subscription=-');
  });

  it('a product key runs in that product; either key works', () => {
    expect(context('closed', 'gold-1')).toBe('product=gold subscription=goldSub');
    expect(context('closed', 'gold-2')).toBe('product=gold subscription=goldSub');
    expect(context('inOpenProduct', 'gold-1')).toBe('SubscriptionKeyInvalid');
  });

  it('API, all-APIs and service keys run in the API context (product policies skipped)', () => {
    expect(context('closed', 'api-1')).toBe('product=- subscription=apiSub');
    expect(context('inOpenProduct', 'all-1')).toBe('product=- subscription=allSub');
    expect(context('open', 'master-1')).toBe('product=- subscription=master');
    expect(context('open', 'api-1')).toBe('SubscriptionKeyInvalid');
  });

  it('unknown and cancelled keys are invalid', () => {
    expect(context('closed', 'nobody')).toBe('SubscriptionKeyInvalid');
    expect(context('closed', 'old')).toBe('SubscriptionKeyInvalid');
  });
});
