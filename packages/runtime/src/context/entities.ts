// The APIM entities a request is matched to, as context.Api, .Operation, .Product, .Subscription and .User
// show them (spec §2.2). The gateway fills them from its configuration.

export interface ApiInfo {
  Id: string;
  Name: string;
  Path: string;
  Protocols: readonly string[];
  ServiceUrl: string | null;
  SubscriptionKeyParameterNames: { Header: string; Query: string };
  IsCurrentRevision: boolean;
  Revision: string;
  Version: string | null;
}

export interface OperationInfo {
  Id: string;
  Method: string;
  Name: string;
  UrlTemplate: string;
}

export interface GroupInfo {
  Id: string;
  Name: string;
}

export interface ProductInfo {
  Id: string;
  Name: string;
  State: 'NotPublished' | 'Published';
  SubscriptionRequired: boolean;
  ApprovalRequired: boolean;
  SubscriptionLimit: number | null;
  Groups: readonly GroupInfo[];
  Apis: readonly ApiInfo[];
}

export interface SubscriptionInfo {
  Id: string;
  Name: string;
  /** The key used on this request. */
  Key: string;
  PrimaryKey: string;
  SecondaryKey: string;
  /** Epoch ms. */
  CreatedDate: number;
  StartDate: number | null;
  EndDate: number | null;
}

export interface UserInfo {
  Id: string;
  Email: string;
  FirstName: string;
  LastName: string;
  Note: string | null;
  RegistrationDate: number;
  Groups: readonly GroupInfo[];
  Identities: readonly { Id: string; Provider: string }[];
}
