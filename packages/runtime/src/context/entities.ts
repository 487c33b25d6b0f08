// The APIM entities a request is matched to, as context.Api, .Operation, .Product, .Subscription and .User
// show them (spec §2.2): the expression model's classes, built by the gateway from its configuration.
export {
  ApiInfo,
  GroupInfo,
  OperationInfo,
  ProductInfo,
  SubscriptionInfo,
  SubscriptionKeyParameterNames,
  UserIdentity,
  UserInfo,
} from '@apimx/parser';
