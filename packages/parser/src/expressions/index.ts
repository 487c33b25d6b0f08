// Public API of the policy-expression compiler.
export { compileExpression, tryCompileExpression, ExpressionCompileError } from './compile.ts';
export type { CompiledExpression, CompileOptions, CompileResult } from './compile.ts';
export { ExpressionEvaluationError, CsException } from './runtime/errors.ts';
export type { EvalLimits } from './runtime/guard.ts';
export { DEFAULT_LIMITS } from './runtime/guard.ts';
export { typeSystem } from './types/registry-instance.ts';
export { toNetString, castValue, isInstance } from './runtime/convert.ts';
export { toDotnetString } from './runtime/to-dotnet-string.ts';
export {
  ProxyContext, RequestModel, ResponseModel, ApiInfo, OperationInfo, ProductInfo, SubscriptionInfo, UserInfo, GroupInfo,
  UserIdentity, DeploymentInfo, GatewayInfo, LastErrorInfo, AuthorizationInfo, SubscriptionKeyParameterNames,
} from './context/models.ts';
export { HeaderDictionary, QueryDictionary, StringValuesDictionary } from './context/string-values.ts';
export type { StringValuesInit } from './context/string-values.ts';
export { VariableDictionary } from './context/variables.ts';
export type { VariableEntry } from './context/variables.ts';
export { MessageBody } from './context/message-body.ts';
export { collectStream, COLLECT_DIRECTLY } from './context/collect-stream.ts';
export type { DirectlyCollectable } from './context/collect-stream.ts';
export { Url } from './context/url.ts';
// For the runtime's context: the request's Guid, Timestamp and Elapsed as the library's values, and the
// clock that DateTime.UtcNow reads.
export { CsGuid } from './dotnet/text/guid.ts';
// validate-jwt's output-token-variable-name holds the same Jwt that AsJwt() returns (one Jwt type).
export { CsJwt, jwtOf } from './dotnet/security/jwt.ts';
export { CsDateTime, fromUnixMs, KIND_UTC, spanOf, setClock } from './dotnet/time/index.ts';
