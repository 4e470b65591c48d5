import {
  AccountKind,
  allowsAction,
  claimClauses,
  FederatedKind,
  hasWildcard,
  IamTemplate,
  isNarrowing,
  isPureWildcard,
  issuerPatternMatches,
  OidcFamily,
  parseArn,
  providerPrefixOf,
  readAccountField,
  readAwsPrincipal,
  readConditions,
  readFederatedPrincipal,
  readStatements,
  wildcardMatch,
} from '../../../lib/private/iam';

const allow = (principal: unknown, action: unknown = 'sts:AssumeRole') => ({
  Effect: 'Allow',
  Principal: principal,
  Action: action,
});
const doc = (...statements: object[]) => ({ Version: '2012-10-17', Statement: statements });

describe('policies, principals and conditions of the model', () => {
  describe('issuers with a trailing slash (Entra ID v1, Auth0)', () => {
    test('the provider prefix of a key drops the trailing slash, as the issuer read from the provider ARN does', () => {
      // GIVEN keys written with the issuer's trailing slash, and the provider ARN of the same issuer
      const info = readFederatedPrincipal('arn:aws:iam::111111111111:oidc-provider/sts.windows.net/TENANT/');
      // WHEN their prefixes are read
      // THEN both spell the issuer the same way
      expect(info.issuer).toBe('sts.windows.net/tenant');
      expect(providerPrefixOf('sts.windows.net/tenant/:aud')).toBe('sts.windows.net/tenant');
      expect(providerPrefixOf('acme.us.auth0.com/:sub')).toBe('acme.us.auth0.com');
      expect(providerPrefixOf('token.actions.githubusercontent.com:sub')).toBe('token.actions.githubusercontent.com');
    });

    test('claim clauses with a trailing-slash key belong to the provider of the same issuer', () => {
      // GIVEN an Entra ID v1 trust with the slash in the ARN and in the keys
      const [statement] = readStatements(
        doc({
          ...allow(
            { Federated: 'arn:aws:iam::111111111111:oidc-provider/sts.windows.net/TENANT/' },
            'sts:AssumeRoleWithWebIdentity',
          ),
          Condition: {
            StringEquals: { 'sts.windows.net/TENANT/:aud': 'api://app', 'sts.windows.net/TENANT/:sub': 'oid-1' },
          },
        }),
      );
      const info = readFederatedPrincipal('arn:aws:iam::111111111111:oidc-provider/sts.windows.net/TENANT/');
      // WHEN its aud and sub clauses are looked up THEN both are found
      expect(claimClauses(statement, info, ['aud', 'sub']).map((c) => c.keyLower)).toEqual([
        'sts.windows.net/tenant/:aud',
        'sts.windows.net/tenant/:sub',
      ]);
    });
  });

  describe('wildcards', () => {
    test('placeholders are never wildcards', () => {
      expect(hasWildcard('{{Ref.X}}')).toBe(false);
      expect(hasWildcard('repo:{{Ref.X}}/*')).toBe(true);
      expect(isPureWildcard('*')).toBe(true);
      expect(isPureWildcard('**')).toBe(true);
      expect(isPureWildcard('repo:*')).toBe(false);
      expect(isPureWildcard('{{Ref.X}}')).toBe(false);
    });

    test('wildcardMatch is IAM matching, case-insensitive', () => {
      expect(wildcardMatch('sts:Assume*', 'sts:AssumeRole')).toBe(true);
      expect(wildcardMatch('STS:ASSUMEROLE', 'sts:AssumeRole')).toBe(true);
      expect(wildcardMatch('sts:AssumeRole?', 'sts:AssumeRole')).toBe(false);
      expect(wildcardMatch('s3:*', 'sts:AssumeRole')).toBe(false);
      expect(wildcardMatch('a.b', 'axb')).toBe(false);
    });
  });

  describe('ARNs and accounts', () => {
    test('parseArn splits the six fields, keeping colons in the resource', () => {
      expect(parseArn('arn:aws:sts::999999999999:assumed-role/R/s:x')).toEqual({
        partition: 'aws',
        service: 'sts',
        region: '',
        account: '999999999999',
        resource: 'assumed-role/R/s:x',
      });
      expect(parseArn('arn:*')).toBeUndefined();
      expect(parseArn('999999999999')).toBeUndefined();
      // a policy variable keeps its colon: the account field is the whole variable
      expect(parseArn('arn:aws:iam::${aws:PrincipalAccount}:role/*')).toMatchObject({
        account: '${aws:PrincipalAccount}',
        resource: 'role/*',
      });
    });

    test.each([
      ['${aws:PrincipalAccount}', undefined, AccountKind.ANY],
      ['${aws:ResourceAccount}', undefined, AccountKind.ANY],
      ['${aws:ResourceAccount}', 'aws:resourceaccount', AccountKind.STACK],
      ['${ AWS:resourceAccount }', 'aws:resourceaccount', AccountKind.STACK],
      ['${aws:PrincipalAccount}', 'aws:resourceaccount', AccountKind.ANY],
      ['1111${aws:PrincipalTag/acct}', 'aws:resourceaccount', AccountKind.ANY],
    ])('account field %s, the own side being %s: a policy variable follows the request', (field, own, kind) => {
      // GIVEN a policy variable in an account field  WHEN read  THEN only the own side's variable is this account
      expect(readAccountField(field, own).kind).toBe(kind);
    });

    test.each([
      ['999999999999', AccountKind.CONCRETE],
      ['{{AWS.AccountId}}', AccountKind.STACK],
      ['{{Ref.Account}}', AccountKind.UNKNOWN],
      ['*', AccountKind.ANY],
      ['1111*', AccountKind.ANY],
      ['', AccountKind.ANY],
    ])('account field %s', (field, kind) => {
      expect(readAccountField(field).kind).toBe(kind);
    });

    test('AWS principals', () => {
      const index = IamTemplate.fromJson({ Resources: { Local: { Type: 'AWS::IAM::Role', Properties: {} } } });
      expect(readAwsPrincipal('*')).toMatchObject({ wildcard: true });
      expect(readAwsPrincipal('999999999999')).toMatchObject({
        concrete: false,
        account: { kind: AccountKind.CONCRETE, id: '999999999999' },
      });
      expect(readAwsPrincipal('arn:aws:iam::999999999999:root')).toMatchObject({ concrete: false });
      expect(readAwsPrincipal('arn:aws:iam::999999999999:role/x')).toMatchObject({ concrete: true });
      expect(readAwsPrincipal('arn:aws:iam::999999999999:role/*')).toMatchObject({ concrete: false });
      expect(readAwsPrincipal('{{GetAtt.Local.Arn}}', index)).toMatchObject({
        concrete: true,
        account: { kind: AccountKind.STACK },
      });
      expect(readAwsPrincipal('{{GetAtt.Elsewhere.Arn}}', index)).toMatchObject({
        concrete: true,
        account: { kind: AccountKind.UNKNOWN },
      });
      expect(readAwsPrincipal('{{Ref.Param}}', index)).toMatchObject({
        concrete: false,
        account: { kind: AccountKind.UNKNOWN },
      });
    });
  });

  describe('federated principals', () => {
    test.each([
      ['cognito-identity.amazonaws.com', FederatedKind.COGNITO, 'cognito-identity.amazonaws.com', undefined],
      ['accounts.google.com', FederatedKind.GOOGLE, 'accounts.google.com', undefined],
      ['graph.facebook.com', FederatedKind.FACEBOOK, 'graph.facebook.com', undefined],
      ['www.amazon.com', FederatedKind.AMAZON, 'www.amazon.com', undefined],
      ['arn:aws:iam::1:saml-provider/Okta', FederatedKind.SAML, undefined, undefined],
      [
        'arn:aws:iam::1:oidc-provider/token.actions.githubusercontent.com',
        FederatedKind.OIDC,
        'token.actions.githubusercontent.com',
        OidcFamily.GITHUB,
      ],
      [
        'arn:aws:iam::1:oidc-provider/token.actions.githubusercontent.com/acme',
        FederatedKind.OIDC,
        'token.actions.githubusercontent.com/acme',
        OidcFamily.GITHUB,
      ],
      ['arn:aws:iam::1:oidc-provider/gitlab.com', FederatedKind.OIDC, 'gitlab.com', OidcFamily.GITLAB],
      ['arn:aws:iam::1:oidc-provider/gitlab.acme.io', FederatedKind.OIDC, 'gitlab.acme.io', OidcFamily.GITLAB],
      [
        'arn:aws:iam::1:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC',
        FederatedKind.OIDC,
        'oidc.eks.eu-west-1.amazonaws.com/id/abc',
        OidcFamily.EKS,
      ],
      ['arn:aws:iam::1:oidc-provider/app.terraform.io', FederatedKind.OIDC, 'app.terraform.io', OidcFamily.TERRAFORM],
      ['arn:aws:iam::1:oidc-provider/idp.example.com', FederatedKind.OIDC, 'idp.example.com', OidcFamily.GENERIC],
      ['{{Ref.Param}}', FederatedKind.UNKNOWN, undefined, undefined],
    ])('%s', (text, kind, issuer, family) => {
      expect(readFederatedPrincipal(text)).toEqual({
        text,
        kind,
        ...(issuer ? { issuer } : {}),
        ...(family ? { family } : {}),
      });
    });

    test('an issuer with a part known only at deploy time keeps its shape', () => {
      // GIVEN an OIDC provider ARN whose path is a parameter  WHEN read  THEN the issuer is unknown but its pattern is kept
      const text = 'arn:{{AWS.Partition}}:iam::1:oidc-provider/token.actions.githubusercontent.com/{{Ref.Slug}}';
      expect(readFederatedPrincipal(text)).toEqual({
        text,
        kind: FederatedKind.OIDC,
        family: OidcFamily.GENERIC,
        issuerPattern: 'token.actions.githubusercontent.com/{{ref.slug}}',
      });
      expect(
        issuerPatternMatches(
          'token.actions.githubusercontent.com/{{ref.slug}}',
          'token.actions.githubusercontent.com/acme',
        ),
      ).toBe(true);
      expect(
        issuerPatternMatches('token.actions.githubusercontent.com/{{ref.slug}}', 'token.actions.githubusercontent.com'),
      ).toBe(false);
    });

    test('Ref and GetAtt Arn of an OIDC provider of the template are its ARN, from its Url in each variant', () => {
      // GIVEN a provider whose Url has a default
      const template = IamTemplate.fromJson({
        Parameters: { Host: { Type: 'String', Default: 'idp.example.com' } },
        Resources: { P: { Type: 'AWS::IAM::OIDCProvider', Properties: { Url: { 'Fn::Sub': 'https://${Host}/' } } } },
      });
      // WHEN referenced THEN both give the ARN with the issuer
      // (and, the parameter having no AllowedValues, with the host the deployer sets)
      const arns = [
        'arn:{{AWS.Partition}}:iam::{{AWS.AccountId}}:oidc-provider/idp.example.com',
        'arn:{{AWS.Partition}}:iam::{{AWS.AccountId}}:oidc-provider/{{Ref.Host}}',
      ];
      expect(template.values.variants({ Ref: 'P' }).map((v) => v.value)).toEqual(arns);
      expect(template.values.variants({ 'Fn::GetAtt': ['P', 'Arn'] }).map((v) => v.value)).toEqual(arns);
    });
  });

  describe('conditions', () => {
    test('operators are parsed into base, set prefix, IfExists and negation; keys are lower-cased', () => {
      const [c] = readConditions({
        'ForAnyValue:StringNotLikeIfExists': { 'Token.Actions.GithubUserContent.com:SUB': ['a', '{{Ref.B}}'] },
      });
      expect(c).toMatchObject({
        base: 'stringnotlike',
        set: 'foranyvalue',
        ifExists: true,
        negated: true,
        keyLower: 'token.actions.githubusercontent.com:sub',
        values: ['a', '{{Ref.B}}'],
      });
      expect(isNarrowing(c)).toBe(false);
    });

    test('only positive, required, non-ForAllValues matches narrow', () => {
      const narrowing = (operator: string) =>
        isNarrowing(readConditions({ [operator]: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } })[0]);
      expect(narrowing('StringEquals')).toBe(true);
      expect(narrowing('ForAnyValue:StringLike')).toBe(true);
      expect(narrowing('ArnLike')).toBe(true);
      expect(narrowing('StringEqualsIfExists')).toBe(false);
      expect(narrowing('ForAllValues:StringEquals')).toBe(false);
      expect(narrowing('StringNotEquals')).toBe(false);
      expect(narrowing('Null')).toBe(false);
    });

    test('a Condition that is not an object of objects yields no clause', () => {
      expect(readConditions(undefined)).toEqual([]);
      expect(readConditions({ StringEquals: 'not-an-object' })).toEqual([]);
    });
  });

  describe('statements', () => {
    test('one statement object or a list; a JSON string document; unreadable input yields nothing', () => {
      // GIVEN evaluated documents in each shape
      const statements = readStatements(
        doc(
          allow({ AWS: ['111111111111', '222222222222'], Service: 'lambda.amazonaws.com' }, [
            'sts:AssumeRole',
            'sts:TagSession',
          ]),
        ),
      );
      // THEN principals are listed per type, in order
      expect(statements.map((s) => s.principals)).toEqual([
        [
          { type: 'AWS', text: '111111111111' },
          { type: 'AWS', text: '222222222222' },
          { type: 'Service', text: 'lambda.amazonaws.com' },
        ],
      ]);
      expect(readStatements({ Statement: allow('*') })[0].principals).toEqual([{ type: '*', text: '*' }]);
      expect(readStatements(JSON.stringify(doc(allow('*'))))).toHaveLength(1);
      expect(readStatements('not json')).toEqual([]);
    });

    test('a Deny effect in any letter case is a Deny; NotPrincipal is kept', () => {
      const [s] = readStatements(doc({ Effect: 'deny', NotPrincipal: { AWS: '111111111111' }, Action: 'sts:*' }));
      expect([s.effect, s.hasNotPrincipal, s.notPrincipals]).toEqual([
        'Deny',
        true,
        [{ type: 'AWS', text: '111111111111' }],
      ]);
    });

    test('allowsAction reads Action, NotAction and Deny', () => {
      const [a, b, c] = readStatements(
        doc(
          { Effect: 'Allow', Action: 'sts:*', Resource: '*' },
          { Effect: 'Allow', NotAction: 'sts:*', Resource: '*' },
          { Effect: 'Deny', Action: '*', Resource: '*' },
        ),
      );
      expect(allowsAction(a, 'sts:AssumeRole')).toBe(true);
      expect(allowsAction(b, 'sts:AssumeRole')).toBe(false);
      expect(allowsAction(c, 'sts:AssumeRole')).toBe(false);
    });
  });
});
