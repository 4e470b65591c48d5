/**
 * Federated trust that admits nothing beyond the props (issue 9): presets enforced on GenericOidcRole, prefixes that
 * span tenants refused, tokens in subject parts kept under StringLike or refused, Google subjects numeric, Cognito
 * identity types checked at run time, one claim shape for roles and requests.
 */
import { CfnParameter, Lazy } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  CognitoIdentityPoolRole,
  CognitoIdentityType,
  EksServiceAccount,
  EksServiceAccountRole,
  GenericOidcProvider,
  GenericOidcRole,
  GitHubActionsOidcProvider,
  GitHubActionsRole,
  GitHubActionsSubject as S,
  GitLabCiRole,
  GitLabCiSubject,
  GitLabOidcProvider,
  GoogleOidcRole,
  SamlAudience,
  SamlFederatedRole,
  StsOidcProvider,
} from '../../../lib';
import { AssumeRequest, FederatedClaim, TrustDecision, TrustEvaluator } from '../../../lib/testing';
import { devStack, trustStatements } from '../../util';

const GH = 'token.actions.githubusercontent.com';

describe('GenericOidcRole on an issuer with a preset', () => {
  test.each([
    ['https://token.actions.githubusercontent.com', 'GitHubActionsRole'],
    ['https://token.actions.githubusercontent.com/acme', 'GitHubActionsRole'],
    ['https://gitlab.com', 'GitLabCiRole'],
    ['https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE', 'EksServiceAccountRole'],
    ['https://accounts.google.com', 'GoogleOidcRole'],
  ])('%s is refused, naming %s', (url, preset) => {
    // GIVEN
    const stack = devStack();
    const provider = StsOidcProvider.fromUrl(stack, 'P', url);
    // WHEN / THEN
    expect(
      () => new GenericOidcRole(stack, 'R', { provider, audiences: ['sts.amazonaws.com'], subjects: ['x:y'] }),
    ).toThrow(
      new RegExp(
        `^Dev/R: invalid OIDC provider issuer: received '.*'; expected an issuer without a preset: use ${preset}`,
      ),
    );
  });
});

describe('GenericOidcRole subject prefixes', () => {
  const setup = () => {
    const stack = devStack();
    const provider = new GenericOidcProvider(stack, 'Idp', { url: 'https://ci.example.com', clientIds: ['aws'] });
    return { stack, provider };
  };
  test.each([
    ['repo:', /'repo:OWNER\/' or longer/],
    ['repo:acme', /'repo:OWNER\/' or longer/],
    ['system:serviceaccount:', /'system:serviceaccount:NAMESPACE:' or longer/],
    ['project_path:', /'project_path:GROUP\/' or longer/],
    ['organization:acme', /'organization:NAME:' or longer/],
    ['tenant:acme', /a prefix that names a tenant and ends at a delimiter/],
    ['acme:', /a prefix that names a tenant and ends at a delimiter/],
  ])('the tenant-spanning prefix %p is refused', (prefix, message) => {
    // GIVEN
    const { stack, provider } = setup();
    // WHEN / THEN
    expect(() => new GenericOidcRole(stack, 'R', { provider, audiences: ['aws'], subjectPrefixes: [prefix] })).toThrow(
      new RegExp(`^Dev/R: invalid subject prefix: received '${prefix}'; expected .*`),
    );
    expect(
      () =>
        new GenericOidcRole(devStack(), 'R', {
          provider: new GenericOidcProvider(devStack('X'), 'I', { url: 'https://ci.example.com', clientIds: ['aws'] }),
          audiences: ['aws'],
          subjectPrefixes: [prefix],
        }),
    ).toThrow(message);
  });

  test.each(['organization:acme:', 'organization:acme:project:infra:'])(
    'on Terraform Cloud, the tenant-pinned prefix %p passes',
    (prefix) => {
      // GIVEN
      const stack = devStack();
      const provider = new GenericOidcProvider(stack, 'Tfc', {
        url: 'https://app.terraform.io',
        clientIds: ['aws.workload.identity'],
      });
      // WHEN
      new GenericOidcRole(stack, 'R', { provider, audiences: ['aws.workload.identity'], subjectPrefixes: [prefix] });
      // THEN
      expect(trustStatements(stack)[0].Condition.StringLike).toEqual({ 'app.terraform.io:sub': `${prefix}*` });
    },
  );

  test('on an issuer whose subject format is not known, a prefix is refused with the reason StsChecks gives', () => {
    // GIVEN
    const { stack, provider } = setup();
    // WHEN / THEN
    expect(
      () => new GenericOidcRole(stack, 'R', { provider, audiences: ['aws'], subjectPrefixes: ['tenant:acme:'] }),
    ).toThrow(
      /^Dev\/R: invalid subject prefix: received 'tenant:acme:'; expected a prefix that pins one tenant of .*its subject format is not known to bound a wildcard/,
    );
  });

  test("an exact subject outside the issuer's grammar is refused with the reason StsChecks gives", () => {
    // GIVEN
    const stack = devStack();
    const provider = new GenericOidcProvider(stack, 'Tfc', {
      url: 'https://app.terraform.io',
      clientIds: ['aws.workload.identity'],
    });
    // WHEN / THEN
    expect(
      () =>
        new GenericOidcRole(stack, 'R', {
          provider,
          audiences: ['aws.workload.identity'],
          subjects: ['tenant:acme:job:1'],
        }),
    ).toThrow(/^Dev\/R: invalid subject: received 'tenant:acme:job:1'; expected a subject that pins one tenant of /);
  });

  test('a deploy-time prefix is refused: it could be empty', () => {
    // GIVEN
    const { stack, provider } = setup();
    const prefix = new CfnParameter(stack, 'Prefix').valueAsString;
    // WHEN / THEN
    expect(() => new GenericOidcRole(stack, 'R', { provider, audiences: ['aws'], subjectPrefixes: [prefix] })).toThrow(
      /^Dev\/R: invalid subject prefix: received '<a deploy-time value>'; expected a literal prefix/,
    );
  });
});

describe('tokens in subject parts', () => {
  test('a Lazy owner, branch, project path or Kubernetes name is judged as its value, as a literal is (found by a red-team pass)', () => {
    // GIVEN Lazy values that would make the subject a wildcard under StringEquals
    const lazy = (v: string) => Lazy.string({ produce: () => v });
    const stack = devStack();
    const github = new GitHubActionsOidcProvider(stack, 'GitHub');
    const gitlab = new GitLabOidcProvider(stack, 'GitLab', { clientIds: ['https://gitlab.com'] });
    // WHEN / THEN each is refused with its value
    expect(
      () => new GitHubActionsRole(stack, 'A', { provider: github, subjects: [S.branch(lazy('*'), 'shop', 'main')] }),
    ).toThrow(/invalid GitHub owner: received '\*'/);
    expect(
      () =>
        new GitHubActionsRole(stack, 'B', { provider: github, subjects: [S.branch('acme', 'shop', lazy('main*'))] }),
    ).toThrow(/invalid GitHub branch name: received 'main\*'/);
    expect(
      () =>
        new GitLabCiRole(stack, 'C', {
          provider: gitlab,
          audience: 'https://gitlab.com',
          subjects: [GitLabCiSubject.branch(lazy('acme/*'), 'main')],
        }),
    ).toThrow(/invalid GitLab project path: received 'acme\/\*'/);
    expect(
      () =>
        new EksServiceAccountRole(stack, 'D', {
          issuerUrl: 'https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE',
          serviceAccounts: [EksServiceAccount.of(lazy('*'), 'x')],
        }),
    ).toThrow(/invalid Kubernetes namespace: received '\*'/);
  });

  test('a token in a branch pattern keeps StringLike, so the pattern still matches at deploy time', () => {
    // GIVEN
    const stack = devStack();
    const provider = new GitHubActionsOidcProvider(stack, 'GitHub');
    const pattern = Lazy.string({ produce: () => 'release/*' });
    // WHEN
    new GitHubActionsRole(stack, 'R', { provider, subjects: [S.branchPattern('acme', 'shop', pattern)] });
    // THEN
    const [statement] = trustStatements(stack);
    expect(statement.Condition.StringLike).toEqual({ [`${GH}:sub`]: 'repo:acme/shop:ref:refs/heads/release/*' });
    expect(statement.Condition.StringEquals).toEqual({ [`${GH}:aud`]: 'sts.amazonaws.com' });
  });

  test('a token repository in anyRef is refused; a token owner in allRepositoriesOf is refused without a token in any message', () => {
    // GIVEN
    const stack = devStack();
    const provider = new GitHubActionsOidcProvider(stack, 'GitHub');
    const repo = new CfnParameter(stack, 'Repo').valueAsString;
    const owner = new CfnParameter(stack, 'Owner').valueAsString;
    // WHEN / THEN
    expect(() => new GitHubActionsRole(stack, 'A', { provider, subjects: [S.anyRef('acme', repo)] })).toThrow(
      /^Dev\/A: invalid repository name: received '<a deploy-time value>'; expected a literal repository name in a GitHub pattern subject/,
    );
    let error = '';
    try {
      new GitHubActionsRole(stack, 'B', {
        provider,
        subjects: [S.allRepositoriesOf(owner, { acknowledgeOwnerWideTrust: true })],
      });
    } catch (e) {
      error = String(e);
    }
    expect(error).toMatch(
      /Dev\/B: invalid owner: received '<a deploy-time value>'; expected a literal owner in GitHubActionsSubject.allRepositoriesOf/,
    );
    expect(error).not.toMatch(/Token\[/);
    // AND the owner-wide warning of a literal owner names it, never a token
    const ok = devStack('Ok');
    new GitHubActionsRole(ok, 'C', {
      provider: new GitHubActionsOidcProvider(ok, 'GitHub'),
      subjects: [S.allRepositoriesOf('acme', { acknowledgeOwnerWideTrust: true })],
    });
    expect(Annotations.fromStack(ok).findWarning('*', Match.stringLikeRegexp('Token\\['))).toHaveLength(0);
    Annotations.fromStack(ok).hasWarning('/Ok/C', Match.stringLikeRegexp("every repository of 'acme'"));
  });

  test('a token in an exact subject stays under StringEquals: a deploy-time * is matched literally, never as a wildcard', () => {
    // GIVEN
    const stack = devStack();
    const provider = new GitHubActionsOidcProvider(stack, 'GitHub');
    const branch = new CfnParameter(stack, 'Branch').valueAsString;
    // WHEN
    new GitHubActionsRole(stack, 'R', { provider, subjects: [S.branch('acme', 'shop', branch)] });
    // THEN
    expect(trustStatements(stack)[0].Condition.StringLike).toBeUndefined();
  });

  test('a parameter in an exact subject is validated on its default and allowed values, like a literal', () => {
    // GIVEN
    const stack = devStack();
    const provider = new GitLabOidcProvider(stack, 'GitLab', { clientIds: ['https://gitlab.com'] });
    const project = new CfnParameter(stack, 'Project', { default: 'shop' }).valueAsString;
    const owner = new CfnParameter(stack, 'Owner', { default: 'acme', allowedValues: ['acme', '*'] }).valueAsString;
    // WHEN / THEN
    expect(
      () =>
        new GitLabCiRole(stack, 'R', {
          provider,
          audience: 'https://gitlab.com',
          subjects: [GitLabCiSubject.branch(project, 'main')],
        }),
    ).toThrow(/^Dev\/R: invalid GitLab project path: received 'shop'/);
    expect(
      () =>
        new GitHubActionsRole(stack, 'G', {
          provider: new GitHubActionsOidcProvider(stack, 'GitHub'),
          subjects: [S.branch(owner, 'shop', 'main')],
        }),
    ).toThrow(/^Dev\/G: invalid GitHub owner: received '\*'/);
  });

  test('GitLab: a token ref pattern keeps StringLike; a token project path in a pattern subject is refused', () => {
    // GIVEN
    const stack = devStack();
    const provider = new GitLabOidcProvider(stack, 'GitLab', { clientIds: ['https://gitlab.com'] });
    const pattern = new CfnParameter(stack, 'Pattern').valueAsString;
    const project = new CfnParameter(stack, 'Project').valueAsString;
    // WHEN
    new GitLabCiRole(stack, 'R', {
      provider,
      audience: 'https://gitlab.com',
      subjects: [GitLabCiSubject.branchPattern('acme/shop', pattern)],
    });
    // THEN
    expect(Object.keys(trustStatements(stack, undefined)[0].Condition.StringLike)).toEqual(['gitlab.com:sub']);
    expect(
      () =>
        new GitLabCiRole(stack, 'P', {
          provider,
          audience: 'https://gitlab.com',
          subjects: [GitLabCiSubject.anyRef(project)],
        }),
    ).toThrow(
      /^Dev\/P: invalid project path: received '<a deploy-time value>'; expected a literal project path in a GitLab pattern subject/,
    );
  });

  test('EKS: a token namespace of a namespace-wide subject is refused', () => {
    // GIVEN
    const stack = devStack();
    const ns = new CfnParameter(stack, 'Ns').valueAsString;
    // WHEN / THEN
    expect(
      () =>
        new EksServiceAccountRole(stack, 'R', {
          issuerUrl: 'https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE',
          serviceAccounts: [EksServiceAccount.anyInNamespace(ns, { acknowledgeNamespaceWideTrust: true })],
        }),
    ).toThrow(/^Dev\/R: invalid namespace: received '<a deploy-time value>'; expected a literal namespace/);
  });
});

describe('written reasons for owner- and namespace-wide trust', () => {
  test('a reason becomes the StsChecks-WebIdentitySubjectBroad acknowledgement and replaces the synth warning; a short one is refused', () => {
    // GIVEN
    const stack = devStack();
    const provider = new GitHubActionsOidcProvider(stack, 'GitHub');
    // WHEN
    const gh = new GitHubActionsRole(stack, 'R', {
      provider,
      subjects: [
        S.allRepositoriesOf('acme', { acknowledgeOwnerWideTrust: true, reason: 'the org-wide read-only audit role' }),
      ],
    });
    const eks = new EksServiceAccountRole(stack, 'E', {
      issuerUrl: 'https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE',
      serviceAccounts: [
        EksServiceAccount.anyInNamespace('batch', {
          acknowledgeNamespaceWideTrust: true,
          reason: 'batch jobs are created per run',
        }),
      ],
    });
    // THEN
    const acks = (c: any) =>
      JSON.stringify(c.node.metadata.filter((m: any) => m.type === 'aws:cdk:acknowledged-rules'));
    expect(acks(gh)).toContain('every repository of acme: the org-wide read-only audit role');
    expect(acks(eks)).toContain('StsChecks-WebIdentitySubjectBroad');
    expect(
      Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('every repository|every service account')),
    ).toHaveLength(0);
    expect(
      () =>
        new GitHubActionsRole(devStack('X'), 'R', {
          provider: new GitHubActionsOidcProvider(devStack('Y'), 'G'),
          subjects: [S.allRepositoriesOf('acme', { acknowledgeOwnerWideTrust: true, reason: 'ok' })],
        }),
    ).toThrow(
      /invalid reason for trusting every repository of acme: received 'ok'; expected a written reason of at least 10 characters/,
    );
  });
});

describe('Google and Cognito', () => {
  test('a Google subject must be the numeric unique id, as the message says', () => {
    // GIVEN
    const stack = devStack();
    // WHEN / THEN
    expect(
      () => new GoogleOidcRole(stack, 'R', { audiences: ['111122223333444455556'], subjects: ['alice@gmail.com'] }),
    ).toThrow(
      "Dev/R: invalid subject: received 'alice@gmail.com'; expected a Google account's numeric unique id, like '111122223333444455556'",
    );
    expect(
      () =>
        new GoogleOidcRole(devStack(), 'R', {
          audiences: ['111122223333444455556'],
          subjects: ['111122223333444455556'],
        }),
    ).not.toThrow();
  });

  test('a Lazy Google subject, SAML audience or identity pool id is judged as its value (found by a red-team pass)', () => {
    // GIVEN Lazy values the literal rules refuse
    const lazy = (v: string) => Lazy.string({ produce: () => v });
    const stack = devStack();
    const idp = iam.SamlProvider.fromSamlProviderArn(stack, 'Idp', 'arn:aws:iam::222222222222:saml-provider/Corp');
    // WHEN / THEN each is refused with its value
    expect(
      () => new GoogleOidcRole(stack, 'G', { audiences: ['1234567890'], subjects: [lazy('alice@gmail.com')] }),
    ).toThrow(/invalid subject: received 'alice@gmail.com'/);
    expect(
      () => new SamlFederatedRole(stack, 'S', { provider: idp, audiences: [SamlAudience.custom(lazy('http://evil'))] }),
    ).toThrow(/invalid SAML audience URL: received 'http:\/\/evil'|received 'http:\/\/evil'/);
    expect(
      () =>
        new CognitoIdentityPoolRole(stack, 'C', {
          identityPoolId: lazy('eu-west-1:*'),
          identityType: CognitoIdentityType.AUTHENTICATED,
        }),
    ).toThrow(/invalid identity pool id: received 'eu-west-1:\*'/);
  });

  test('a plain-JavaScript identityType outside the enum is refused at run time', () => {
    // GIVEN
    const stack = devStack();
    // WHEN / THEN
    expect(
      () =>
        new CognitoIdentityPoolRole(stack, 'R', {
          identityPoolId: 'eu-west-1:11111111-2222-3333-4444-555555555555',
          identityType: '*' as any,
        }),
    ).toThrow(
      "Dev/R: invalid identityType: received '*'; expected CognitoIdentityType.AUTHENTICATED ('authenticated') or CognitoIdentityType.UNAUTHENTICATED ('unauthenticated').",
    );
  });
});

describe('one shape for claims', () => {
  test('the same FederatedClaim list builds the role condition and the request that passes it', async () => {
    // GIVEN
    const stack = devStack();
    const provider = new GitHubActionsOidcProvider(stack, 'GitHub');
    const claims: FederatedClaim[] = [{ name: 'ref', values: ['refs/heads/main'] }];
    new GitHubActionsRole(stack, 'R', {
      provider,
      roleName: 'deploy',
      subjects: [S.environment('acme', 'shop', 'prd')],
      claims,
    });
    const arn = `arn:aws:iam::222222222222:oidc-provider/${GH}`;
    const request = (c: FederatedClaim[]) =>
      AssumeRequest.webIdentity(arn, {
        audience: 'sts.amazonaws.com',
        subject: 'repo:acme/shop:environment:prd',
        claims: c,
      });
    // WHEN
    const evaluator = TrustEvaluator.fromStack(stack, { evaluateFederatedClaims: true });
    const main = await evaluator.assume('deploy', request(claims));
    const dev = await evaluator.assume('deploy', request([{ name: 'ref', values: ['refs/heads/dev'] }]));
    // THEN
    expect([main.decision, dev.decision]).toEqual([TrustDecision.ALLOWED, TrustDecision.DENIED]);
  });
});
