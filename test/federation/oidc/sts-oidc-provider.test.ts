import { App, CfnResource, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { GenericOidcProvider } from '../../../lib/federation/oidc/generic-oidc-provider';
import { StsOidcProvider } from '../../../lib/federation/oidc/sts-oidc-provider';
import { devStack } from '../../util';

const KEYCLOAK = 'https://sso.example.com/realms/acme';

describe('StsOidcProvider', () => {
  test('given a provider, it is a native AWS::IAM::OIDCProvider (no custom resource, no Lambda) with id Resource', () => {
    // GIVEN
    const stack = devStack();
    // WHEN
    const provider = new GenericOidcProvider(stack, 'Keycloak', { url: KEYCLOAK, clientIds: ['aws'] });
    // THEN
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::IAM::OIDCProvider', 1);
    t.resourceCountIs('AWS::CloudFormation::CustomResource', 0);
    t.resourceCountIs('Custom::AWSCDKOpenIdConnectProvider', 0);
    t.resourceCountIs('AWS::Lambda::Function', 0);
    t.hasResourceProperties('AWS::IAM::OIDCProvider', { Url: KEYCLOAK, ClientIdList: ['aws'] });
    expect(provider.node.defaultChild?.node.id).toBe('Resource');
  });

  test('given no removal policy, the provider is retained on deletion and replacement (shared by the account)', () => {
    const stack = devStack();
    new GenericOidcProvider(stack, 'Keycloak', { url: KEYCLOAK, clientIds: ['aws'] });
    Template.fromStack(stack).hasResource('AWS::IAM::OIDCProvider', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('given removalPolicy DESTROY, or applyRemovalPolicy later, it is honored', () => {
    const stack = devStack();
    new GenericOidcProvider(stack, 'A', { url: KEYCLOAK, clientIds: ['aws'], removalPolicy: RemovalPolicy.DESTROY });
    const b = new GenericOidcProvider(stack, 'B', { url: 'https://sso.example.com/realms/other', clientIds: ['aws'] });
    b.applyRemovalPolicy(RemovalPolicy.DESTROY);
    const providers = Template.fromStack(stack).findResources('AWS::IAM::OIDCProvider');
    expect(Object.values(providers).map((p: any) => p.DeletionPolicy)).toEqual(['Delete', 'Delete']);
  });

  test('given thumbprints, they are written; without them ThumbprintList is absent', () => {
    const stack = devStack();
    new GenericOidcProvider(stack, 'A', {
      url: KEYCLOAK,
      clientIds: ['aws'],
      thumbprints: ['0123456789abcdef0123456789abcdef01234567'],
    });
    new GenericOidcProvider(stack, 'B', { url: 'https://other.example.com', clientIds: ['aws'] });
    const providers = Object.values(Template.fromStack(stack).findResources('AWS::IAM::OIDCProvider')) as any[];
    expect(providers.map((p) => p.Properties.ThumbprintList)).toEqual([
      ['0123456789abcdef0123456789abcdef01234567'],
      undefined,
    ]);
  });

  test('given a provider, its issuer is a literal (condition keys can be written) and its ARN the resource Ref', () => {
    const stack = devStack();
    const provider = new GenericOidcProvider(stack, 'Keycloak', { url: KEYCLOAK, clientIds: ['aws'] });
    expect(provider.oidcProviderIssuer).toBe('sso.example.com/realms/acme');
    expect(provider.openIdConnectProviderIssuer).toBe('sso.example.com/realms/acme');
    expect(provider.url).toBe(KEYCLOAK);
    expect(stack.resolve(provider.oidcProviderArn)).toEqual({ Ref: expect.stringMatching(/^Keycloak/) });
    expect(stack.resolve(provider.oidcProviderRef.oidcProviderArn)).toEqual(
      stack.resolve(provider.openIdConnectProviderArn),
    );
  });

  test("given the caller's clientIds array, it is copied, not kept", () => {
    const stack = devStack();
    const clientIds = ['aws'];
    const provider = new GenericOidcProvider(stack, 'Keycloak', { url: KEYCLOAK, clientIds });
    clientIds.push('later');
    expect(provider.clientIds).toEqual(['aws']);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::OIDCProvider', { ClientIdList: ['aws'] });
  });

  test('given invalid inputs, the error names the construct path', () => {
    const stack = devStack();
    expect(
      () => new GenericOidcProvider(stack, 'P', { url: 'https://idp.example.com:8443', clientIds: ['aws'] }),
    ).toThrow(/^Dev\/P: invalid OIDC provider URL: received 'https:\/\/idp.example.com:8443'/);
    expect(() => new GenericOidcProvider(stack, 'Q', { url: KEYCLOAK, clientIds: [] })).toThrow(
      /^Dev\/Q: invalid clientIds/,
    );
    expect(() => new GenericOidcProvider(stack, 'R', { url: KEYCLOAK, clientIds: ['a'], thumbprints: ['x'] })).toThrow(
      /^Dev\/R: invalid thumbprint/,
    );
  });

  describe('fromUrl', () => {
    test('given a concrete stack, the ARN is built with formatArn (partition, account) and the issuer kept', () => {
      // GIVEN
      const stack = devStack();
      // WHEN
      const imported = StsOidcProvider.fromUrl(stack, 'GitLab', 'https://gitlab.com');
      // THEN
      expect(stack.resolve(imported.oidcProviderArn)).toEqual({
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::222222222222:oidc-provider/gitlab.com']],
      });
      expect(imported.oidcProviderIssuer).toBe('gitlab.com');
      expect(imported.openIdConnectProviderIssuer).toBe('gitlab.com');
      expect(stack.node.findAll().filter((c) => c instanceof CfnResource)).toEqual([]);
    });

    test('given an environment-agnostic stack, the account is AWS::AccountId', () => {
      const stack = new Stack(new App(), 'Agnostic');
      const imported = StsOidcProvider.fromUrl(stack, 'P', 'https://sso.example.com/realms/acme');
      expect(stack.resolve(imported.oidcProviderArn)).toEqual({
        'Fn::Join': [
          '',
          [
            'arn:',
            { Ref: 'AWS::Partition' },
            ':iam::',
            { Ref: 'AWS::AccountId' },
            ':oidc-provider/sso.example.com/realms/acme',
          ],
        ],
      });
    });

    test("given a bad URL, it throws with the importer's path", () => {
      expect(() => StsOidcProvider.fromUrl(devStack(), 'P', 'http://gitlab.com')).toThrow(
        /^Dev\/P: invalid OIDC provider URL: received 'http:\/\/gitlab.com'/,
      );
    });
  });

  describe('fromArn', () => {
    test('given a literal ARN of any partition, the issuer is read from it', () => {
      const stack = devStack();
      const gov = StsOidcProvider.fromArn(
        stack,
        'Gov',
        'arn:aws-us-gov:iam::333333333333:oidc-provider/token.actions.githubusercontent.com/acme',
      );
      expect(gov.oidcProviderIssuer).toBe('token.actions.githubusercontent.com/acme');
      expect(gov.oidcProviderArn).toBe(
        'arn:aws-us-gov:iam::333333333333:oidc-provider/token.actions.githubusercontent.com/acme',
      );
      expect(gov.env.account).toBe('333333333333');
    });

    test.each([
      ['arn:aws:iam::333333333333:role/not-a-provider'],
      ['arn:aws:iam::3333:oidc-provider/gitlab.com'],
      ['arn:aws:iam::333333333333:saml-provider/okta'],
    ])('given %s, it throws', (arn) => {
      expect(() => StsOidcProvider.fromArn(devStack(), 'P', arn)).toThrow(
        `Dev/P: invalid OIDC provider ARN: received '${arn}'; expected a literal OIDC provider ARN`,
      );
    });

    test('given an ARN whose issuer is not a valid URL, it throws', () => {
      expect(() =>
        StsOidcProvider.fromArn(devStack(), 'P', 'arn:aws:iam::333333333333:oidc-provider/host:8443'),
      ).toThrow(/invalid issuer in the OIDC provider ARN: received 'https:\/\/host:8443'/);
    });

    test('given a token ARN, it throws: the issuer would be unknown', () => {
      expect(() => StsOidcProvider.fromArn(devStack(), 'P', Token.asString({ Ref: 'Arn' }))).toThrow(/use fromUrl/);
    });
  });
});
