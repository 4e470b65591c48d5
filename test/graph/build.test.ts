import { buildTrustGraph, GraphSource } from '../../lib/graph/build';
import { GraphEdge, TrustGraph } from '../../lib/graph/graph';

const HUB = '111111111111';
const DEV = '222222222222';

const role = (name: string, ...Statement: unknown[]) => ({
  Type: 'AWS::IAM::Role',
  Properties: { RoleName: name, AssumeRolePolicyDocument: { Version: '2012-10-17', Statement } },
});
const allow = (Principal: unknown, Condition?: unknown, Action: unknown = 'sts:AssumeRole') => ({
  Effect: 'Allow',
  Action,
  Principal,
  ...(Condition ? { Condition } : {}),
});
const src = (
  account: string | undefined,
  Resources: Record<string, unknown>,
  stackName = `S${account}`,
): GraphSource => ({ name: `${stackName}.json`, stackName, account, region: 'us-east-1', template: { Resources } });

function edge(graph: TrustGraph, from: string, to: string): GraphEdge | undefined {
  return graph.edges.find((e) => e.from === from && e.to === to);
}

/** A hub account whose group `Ops` may assume `resource` (with `condition`), and whose user `carol` is in it. */
function hub(resource: unknown, extra: unknown[] = []): GraphSource {
  return src(
    HUB,
    {
      Ops: { Type: 'AWS::IAM::Group', Properties: { GroupName: 'Ops' } },
      OpsPolicy: {
        Type: 'AWS::IAM::ManagedPolicy',
        Properties: {
          Groups: [{ Ref: 'Ops' }],
          PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: resource }, ...extra] },
        },
      },
      Carol: { Type: 'AWS::IAM::User', Properties: { UserName: 'carol', Groups: [{ Ref: 'Ops' }] } },
    },
    'Hub',
  );
}

describe('buildTrustGraph', () => {
  test('an account trusted as a whole: an edge from each of its identities whose own policies allow the call', () => {
    // GIVEN
    const graph = buildTrustGraph([
      hub(`arn:aws:iam::${DEV}:role/Deploy`),
      src(DEV, {
        Deploy: role(
          'Deploy',
          allow(
            { AWS: `arn:aws:iam::${HUB}:root` },
            { Bool: { 'aws:MultiFactorAuthPresent': 'true' }, NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } },
          ),
        ),
      }),
    ]);
    // THEN
    expect(edge(graph, 'group:111111111111/Ops', 'role:222222222222/Deploy')).toMatchObject({
      kind: 'assume',
      identity: 'allowed',
      demands: [{ key: 'mfa', text: 'MFA ≤ 1 h' }],
    });
    expect(edge(graph, 'user:111111111111/carol', 'group:111111111111/Ops')?.kind).toBe('member');
    expect(graph.nodes.some((n) => n.id === 'account:111111111111')).toBe(false);
  });

  test('an own account trusted whose identities are not granted the call: the account, dashed as trust only', () => {
    // GIVEN
    const graph = buildTrustGraph([
      hub(`arn:aws:iam::${DEV}:role/Other`),
      src(DEV, { Deploy: role('Deploy', allow({ AWS: HUB })) }),
    ]);
    // THEN
    expect(edge(graph, 'account:111111111111', 'role:222222222222/Deploy')?.identity).toBe('not-granted');
    expect(edge(graph, 'group:111111111111/Ops', 'role:222222222222/Deploy')).toBeUndefined();
    // what Ops may assume instead is a role outside the templates: its trust is not known
    expect(graph.nodes.find((n) => n.id === 'role:222222222222/Other')).toMatchObject({ outside: true, account: DEV });
    expect(edge(graph, 'group:111111111111/Ops', 'role:222222222222/Other')).toMatchObject({
      identity: 'allowed',
      demands: [{ key: 'other', text: 'trust not in these templates' }],
    });
  });

  test('a group that may assume nothing has no member edges', () => {
    const graph = buildTrustGraph([
      hub('arn:aws:s3:::bucket'),
      src(DEV, { Deploy: role('Deploy', allow({ AWS: HUB })) }),
    ]);
    expect(graph.nodes.some((n) => n.id === 'user:111111111111/carol')).toBe(false);
  });

  test('an identity policy on a pattern of roles draws the roles of the templates it matches and the others as one node', () => {
    // GIVEN
    const graph = buildTrustGraph([
      hub('arn:aws:iam::*:role/Deploy*'),
      src(DEV, { Deploy: role('Deploy', allow({ AWS: HUB })) }),
    ]);
    // THEN
    expect(edge(graph, 'group:111111111111/Ops', 'role:222222222222/Deploy')?.identity).toBe('allowed');
    expect(graph.nodes.find((n) => n.id === 'roles:arn:aws:iam::*:role/Deploy*')).toMatchObject({
      label: 'other roles matching arn:aws:iam::*:role/Deploy*',
      outside: true,
    });
  });

  test("a Deny in the caller's policies: without condition it blocks, denying without MFA demands MFA", () => {
    // GIVEN
    const trust = { Deploy: role('Deploy', allow({ AWS: HUB })) };
    const mfaDeny = {
      Effect: 'Deny',
      NotAction: 'iam:ChangePassword',
      Resource: '*',
      Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
    };
    const plainDeny = { Effect: 'Deny', Action: 'sts:*', Resource: '*' };
    // WHEN
    const withMfa = buildTrustGraph([hub('*', [mfaDeny]), src(DEV, trust)]);
    const blocked = buildTrustGraph([hub('*', [plainDeny]), src(DEV, trust)]);
    // THEN
    expect(edge(withMfa, 'group:111111111111/Ops', 'role:222222222222/Deploy')?.demands).toEqual([
      { key: 'mfa', text: 'MFA' },
    ]);
    expect(edge(blocked, 'group:111111111111/Ops', 'role:222222222222/Deploy')).toBeUndefined();
    expect(edge(blocked, 'account:111111111111', 'role:222222222222/Deploy')?.identity).toBe('not-granted');
  });

  test('"*" narrowed by aws:PrincipalAccount admits that account; un-narrowed it admits anyone', () => {
    // GIVEN
    const graph = buildTrustGraph([
      src(DEV, {
        Narrow: role('Narrow', allow({ AWS: '*' }, { StringEquals: { 'aws:PrincipalAccount': '555555555555' } })),
        Open: role('Open', allow('*')),
      }),
    ]);
    // THEN
    expect(edge(graph, 'account:555555555555', 'role:222222222222/Narrow')).toMatchObject({
      identity: 'unknown',
      demands: [],
    });
    expect(edge(graph, 'anyone', 'role:222222222222/Open')).toMatchObject({ identity: 'unknown' });
    expect(graph.accounts.find((a) => a.id === '555555555555')).toEqual({
      id: '555555555555',
      name: undefined,
      own: false,
    });
  });

  test('a named role of another account of the app: allowed when its own policy allows the call too', () => {
    // GIVEN
    const runner = (resource: unknown) =>
      src(
        HUB,
        {
          Runner: {
            ...role('Runner', allow({ Service: 'ec2.amazonaws.com' })),
            Properties: {
              ...role('Runner', allow({ Service: 'ec2.amazonaws.com' })).Properties,
              Policies: [
                {
                  PolicyName: 'p',
                  PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: resource }] },
                },
              ],
            },
          },
        },
        'Hub',
      );
    const target = src(DEV, { Deploy: role('Deploy', allow({ AWS: `arn:aws:iam::${HUB}:role/Runner` })) });
    // WHEN
    const granted = buildTrustGraph([runner({ 'Fn::Sub': `arn:\${AWS::Partition}:iam::${DEV}:role/Deploy` }), target]);
    const notGranted = buildTrustGraph([runner(`arn:aws:iam::${DEV}:role/Other`), target]);
    // THEN
    expect(edge(granted, 'role:111111111111/Runner', 'role:222222222222/Deploy')?.identity).toBe('allowed');
    expect(edge(notGranted, 'role:111111111111/Runner', 'role:222222222222/Deploy')?.identity).toBe('not-granted');
    expect(edge(granted, 'service:ec2.amazonaws.com', 'role:111111111111/Runner')?.identity).toBe('not-needed');
  });

  test('a Deny in the trust policy that requires an ExternalId is drawn as the demand it stands for', () => {
    // GIVEN
    const graph = buildTrustGraph([
      src(DEV, {
        Audit: role('Audit', allow({ AWS: 'arn:aws:iam::999999999999:root' }), {
          Effect: 'Deny',
          Action: 'sts:AssumeRole',
          Principal: { AWS: 'arn:aws:iam::999999999999:root' },
          Condition: { StringNotEquals: { 'sts:ExternalId': 'x-1' } },
        }),
      }),
    ]);
    // THEN
    expect(edge(graph, 'account:999999999999', 'role:222222222222/Audit')?.demands.map((d) => d.text)).toEqual([
      'ExternalId',
    ]);
  });

  test('source identity, session tags and the subject of a GitLab project', () => {
    // GIVEN
    const graph = buildTrustGraph([
      src(DEV, {
        Tagged: role(
          'Tagged',
          allow(
            { AWS: 'arn:aws:iam::999999999999:root' },
            {
              StringLike: { 'sts:SourceIdentity': 'alice-*' },
              'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] },
            },
            ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'],
          ),
        ),
        Ci: role(
          'Ci',
          allow(
            { Federated: `arn:aws:iam::${DEV}:oidc-provider/gitlab.com` },
            {
              StringEquals: {
                'gitlab.com:aud': 'https://gitlab.com',
                'gitlab.com:sub': 'project_path:acme/app:ref_type:branch:ref:main',
              },
            },
            'sts:AssumeRoleWithWebIdentity',
          ),
        ),
      }),
    ]);
    // THEN
    expect(edge(graph, 'account:999999999999', 'role:222222222222/Tagged')?.demands.map((d) => d.text)).toEqual([
      'source identity ~ alice-*',
      'session tag keys team',
    ]);
    expect(
      edge(
        graph,
        'web-identity:gitlab.com:sub=project_path:acme/app:ref_type:branch:ref:main',
        'role:222222222222/Ci',
      )?.demands.map((d) => d.text),
    ).toEqual(['aud https://gitlab.com']);
    expect(
      edge(
        graph,
        'oidc-provider:gitlab.com',
        'web-identity:gitlab.com:sub=project_path:acme/app:ref_type:branch:ref:main',
      )?.kind,
    ).toBe('via');
  });

  test('every reachable variant of a trust is drawn: both branches of an Fn::If', () => {
    // GIVEN
    const graph = buildTrustGraph([
      {
        name: 't.json',
        stackName: 'T',
        account: DEV,
        template: {
          Parameters: { Prod: { Type: 'String', AllowedValues: ['yes', 'no'], Default: 'no' } },
          Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Prod' }, 'yes'] } },
          Resources: { R: role('R', allow({ AWS: { 'Fn::If': ['IsProd', '333333333333', '444444444444'] } })) },
        },
      },
    ]);
    // THEN
    expect(graph.edges.map((e) => e.from).sort()).toEqual(['account:333333333333', 'account:444444444444']);
  });

  test('a template of unknown account is drawn in an account named after its stack', () => {
    const graph = buildTrustGraph([
      src(undefined, { R: role('R', allow({ Service: 'lambda.amazonaws.com' })) }, 'Legacy'),
    ]);
    expect(graph.nodes.find((n) => n.kind === 'role')).toMatchObject({
      id: 'role:stack:Legacy/R',
      account: 'stack:Legacy',
    });
    expect(graph.accounts).toEqual([{ id: 'stack:Legacy', name: 'Legacy', own: true }]);
  });

  test('never throws on a template it does not understand', () => {
    expect(
      buildTrustGraph([
        { name: 'a', template: 'not a template' },
        {
          name: 'b',
          template: {
            Resources: { R: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: 'garbage' } } },
          },
        },
      ]).edges,
    ).toEqual([]);
  });
});
