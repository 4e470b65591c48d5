import { App, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { GenericOidcProvider } from '../../../lib/federation/oidc/generic-oidc-provider';
import {
  checkAudiencesRegistered,
  claimCondition,
  claimValue,
  providerIssuer,
  unique,
  webIdentityStatements,
} from '../../../lib/federation/oidc/oidc-trust';
import { hasIamWildcard, validateLiteralConditionValue } from '../../../lib/trust/validators';
import { toPolicyStatement } from '../../../lib/trust/trust-statement';
import { AssumeRequest, TrustDecision, TrustEvaluator } from '../../../lib/testing';
import { devStack } from '../../util';

const ARN = 'arn:aws:iam::222222222222:oidc-provider/idp.example.com';
const json = (stack: Stack, specs: ReturnType<typeof webIdentityStatements>) =>
  specs.map((s) => stack.resolve(toPolicyStatement(s).toStatementJson()));

describe('OIDC trust statements', () => {
  test('given only exact subjects, one statement pins aud and sub with StringEquals', () => {
    const stack = devStack();
    const specs = webIdentityStatements('P', {
      federated: ARN,
      audienceKey: 'idp:aud',
      audiences: ['a'],
      subjectKey: 'idp:sub',
      subjects: [claimValue('s1'), claimValue('s2')],
    });
    expect(json(stack, specs)).toEqual([
      {
        Action: 'sts:AssumeRoleWithWebIdentity',
        Effect: 'Allow',
        Principal: { Federated: ARN },
        Condition: { StringEquals: { 'idp:aud': 'a', 'idp:sub': ['s1', 's2'] } },
      },
    ]);
  });

  test('given exact and wildcard subjects, they get one statement per operator (IAM ANDs operators within one statement)', () => {
    const stack = devStack();
    const specs = webIdentityStatements('P', {
      federated: ARN,
      audienceKey: 'idp:aud',
      audiences: ['a'],
      subjectKey: 'idp:sub',
      subjects: [claimValue('exact'), claimValue('pre*'), claimValue('exact'), claimValue('on?')],
    });
    expect(json(stack, specs).map((s) => s.Condition)).toEqual([
      { StringEquals: { 'idp:aud': 'a', 'idp:sub': 'exact' } },
      { StringEquals: { 'idp:aud': 'a' }, StringLike: { 'idp:sub': ['pre*', 'on?'] } },
    ]);
  });

  test('given extra claim conditions and actions, every statement carries them', () => {
    const stack = devStack();
    const specs = webIdentityStatements('P', {
      federated: ARN,
      audienceKey: 'idp:aud',
      audiences: ['a'],
      subjectKey: 'idp:sub',
      subjects: [claimValue('x'), claimValue('y*')],
      extraConditions: { StringEquals: { 'idp:ref': 'main' } },
      extraActions: ['sts:TagSession'],
    });
    const statements = json(stack, specs);
    expect(statements.map((s) => s.Action)).toEqual([
      ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'],
      ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'],
    ]);
    expect(statements.map((s) => s.Condition.StringEquals['idp:ref'])).toEqual(['main', 'main']);
  });

  test('given a claim with one pattern among exact values, the whole key uses StringLike; all exact use StringEquals', () => {
    expect(claimCondition('k', [claimValue('a'), claimValue('b')])).toEqual({ StringEquals: { k: ['a', 'b'] } });
    expect(claimCondition('k', [claimValue('a'), claimValue('b*')])).toEqual({ StringLike: { k: ['a', 'b*'] } });
    expect(claimCondition('k', [])).toEqual({});
  });

  test('unique keeps the first occurrence in order', () => {
    expect(unique([{ value: 'b' }, { value: 'a' }, { value: 'b' }]).map((v) => v.value)).toEqual(['b', 'a']);
  });

  test('given a provider whose issuer is a token, the role cannot write condition keys and says how to import it', () => {
    const stack = devStack();
    const native = new iam.OidcProviderNative(stack, 'Native', { url: 'https://idp.example.com' });
    expect(() => providerIssuer(stack, native)).toThrow(
      /^Dev: invalid OIDC provider: received 'Dev\/Native'; expected a provider whose issuer is known at synth time/,
    );
    const literal = iam.OidcProviderNative.fromOidcProviderArn(stack, 'Literal', ARN);
    expect(providerIssuer(stack, literal)).toBe('idp.example.com');
  });

  test('given a provider of this library, an audience outside its client ids throws; foreign providers are not checked', () => {
    const stack = devStack();
    const provider = new GenericOidcProvider(stack, 'P', {
      url: 'https://idp.example.com',
      clientIds: ['aws', 'other'],
    });
    expect(() => checkAudiencesRegistered(stack, provider, ['aws', 'other'])).not.toThrow();
    expect(() => checkAudiencesRegistered(stack, provider, ['typo'])).toThrow(
      "Dev: invalid audience: received 'typo'; expected one of the client ids of provider Dev/P (aws, other): STS refuses tokens for other audiences.",
    );
    const foreign = iam.OidcProviderNative.fromOidcProviderArn(stack, 'F', ARN);
    expect(() => checkAudiencesRegistered(stack, foreign, ['typo'])).not.toThrow();
  });
});

describe('literal condition values (lib/trust/validators additions)', () => {
  const scope = new Stack(new App(), 'S');

  test('hasIamWildcard sees * and ? but not tokens', () => {
    expect(hasIamWildcard('a*')).toBe(true);
    expect(hasIamWildcard('a?')).toBe(true);
    expect(hasIamWildcard('a')).toBe(false);
    expect(hasIamWildcard(Token.asString({ Ref: 'X' }))).toBe(false);
  });

  test.each([[''], ['a*'], ['a?'], ['${aws:username}']])('given %p, a literal value throws', (v) => {
    expect(() => validateLiteralConditionValue(scope, 'subject', v, 'an exact subject')).toThrow(
      `S: invalid subject: received '${v}'; expected an exact subject (no '*', '?' or '\${': the value must match exactly).`,
    );
  });

  test('given a plain value or a token, it passes', () => {
    expect(() => validateLiteralConditionValue(scope, 'subject', 'repo:acme/shop', 'x')).not.toThrow();
    expect(() => validateLiteralConditionValue(scope, 'subject', Token.asString({ Ref: 'X' }), 'x')).not.toThrow();
  });
});

describe('why exact subjects and patterns get separate statements (IAM policy evaluator)', () => {
  // GIVEN the naive trust that puts both operators on sub in ONE statement, next to what webIdentityStatements writes
  const GH = 'token.actions.githubusercontent.com';
  const PROVIDER = `arn:aws:iam::222222222222:oidc-provider/${GH}`;
  const stack = devStack();
  const exact = 'repo:acme/shop:ref:refs/heads/main';
  const pattern = 'repo:acme/shop:ref:refs/tags/v*';
  new iam.Role(stack, 'Naive', {
    roleName: 'naive',
    assumedBy: new iam.FederatedPrincipal(
      PROVIDER,
      {
        StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com', [`${GH}:sub`]: exact },
        StringLike: { [`${GH}:sub`]: pattern },
      },
      'sts:AssumeRoleWithWebIdentity',
    ),
  });
  const split = new iam.Role(stack, 'Split', { roleName: 'split', assumedBy: new iam.AccountRootPrincipal() });
  split.assumeRolePolicy!.addStatements(
    ...webIdentityStatements('Split', {
      federated: PROVIDER,
      audienceKey: `${GH}:aud`,
      audiences: ['sts.amazonaws.com'],
      subjectKey: `${GH}:sub`,
      subjects: [claimValue(exact), claimValue(pattern)],
    }).map(toPolicyStatement),
  );
  const token = (subject: string) => AssumeRequest.webIdentity(PROVIDER, { audience: 'sts.amazonaws.com', subject });
  const evaluator = TrustEvaluator.fromStack(stack, { evaluateFederatedClaims: true });

  test.each([[exact], ['repo:acme/shop:ref:refs/tags/v1.0.0']])(
    'given %s, the naive statement denies it (operators are ANDed) and the split statements allow it',
    async (subject) => {
      expect((await evaluator.assume('naive', token(subject))).decision).toBe(TrustDecision.DENIED);
      expect((await evaluator.assume('split', token(subject))).decision).toBe(TrustDecision.ALLOWED);
    },
  );
});
