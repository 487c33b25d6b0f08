// Subscription keys and product context (spec §1.2 and §6), indexed once per configuration.
import type { ApiConfig, GatewayConfig, ProductConfig, SubscriptionConfig } from '../config/config-types.ts';

export type AccessDenied = 'SubscriptionKeyNotFound' | 'SubscriptionKeyInvalid';

export type Access =
  | { denied: null; subscription: SubscriptionConfig | null; key: string | null; product: ProductConfig | null }
  | { denied: AccessDenied };

export class AccessIndex {
  private readonly keys = new Map<string, SubscriptionConfig>();
  private readonly openProduct = new Map<string, ProductConfig>();

  constructor(private readonly config: GatewayConfig) {
    for (const subscription of config.subscriptions.values()) {
      if (subscription.primaryKey) this.keys.set(subscription.primaryKey, subscription);
      if (subscription.secondaryKey) this.keys.set(subscription.secondaryKey, subscription);
    }
    for (const product of config.products.values()) {
      if (product.subscriptionRequired || product.state !== 'published') continue;
      for (const api of product.apis) this.openProduct.set(api, product);
    }
  }

  /** The context a call to `api` with `key` (null: none sent) runs in, or why it is refused. */
  resolve(api: ApiConfig, key: string | null): Access {
    if (key === null) {
      // Without a key: an open product containing the API gives its context; else the API must be open.
      const product = this.openProduct.get(api.id) ?? null;
      if (product) return { denied: null, subscription: null, key: null, product };
      if (!api.subscriptionRequired) return { denied: null, subscription: null, key: null, product: null };
      return { denied: 'SubscriptionKeyNotFound' };
    }
    // [INFERRED] a key that is sent must be valid even where none is required: APIM validates what it is given.
    const subscription = this.keys.get(key);
    if (!subscription || subscription.state !== 'active') return { denied: 'SubscriptionKeyInvalid' };
    const { scope } = subscription;
    switch (scope.kind) {
      case 'service':
      case 'allApis':
        // Product policies are skipped for all-APIs and all-access keys: the API context.
        return { denied: null, subscription, key, product: null };
      case 'api':
        return scope.id === api.id ? { denied: null, subscription, key, product: null } : { denied: 'SubscriptionKeyInvalid' };
      case 'product': {
        const product = this.config.products.get(scope.id);
        if (!product || !product.apis.includes(api.id)) return { denied: 'SubscriptionKeyInvalid' };
        return { denied: null, subscription, key, product };
      }
    }
  }
}
