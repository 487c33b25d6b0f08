// Configuration entities → what context.Api, .Operation, .Product, .Subscription and .User show (spec §2.2).
import type { ApiInfo, OperationInfo, ProductInfo, SubscriptionInfo, UserInfo } from '@apimx/runtime';
import type { ApiConfig, OperationConfig, ProductConfig, SubscriptionConfig } from '../config/config-types.ts';

export function apiInfo(api: ApiConfig, serviceUrl: string | null): ApiInfo {
  return {
    Id: api.id,
    Name: api.name,
    Path: api.path,
    Protocols: api.protocols,
    ServiceUrl: serviceUrl,
    SubscriptionKeyParameterNames: { Header: api.subscriptionKeyParameterNames.header, Query: api.subscriptionKeyParameterNames.query },
    IsCurrentRevision: true,
    Revision: api.revision,
    Version: api.version,
  };
}

export function operationInfo(operation: OperationConfig): OperationInfo {
  return { Id: operation.id, Method: operation.method, Name: operation.name, UrlTemplate: operation.urlTemplate };
}

export function productInfo(product: ProductConfig, apis: readonly ApiInfo[]): ProductInfo {
  return {
    Id: product.id,
    Name: product.displayName,
    State: product.state === 'published' ? 'Published' : 'NotPublished',
    SubscriptionRequired: product.subscriptionRequired,
    ApprovalRequired: product.approvalRequired,
    SubscriptionLimit: product.subscriptionsLimit,
    Groups: [],
    Apis: apis,
  };
}

/** One info per key, so context.Subscription.Key is the key this request used. */
export function subscriptionInfos(subscription: SubscriptionConfig, createdAt: number): Map<string, SubscriptionInfo> {
  const base = {
    Id: subscription.id,
    Name: subscription.displayName,
    PrimaryKey: subscription.primaryKey,
    SecondaryKey: subscription.secondaryKey,
    CreatedDate: createdAt,
    StartDate: null,
    EndDate: null,
  };
  const infos = new Map<string, SubscriptionInfo>();
  for (const key of [subscription.primaryKey, subscription.secondaryKey]) if (key) infos.set(key, { ...base, Key: key });
  return infos;
}

export function userInfo(subscription: SubscriptionConfig, createdAt: number): UserInfo | null {
  const user = subscription.user;
  if (!user) return null;
  return {
    Id: user.id,
    Email: user.email,
    FirstName: user.firstName,
    LastName: user.lastName,
    Note: user.note,
    RegistrationDate: createdAt,
    Groups: [],
    Identities: [{ Id: user.email || user.id, Provider: 'Basic' }],
  };
}
