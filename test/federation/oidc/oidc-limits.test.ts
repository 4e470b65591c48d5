import { OidcLimits } from '../../../lib/federation/oidc/oidc-limits';

describe('OidcLimits', () => {
  test('given the IAM API limits, the constants match CreateOpenIDConnectProvider', () => {
    // WHEN / THEN
    expect(OidcLimits.URL_MAX_LENGTH).toBe(255);
    expect(OidcLimits.THUMBPRINT_LENGTH).toBe(40);
    expect(OidcLimits.THUMBPRINTS_MAX).toBe(5);
    expect(OidcLimits.CLIENT_IDS_MAX).toBe(100);
    expect(OidcLimits.CLIENT_ID_MAX_LENGTH).toBe(255);
  });
});
