import { Duration } from 'aws-cdk-lib';
import { AssumeRequest, CallerIdentity } from '../../lib/testing';

const HUB = '111111111111';
const ALICE = `arn:aws:iam::${HUB}:user/alice`;

describe('AssumeRequest.fromPrincipal', () => {
  test('a user with MFA, external id and organization gets the keys AWS sets', () => {
    // WHEN
    const request = AssumeRequest.fromPrincipal(ALICE, {
      mfa: true,
      mfaAge: Duration.minutes(5),
      externalId: 'ext-0001',
      organizationId: 'o-a1b2c3d4e5',
      organizationPaths: ['o-a1b2c3d4e5/r-ab12/'],
      sourceIp: '203.0.113.7',
    });
    // THEN
    expect(request.principal).toBe(ALICE);
    expect(request.actions).toEqual(['sts:AssumeRole']);
    expect(request.context).toEqual([
      { key: 'aws:PrincipalArn', values: [ALICE] },
      { key: 'aws:PrincipalAccount', values: [HUB] },
      { key: 'aws:PrincipalType', values: ['User'] },
      { key: 'aws:PrincipalIsAWSService', values: ['false'] },
      { key: 'aws:username', values: ['alice'] },
      { key: 'aws:MultiFactorAuthPresent', values: ['true'] },
      { key: 'aws:MultiFactorAuthAge', values: ['300'] },
      { key: 'sts:ExternalId', values: ['ext-0001'] },
      { key: 'aws:PrincipalOrgID', values: ['o-a1b2c3d4e5'] },
      { key: 'aws:PrincipalOrgPaths', values: ['o-a1b2c3d4e5/r-ab12/'] },
      { key: 'aws:SourceIp', values: ['203.0.113.7'] },
    ]);
    expect(request.identityPolicies).toBeUndefined();
  });

  test('MFA defaults to an age of 0 seconds', () => {
    expect(AssumeRequest.fromPrincipal(ALICE, { mfa: true }).context).toContainEqual({
      key: 'aws:MultiFactorAuthAge',
      values: ['0'],
    });
  });

  test('a user without MFA has no MFA key at all', () => {
    const keys = AssumeRequest.fromPrincipal(ALICE).context.map((c) => c.key);
    expect(keys).not.toContain('aws:MultiFactorAuthPresent');
    expect(keys).not.toContain('aws:MultiFactorAuthAge');
  });

  test('a role ARN becomes a session of the role, with the role (and its path) as aws:PrincipalArn', () => {
    const request = AssumeRequest.fromPrincipal(`arn:aws:iam::${HUB}:role/teams/Ops`, { roleSessionName: 'bob' });
    expect(request.principal).toBe(`arn:aws:sts::${HUB}:assumed-role/Ops/bob`);
    expect(request.context).toEqual(
      expect.arrayContaining([
        { key: 'aws:PrincipalArn', values: [`arn:aws:iam::${HUB}:role/teams/Ops`] },
        { key: 'aws:PrincipalType', values: ['AssumedRole'] },
        { key: 'aws:MultiFactorAuthPresent', values: ['false'] },
        { key: 'sts:RoleSessionName', values: ['bob'] },
      ]),
    );
  });

  test('a role ARN without a session name gets the default session', () => {
    expect(AssumeRequest.fromPrincipal(`arn:aws:iam::${HUB}:role/Ops`).principal).toBe(
      `arn:aws:sts::${HUB}:assumed-role/Ops/cdk-sts-kit-test`,
    );
  });

  test('session tags, transitive keys and source identity add their actions and keys', () => {
    const request = AssumeRequest.fromPrincipal(ALICE, {
      sessionTags: [
        { key: 'team', value: 'payments' },
        { key: 'env', value: 'dev' },
      ],
      transitiveTagKeys: ['team'],
      sourceIdentity: 'alice',
      additionalActions: ['sts:SetContext', 'sts:tagsession'],
    });
    expect(request.actions).toEqual(['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity', 'sts:SetContext']);
    expect(request.context).toEqual(
      expect.arrayContaining([
        { key: 'aws:RequestTag/team', values: ['payments'] },
        { key: 'aws:RequestTag/env', values: ['dev'] },
        { key: 'aws:TagKeys', values: ['team', 'env'] },
        { key: 'sts:TransitiveTagKeys', values: ['team'] },
        { key: 'sts:SourceIdentity', values: ['alice'] },
      ]),
    );
  });

  test('context entries replace builder keys case-insensitively', () => {
    const request = AssumeRequest.fromPrincipal(ALICE, { context: [{ key: 'AWS:PrincipalArn', values: ['x'] }] });
    expect(request.context.filter((c) => c.key.toLowerCase() === 'aws:principalarn')).toEqual([
      { key: 'AWS:PrincipalArn', values: ['x'] },
    ]);
  });

  test.each([
    [
      'the root user',
      `arn:aws:iam::${HUB}:root`,
      /AssumeRequest.fromPrincipal: invalid principal: received 'arn:aws:iam::111111111111:root'.*AWS does not let the root user assume roles/,
    ],
    [
      'a SAML provider',
      `arn:aws:iam::${HUB}:saml-provider/Okta`,
      /invalid principal: received 'arn:aws:iam::111111111111:saml-provider\/Okta' \(a saml principal\); expected an IAM user, role or assumed-role session ARN/,
    ],
    ['garbage', 'alice', /invalid principal: received 'alice'; expected an IAM user, role or assumed-role ARN/],
    [
      'a federated user',
      `arn:aws:sts::${HUB}:federated-user/bob`,
      /invalid principal: received 'arn:aws:sts::111111111111:federated-user\/bob'; expected a user or role: credentials from GetFederationToken cannot call STS operations other than GetCallerIdentity/,
    ],
    [
      'an 11-digit account',
      'arn:aws:iam::11111111111:user/alice',
      /invalid principal: received 'arn:aws:iam::11111111111:user\/alice'/,
    ],
  ])('%s is refused', (_name, principal, message) => {
    expect(() => AssumeRequest.fromPrincipal(principal)).toThrow(message);
  });

  test('mfaAge without mfa is refused', () => {
    expect(() => AssumeRequest.fromPrincipal(ALICE, { mfaAge: Duration.seconds(10) })).toThrow(
      'AssumeRequest.fromPrincipal: invalid mfaAge: received 10 seconds without mfa: true; expected mfaAge only with mfa: true.',
    );
  });

  test('a context entry without values is refused', () => {
    expect(() => AssumeRequest.fromPrincipal(ALICE, { context: [{ key: 'aws:SourceIp', values: [] }] })).toThrow(
      "AssumeRequest.fromPrincipal: invalid context entry: received no value for 'aws:SourceIp'; expected at least one value (leave the key out to make it absent).",
    );
  });
});

describe('AssumeRequest.fromCaller', () => {
  test("carries the caller's policies, boundary and unresolved policies", () => {
    const policy = { name: 'p', document: { Version: '2012-10-17', Statement: [] } };
    const request = AssumeRequest.fromCaller(CallerIdentity.of(ALICE, [policy], policy));
    expect(request.identityPolicies).toEqual([policy]);
    expect(request.permissionsBoundary).toEqual(policy);
    expect(request.unresolvedCallerPolicies).toEqual([]);
  });
});

describe('AssumeRequest.webIdentity', () => {
  test('claims are prefixed by the issuer of the provider ARN', () => {
    const request = AssumeRequest.webIdentity(
      'arn:aws:iam::222222222222:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC',
      {
        audience: 'sts.amazonaws.com',
        subject: 'system:serviceaccount:app:web',
        claims: [{ name: 'amr', values: ['a', 'b'] }],
      },
    );
    expect(request.actions).toEqual(['sts:AssumeRoleWithWebIdentity']);
    expect(request.context).toEqual([
      { key: 'oidc.eks.eu-west-1.amazonaws.com/id/ABC:aud', values: ['sts.amazonaws.com'] },
      { key: 'oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub', values: ['system:serviceaccount:app:web'] },
      { key: 'oidc.eks.eu-west-1.amazonaws.com/id/ABC:amr', values: ['a', 'b'] },
    ]);
  });

  test('well-known issuers are named by host', () => {
    expect(AssumeRequest.webIdentity('accounts.google.com', { subject: '123' }).context).toEqual([
      { key: 'accounts.google.com:sub', values: ['123'] },
    ]);
  });

  test.each(['token.actions.githubusercontent.com', 'arn:aws:iam::222222222222:saml-provider/Okta'])(
    '%s is refused as a web identity provider',
    (provider) => {
      expect(() => AssumeRequest.webIdentity(provider)).toThrow(
        `AssumeRequest.webIdentity: invalid provider: received '${provider}'; expected an OIDC provider ARN`,
      );
    },
  );
});

describe('AssumeRequest.saml', () => {
  test('SAML keys', () => {
    const request = AssumeRequest.saml('arn:aws:iam::222222222222:saml-provider/Okta', {
      audience: 'https://signin.aws.amazon.com/saml',
      subject: 'alice@example.com',
      subjectType: 'persistent',
      attributes: [{ name: 'iss', values: ['https://idp.example.com'] }],
    });
    expect(request.actions).toEqual(['sts:AssumeRoleWithSAML']);
    expect(request.context).toEqual([
      { key: 'SAML:aud', values: ['https://signin.aws.amazon.com/saml'] },
      { key: 'saml:sub', values: ['alice@example.com'] },
      { key: 'saml:sub_type', values: ['persistent'] },
      { key: 'saml:iss', values: ['https://idp.example.com'] },
    ]);
  });

  test('an OIDC provider is refused', () => {
    expect(() => AssumeRequest.saml('arn:aws:iam::222222222222:oidc-provider/x.example.com')).toThrow(
      /AssumeRequest.saml: invalid provider/,
    );
  });
});

describe('AssumeRequest.fromService and .of', () => {
  test('a service principal with its source', () => {
    const request = AssumeRequest.fromService('lambda.amazonaws.com', {
      sourceAccount: HUB,
      sourceArn: 'arn:aws:lambda:eu-west-1:111111111111:function:f',
    });
    expect(request.context).toEqual([
      { key: 'aws:PrincipalServiceName', values: ['lambda.amazonaws.com'] },
      { key: 'aws:PrincipalIsAWSService', values: ['true'] },
      { key: 'aws:SourceAccount', values: [HUB] },
      { key: 'aws:SourceArn', values: ['arn:aws:lambda:eu-west-1:111111111111:function:f'] },
    ]);
  });

  test('a user is refused as a service principal', () => {
    expect(() => AssumeRequest.fromService(ALICE)).toThrow(/AssumeRequest.fromService: invalid service principal/);
  });

  test('of() sets only what it is given', () => {
    const request = AssumeRequest.of({
      principal: ALICE,
      action: 'sts:AssumeRoleWithSAML',
      context: [{ key: 'k:x', values: ['v'] }],
    });
    expect(request.actions).toEqual(['sts:AssumeRoleWithSAML']);
    expect(request.context).toEqual([{ key: 'k:x', values: ['v'] }]);
  });
});

describe('immutability and display', () => {
  test('withContext refuses an empty list of values', () => {
    expect(() => AssumeRequest.fromPrincipal(ALICE).withContext('sts:ExternalId', [])).toThrow(
      "AssumeRequest.withContext: invalid context entry: received no value for 'sts:ExternalId'",
    );
  });

  test('withContext and withoutContext return new requests and leave the original alone', () => {
    const original = AssumeRequest.fromPrincipal(ALICE, { externalId: 'a' });
    const changed = original.withContext('sts:ExternalId', ['b']).withoutContext('aws:username');
    expect(original.context).toContainEqual({ key: 'sts:ExternalId', values: ['a'] });
    expect(original.context.map((c) => c.key)).toContain('aws:username');
    expect(changed.context).toContainEqual({ key: 'sts:ExternalId', values: ['b'] });
    expect(changed.context.map((c) => c.key)).not.toContain('aws:username');
  });

  test("the caller's arrays are copied", () => {
    const values = ['o-a1b2c3d4e5/r-ab12/'];
    const request = AssumeRequest.fromPrincipal(ALICE, { organizationPaths: values });
    values.push('mutated');
    expect(request.context).toContainEqual({ key: 'aws:PrincipalOrgPaths', values: ['o-a1b2c3d4e5/r-ab12/'] });
  });

  test('toString lists actions, principal and context', () => {
    expect(
      AssumeRequest.webIdentity('accounts.google.com', {
        audience: 'x',
        claims: [{ name: 'amr', values: ['a', 'b'] }],
      }).toString(),
    ).toBe(
      'sts:AssumeRoleWithWebIdentity by accounts.google.com with accounts.google.com:aud=x, accounts.google.com:amr=[a, b]',
    );
  });
});

test('AssumeRequest.of refuses the root user too', () => {
  expect(() => AssumeRequest.of({ principal: `arn:aws:iam::${HUB}:root` })).toThrow(
    "AssumeRequest.of: invalid principal: received 'arn:aws:iam::111111111111:root'; expected a user or role of account 111111111111: AWS does not let the root user assume roles.",
  );
});
