// Configuration entities → what context.Api, .Operation, .Product, .Subscription and .User show (spec §2.2):
// the expression model's classes, with dates as DateTime values and the service URL as an IUrl.
import { fromUnixMs, KIND_UTC, Url } from '@apimx/parser';
import {
  ApiInfo,
  OperationInfo,
  ProductInfo,
  SubscriptionInfo,
  SubscriptionKeyParameterNames,
  UserIdentity,
  UserInfo,
} from '@apimx/runtime';
import type { ApiConfig, OperationConfig, ProductConfig, SubscriptionConfig } from '../config/config-types.ts';

export function apiInfo(api: ApiConfig, serviceUrl: string | null): ApiInfo {
  return new ApiInfo({
    Id: api.id,
    Name: api.name,
    Path: api.path,
    Protocols: api.protocols,
    ServiceUrl: serviceUrl ? Url.parse(serviceUrl) : null,
    SubscriptionKeyParameterNames: new SubscriptionKeyParameterNames({
      Header: api.subscriptionKeyParameterNames.header,
      Query: api.subscriptionKeyParameterNames.query,
    }),
    IsCurrentRevision: true,
    Revision: api.revision,
    Version: api.version,
  });
}

export function operationInfo(operation: OperationConfig): OperationInfo {
  return new OperationInfo({ Id: operation.id, Method: operation.method, Name: operation.name, UrlTemplate: operation.urlTemplate });
}

export function productInfo(product: ProductConfig, apis: readonly ApiInfo[]): ProductInfo {
  return new ProductInfo({
    Id: product.id,
    Name: product.displayName,
    // ProductState: 0 NotPublished, 1 Published.
    State: product.state === 'published' ? 1 : 0,
    SubscriptionRequired: product.subscriptionRequired,
    ApprovalRequired: product.approvalRequired,
    SubscriptionLimit: product.subscriptionsLimit,
    Groups: [],
    Apis: apis,
  });
}

/** One info per key, so context.Subscription.Key is the key this request used. */
export function subscriptionInfos(subscription: SubscriptionConfig, createdAt: number): Map<string, SubscriptionInfo> {
  const infos = new Map<string, SubscriptionInfo>();
  for (const key of [subscription.primaryKey, subscription.secondaryKey]) {
    if (!key) continue;
    infos.set(
      key,
      new SubscriptionInfo({
        Id: subscription.id,
        Name: subscription.displayName,
        Key: key,
        PrimaryKey: subscription.primaryKey,
        SecondaryKey: subscription.secondaryKey,
        CreatedDate: fromUnixMs(createdAt, KIND_UTC),
        StartDate: null,
        EndDate: null,
      }),
    );
  }
  return infos;
}

export function userInfo(subscription: SubscriptionConfig, createdAt: number): UserInfo | null {
  const user = subscription.user;
  if (!user) return null;
  return new UserInfo({
    Id: user.id,
    Email: user.email,
    FirstName: user.firstName,
    LastName: user.lastName,
    Note: user.note,
    RegistrationDate: fromUnixMs(createdAt, KIND_UTC),
    Groups: [],
    Identities: [new UserIdentity({ Id: user.email || user.id, Provider: 'Basic' })],
  });
}
