// A backend entity's tls settings (spec §4.1) and the connection pool each combination gets: relaxed settings
// never share connections with other backends' checked ones.

export interface TlsChecks {
  validateCertificateChain?: boolean;
  validateCertificateName?: boolean;
}

export interface TlsMode {
  /** Verify the certificate chain (always true for plain http). */
  chain: boolean;
  /** Verify that the certificate names the host. */
  name: boolean;
  /** The pool this combination uses: '' for the default, checked one. */
  poolKey: string;
}

export function tlsMode(secure: boolean, tls: TlsChecks | undefined): TlsMode {
  const chain = !secure || tls?.validateCertificateChain !== false;
  const name = !secure || tls?.validateCertificateName !== false;
  return { chain, name, poolKey: chain && name ? '' : `${chain}:${name}` };
}
