import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { constructAliases, templateEnvironment } from '../../../lib/testing/private/environment';

describe('templateEnvironment', () => {
  test("takes the stack's concrete env, with options first", () => {
    const stack = new Stack(new App(), 'S', { env: { account: '222222222222', region: 'cn-north-1' } });
    expect(templateEnvironment('who', {}, stack)).toEqual({
      account: '222222222222',
      partition: 'aws-cn',
      region: 'cn-north-1',
      parameters: {},
      refs: {},
    });
    expect(
      templateEnvironment('who', { account: '333333333333', region: 'eu-west-1', partition: 'aws' }, stack),
    ).toEqual({ account: '333333333333', partition: 'aws', region: 'eu-west-1', parameters: {}, refs: {} });
  });

  test('defaults to the aws partition and us-east-1 for an environment-agnostic stack', () => {
    const stack = new Stack(new App(), 'S');
    expect(
      templateEnvironment(
        'who',
        {
          account: '222222222222',
          parameters: [{ name: 'P', value: 'v' }],
          refs: [{ resource: 'Pool', value: 'us-east-1:11111111-2222-3333-4444-555555555555' }],
        },
        stack,
      ),
    ).toEqual({
      account: '222222222222',
      partition: 'aws',
      region: 'us-east-1',
      parameters: { P: 'v' },
      refs: { Pool: 'us-east-1:11111111-2222-3333-4444-555555555555' },
    });
  });

  test.each([
    [
      'no account',
      {},
      "who: invalid account: received nothing; expected the 12-digit account the template is deployed to (pass { account: '222222222222' }",
    ],
    [
      'a 13-digit account',
      { account: '2222222222222' },
      "who: invalid account: received '2222222222222'; expected a 12-digit AWS account id.",
    ],
    [
      'an unknown partition',
      { account: '222222222222', partition: 'amazon' },
      "who: invalid partition: received 'amazon'; expected one of aws, aws-cn, aws-us-gov",
    ],
  ])('%s is refused', (_name, options, message) => {
    expect(() => templateEnvironment('who', options)).toThrow(message);
  });
});

describe('constructAliases', () => {
  test('maps construct paths relative to the stack, and the parent of a main Resource, to logical ids', () => {
    const stack = new Stack(new App(), 'S');
    const role = new iam.Role(stack, 'Admin', { assumedBy: new iam.AccountRootPrincipal() });
    const logicalId = stack.resolve((role.node.defaultChild as iam.CfnRole).logicalId);
    const aliases = constructAliases(stack);
    expect(aliases['Admin/Resource']).toBe(logicalId);
    expect(aliases.Admin).toBe(logicalId);
  });
});
