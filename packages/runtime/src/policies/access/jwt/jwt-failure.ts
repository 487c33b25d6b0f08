// Why a token was refused: APIM's Reason codes for validate-jwt (spec §5.1), with messages modelled on the
// Microsoft.IdentityModel messages APIM passes through ("<message from jwt library>. Access denied.").

export type JwtReason =
  | 'TokenNotPresent'
  | 'JwtInvalid'
  | 'TokenSignatureInvalid'
  | 'TokenSignatureKeyNotFound'
  | 'TokenExpired'
  | 'TokenAudienceNotAllowed'
  | 'TokenIssuerNotAllowed'
  | 'TokenClaimNotFound'
  | 'TokenClaimValueNotAllowed'
  | 'TokenClientApplicationNotAllowed';

export class JwtFailure extends Error {
  constructor(
    readonly reason: JwtReason,
    message: string,
  ) {
    super(message);
    this.name = 'JwtFailure';
  }
}

export function fail(reason: JwtReason, detail: string): never {
  throw new JwtFailure(reason, reason === 'TokenNotPresent' || reason === 'JwtInvalid' ? detail : `${detail} Access denied.`);
}
