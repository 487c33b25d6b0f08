// The gateway's header map is the expression model's HeaderDictionary: one case-insensitive, multi-value
// dictionary from the incoming socket to context.Request.Headers to the backend call, with no copies between.
export { HeaderDictionary as HeaderMap } from '@apimx/parser';
export type { StringValuesInit as HeaderInit } from '@apimx/parser';
