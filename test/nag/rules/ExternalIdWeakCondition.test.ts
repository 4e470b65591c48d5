import { NagRuleCompliance } from 'cdk-nag';
import ExternalIdWeakCondition from '../../../lib/nag/rules/ExternalIdWeakCondition';
import { allow, doc, onTrust, STACK_ACCOUNT, VENDOR } from '../helpers';
import { roleTemplate, runOnTemplate } from '../template-helpers';

const vendor = { AWS: `arn:aws:iam::${VENDOR}:root` };
const withCondition = (condition: object) => allow(vendor, 'sts:AssumeRole', condition);

describe('ExternalIdWeakCondition', () => {
  describe('Noncompliance', () => {
    test.each([
      ['StringLike with "*"', { StringLike: { 'sts:ExternalId': '*' } }],
      ['StringLike with a prefix wildcard', { StringLike: { 'sts:ExternalId': 'acme-*' } }],
      ['StringLike with "?"', { StringLike: { 'sts:ExternalId': 'acme-??' } }],
      ['StringEqualsIfExists', { StringEqualsIfExists: { 'sts:ExternalId': 'acme-7f3a9c' } }],
      ['StringNotEquals', { StringNotEquals: { 'sts:ExternalId': 'acme-7f3a9c' } }],
      ['ForAllValues:StringEquals', { 'ForAllValues:StringEquals': { 'sts:ExternalId': 'acme-7f3a9c' } }],
      ['a value of one character (below the grammar)', { StringEquals: { 'sts:ExternalId': 'a' } }],
      ['a value with a space', { StringEquals: { 'sts:ExternalId': 'acme 7f3a' } }],
      ['a value with a forbidden symbol', { StringEquals: { 'sts:ExternalId': 'acme#7f3a' } }],
      ['a value of 1,225 characters (above the grammar)', { StringEquals: { 'sts:ExternalId': 'x'.repeat(1225) } }],
      ['a mixed-case key', { StringLike: { 'STS:EXTERNALID': '*' } }],
      ['a value of 2 characters (in the grammar, but short)', { StringEquals: { 'sts:ExternalId': 'ab' } }],
      ['a value of 7 characters (short)', { StringEquals: { 'sts:ExternalId': 'k3Rb9xQ' } }],
      ['an account id', { StringEquals: { 'sts:ExternalId': '123456789012' } }],
      ["the stack's own account id", { StringEquals: { 'sts:ExternalId': STACK_ACCOUNT } }],
      ['all digits', { StringEquals: { 'sts:ExternalId': '2024010112' } }],
      ['12345', { StringEquals: { 'sts:ExternalId': '12345' } }],
      ['external-id', { StringEquals: { 'sts:ExternalId': 'External-ID' } }],
      ['changeme', { StringEquals: { 'sts:ExternalId': 'changeme' } }],
      ['a repeated character', { StringEquals: { 'sts:ExternalId': 'aaaaaaaaaaaa' } }],
      ['AWS::AccountId', { StringEquals: { 'sts:ExternalId': { Ref: 'AWS::AccountId' } } }],
      [
        'Fn::Sub of the account id and a suffix',
        { StringEquals: { 'sts:ExternalId': { 'Fn::Sub': '${AWS::AccountId}-vendor' } } },
      ],
      ['the stack name', { StringEquals: { 'sts:ExternalId': { Ref: 'AWS::StackName' } } }],
      [
        'one guessable value among good ones',
        { StringEquals: { 'sts:ExternalId': ['3f1c2a9e-7b4d-4c1e-9a55-0c6e2d7b8f10', '12345'] } },
      ],
    ])('%s', (_name, condition) => {
      // GIVEN an ExternalId test that can be bypassed or never matches  WHEN the rule runs  THEN it is reported
      expect(onTrust(ExternalIdWeakCondition, withCondition(condition))).toBe(NagRuleCompliance.NON_COMPLIANT);
    });
  });

  describe('Compliance', () => {
    test.each([
      ['a UUID under StringEquals', { StringEquals: { 'sts:ExternalId': '3f1c2a9e-7b4d-4c1e-9a55-0c6e2d7b8f10' } }],
      ['the shortest value that is not short (8 characters)', { StringEquals: { 'sts:ExternalId': 'k3Rb9xQa' } }],
      [
        'the longest value of the grammar (1,224 characters)',
        { StringEquals: { 'sts:ExternalId': 'k3Rb9xQa'.repeat(153) } },
      ],
      [
        "an account id that is not the stack's, inside a longer value",
        { StringEquals: { 'sts:ExternalId': 'vendor-555555555555-Zq7p' } },
      ],
      [
        'a value built from the stack id (random)',
        { StringEquals: { 'sts:ExternalId': { 'Fn::Select': [2, { 'Fn::Split': ['/', { Ref: 'AWS::StackId' }] }] } } },
      ],
      ['every symbol of the grammar', { StringEquals: { 'sts:ExternalId': 'A_z0+=,.@:/-' } }],
      ['StringLike without a wildcard', { StringLike: { 'sts:ExternalId': 'acme-7f3a9c' } }],
      ['a value from a parameter', { StringEquals: { 'sts:ExternalId': { Ref: 'ExternalId' } } }],
      [
        'a value from a Secrets Manager dynamic reference',
        { StringEquals: { 'sts:ExternalId': '{{resolve:secretsmanager:vendor-external-id}}' } },
      ],
    ])('%s', (_name, condition) => {
      // GIVEN an exact ExternalId  WHEN the rule runs  THEN it passes
      expect(onTrust(ExternalIdWeakCondition, withCondition(condition))).toBe(NagRuleCompliance.COMPLIANT);
    });

    test('a Deny statement with StringNotEquals is the right way to deny', () => {
      // GIVEN a Deny on any other ExternalId
      const deny = {
        Effect: 'Deny',
        Principal: vendor,
        Action: 'sts:AssumeRole',
        Condition: { StringNotEquals: { 'sts:ExternalId': 'acme-7f3a9c' } },
      };
      // WHEN the rule runs THEN it passes
      expect(
        onTrust(ExternalIdWeakCondition, [withCondition({ StringEquals: { 'sts:ExternalId': 'acme-7f3a9c' } }), deny]),
      ).toBe(NagRuleCompliance.COMPLIANT);
    });
  });

  describe('ExternalIds a reader can work out (raw templates, every reachable variant)', () => {
    const trust = (externalId: unknown) => doc(withCondition({ StringEquals: { 'sts:ExternalId': externalId } }));

    test('an ExternalId parameter that keeps a published default fails, naming the parameter', () => {
      // GIVEN the ExternalId from a parameter with a default (the same for everyone who deploys the template)
      const json = roleTemplate(trust({ Ref: 'ExternalID' }), {
        Parameters: { ExternalID: { Type: 'String', Default: '4CEBE3B1a9' } },
      });
      // WHEN the rule runs THEN it fails in the variant that keeps the default
      const result = runOnTemplate(ExternalIdWeakCondition, json);
      expect(result.failed).toBe(true);
      expect(result.variant).toMatch(/ExternalID/);
      expect(result.detail).toMatch(/default \(or an allowed value\) of parameter ExternalID/);
    });

    test('an ExternalId parameter whose AllowedPattern admits only six digits fails; one that admits a UUID passes', () => {
      // GIVEN the ExternalId from a parameter without default, constrained by its AllowedPattern
      const json = (pattern: string) =>
        roleTemplate(trust({ Ref: 'ExternalId' }), {
          Parameters: { ExternalId: { Type: 'String', AllowedPattern: pattern } },
        });
      // WHEN the rule runs THEN six digits fail, a UUID pattern passes
      const result = runOnTemplate(ExternalIdWeakCondition, json('^[0-9]{6}$'));
      expect(result.failed).toBe(true);
      expect(result.detail).toMatch(/AllowedPattern/);
      expect(runOnTemplate(ExternalIdWeakCondition, json('^[a-f0-9-]{36}$')).failed).toBe(false);
    });

    test('an ExternalId parameter with AllowedValues fails in each variant', () => {
      // GIVEN the ExternalId from a parameter whose values are listed in the template  WHEN the rule runs  THEN it fails
      const json = roleTemplate(trust({ Ref: 'ExternalId' }), {
        Parameters: {
          ExternalId: {
            Type: 'String',
            AllowedValues: ['3f1c2a9e-7b4d-4c1e-9a55-0c6e2d7b8f10', '9f1c6a2e-3b4d-4c5e-8f7a-1b2c3d4e5f60'],
          },
        },
      });
      expect(runOnTemplate(ExternalIdWeakCondition, json).failed).toBe(true);
    });

    test('an ExternalId parameter whose default is the account id (a CfnParameter default of Aws.ACCOUNT_ID) fails', () => {
      // GIVEN a parameter default written as {"Ref": "AWS::AccountId"}, or as the account id itself
      const json = (dflt: unknown) =>
        roleTemplate(trust({ Ref: 'ExternalId' }), { Parameters: { ExternalId: { Type: 'String', Default: dflt } } });
      // WHEN the rule runs THEN both fail
      expect(runOnTemplate(ExternalIdWeakCondition, json({ Ref: 'AWS::AccountId' })).failed).toBe(true);
      expect(runOnTemplate(ExternalIdWeakCondition, json('444444444444')).failed).toBe(true);
    });

    test('an ExternalId parameter without a default is not judged', () => {
      // GIVEN the ExternalId from a parameter the deployer must set  WHEN the rule runs  THEN it passes
      const json = roleTemplate(trust({ Ref: 'ExternalID' }), {
        Parameters: { ExternalID: { Type: 'String', MinLength: 2 } },
      });
      expect(runOnTemplate(ExternalIdWeakCondition, json).failed).toBe(false);
    });

    test('an ExternalId that falls back to the account id when a parameter is empty fails in that branch', () => {
      // GIVEN Fn::If [HasId, Ref ExternalId, Ref AWS::AccountId]
      const json = roleTemplate(trust({ 'Fn::If': ['HasId', { Ref: 'ExternalId' }, { Ref: 'AWS::AccountId' }] }), {
        Parameters: { ExternalId: { Type: 'String', Default: '' } },
        Conditions: { HasId: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'ExternalId' }, ''] }] } },
      });
      // WHEN the rule runs THEN it fails, saying the value is the account id
      const result = runOnTemplate(ExternalIdWeakCondition, json);
      expect(result.failed).toBe(true);
      expect(result.detail).toMatch(/AWS::AccountId|account/);
    });

    test('Fn::Base64 of the account id is as guessable as the account id', () => {
      // GIVEN the ExternalId Base64(${AWS::AccountId})  WHEN the rule runs  THEN it fails
      const result = runOnTemplate(
        ExternalIdWeakCondition,
        roleTemplate(trust({ 'Fn::Base64': { 'Fn::Sub': '${AWS::AccountId}' } })),
      );
      expect(result.failed).toBe(true);
      expect(result.detail).toMatch(/AWS::AccountId/);
    });

    test('a Deny on any other ExternalId is judged like the Allow condition it stands for', () => {
      // GIVEN an Allow without ExternalId and a Deny StringNotEquals sts:ExternalId
      const withDeny = (value: string) =>
        doc(allow(vendor), {
          Effect: 'Deny',
          Principal: vendor,
          Action: 'sts:AssumeRole',
          Condition: { StringNotEquals: { 'sts:ExternalId': value } },
        });
      // WHEN the rule runs THEN a guessable value fails and an unguessable one passes
      expect(runOnTemplate(ExternalIdWeakCondition, roleTemplate(withDeny('12345'))).failed).toBe(true);
      expect(
        runOnTemplate(ExternalIdWeakCondition, roleTemplate(withDeny('3f1c2a9e-7b4d-4c1e-9a55-0c6e2d7b8f10'))).failed,
      ).toBe(false);
    });

    test('a trust policy written as a JSON string is read', () => {
      // GIVEN the trust document as a JSON string with ExternalId = the account id
      const text = JSON.stringify(doc(withCondition({ StringEquals: { 'sts:ExternalId': '${AWS::AccountId}' } })));
      // WHEN the rule runs THEN it fails
      expect(runOnTemplate(ExternalIdWeakCondition, roleTemplate({ 'Fn::Sub': text })).failed).toBe(true);
    });

    test('an account id of ownAccounts inside the value fails', () => {
      // GIVEN a value that is one of the user's accounts plus a short text ('vendor-x', guessable alone too)
      // WHEN the rule runs with ownAccounts  THEN it fails; without, the 12 digits count as text and it passes
      const json = roleTemplate(trust('vendor-222222222222-x'));
      expect(runOnTemplate(ExternalIdWeakCondition, json, 'Role', { ownAccounts: ['222222222222'] }).failed).toBe(true);
      expect(runOnTemplate(ExternalIdWeakCondition, json).failed).toBe(false);
      // and the account id beside a random text is as strong as the random text alone (red-team F8)
      const random = roleTemplate(trust('vendor-222222222222-Zq7pLx2mVb9k'));
      expect(runOnTemplate(ExternalIdWeakCondition, random, 'Role', { ownAccounts: ['222222222222'] }).failed).toBe(
        false,
      );
    });
  });

  describe('the account id next to a random value (red-team F8): one verdict for the value with and without it', () => {
    const RANDOM = '7d6c5b4a3f21b3f1c2d49a8e4c1f8f0e';
    const run = (externalId: unknown) =>
      runOnTemplate(
        ExternalIdWeakCondition,
        roleTemplate(doc(withCondition({ StringEquals: { 'sts:ExternalId': externalId } }))),
        'Role',
        {},
        STACK_ACCOUNT,
      );

    test('a random literal passes alone, after ${AWS::AccountId}, after the literal account id, and through Fn::Base64', () => {
      // GIVEN the same 32-character random literal, alone and with the account id (pseudo parameter or literal) added
      const spellings = [
        RANDOM,
        { 'Fn::Sub': `acme-\${AWS::AccountId}-${RANDOM}` },
        { 'Fn::Join': ['-', [{ Ref: 'AWS::AccountId' }, RANDOM]] },
        `acme-${STACK_ACCOUNT}-${RANDOM}`,
        { 'Fn::Base64': { 'Fn::Sub': `\${AWS::AccountId}-${RANDOM}` } },
      ];
      // WHEN the rule runs THEN none is reported: the account id adds nothing to guess, and takes nothing away
      for (const value of spellings)
        expect({ value, compliance: run(value).compliance }).toEqual({
          value,
          compliance: NagRuleCompliance.COMPLIANT,
        });
    });

    test('a guessable literal is reported alone and with the account id added', () => {
      // GIVEN a short, well-known or empty literal part, alone and next to the account id or the region
      const spellings = [
        'vendor',
        { 'Fn::Sub': '${AWS::AccountId}-vendor' },
        'external-id',
        { 'Fn::Sub': '${AWS::AccountId}-external-id' },
        { 'Fn::Join': ['-', [{ Ref: 'AWS::AccountId' }, { Ref: 'AWS::Region' }]] },
        `x-${STACK_ACCOUNT}-y`,
        { 'Fn::Base64': { 'Fn::Sub': '${AWS::AccountId}-vendor' } },
      ];
      // WHEN the rule runs THEN each is reported
      for (const value of spellings) expect({ value, failed: run(value).failed }).toEqual({ value, failed: true });
    });

    test('a format of short constants around the account id and a published default is reported; a random part passes', () => {
      // GIVEN lweid:aws:v2:<name>:<account id>:<suffix> with the name and suffix parameters kept at their defaults
      // (published), and the same format with a 32-character random part written in the template
      const json = (suffix: string) =>
        roleTemplate(
          doc(
            withCondition({
              StringEquals: {
                'sts:ExternalId': {
                  'Fn::Join': [':', [{ 'Fn::Sub': 'lweid:aws:v2:${Name}:${AWS::AccountId}' }, { Ref: 'Suffix' }]],
                },
              },
            }),
          ),
          {
            Parameters: {
              Name: { Type: 'String', Default: 'laceworkalliances' },
              Suffix: { Type: 'String', Default: suffix },
            },
          },
        );
      // WHEN the rule runs THEN the constants-only value is reported: nothing in it is generated
      expect(runOnTemplate(ExternalIdWeakCondition, json('ExternalSuffix')).failed).toBe(true);
      // and a value whose non-public text is one random run passes alone and beside the account id
      expect(run({ 'Fn::Sub': `lweid:aws:v2:\${AWS::AccountId}:${RANDOM}` }).compliance).toBe(
        NagRuleCompliance.COMPLIANT,
      );
      expect(run(`lweid:aws:v2:${RANDOM}`).compliance).toBe(NagRuleCompliance.COMPLIANT);
    });

    test('the reason names the guessable part and what is wrong with the rest', () => {
      // GIVEN the account id plus "vendor"  WHEN the rule runs  THEN the reason says the text part is short
      expect(run({ 'Fn::Sub': '${AWS::AccountId}-vendor' }).detail).toMatch(/AWS::AccountId.*'-vendor'.*short/);
    });
  });

  describe("an ExternalId on a trust of the stack's own account only", () => {
    test('is no confused-deputy guard and is not judged; the same value for another account is reported', () => {
      // GIVEN the literal ExternalId "supply-me" on a trust of the own account root (as aws-cdk's integ-role writes it),
      // and on a trust of a foreign account
      const own = roleTemplate(
        doc(
          allow({ AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' } }, 'sts:AssumeRole', {
            StringEquals: { 'sts:ExternalId': 'supply-me' },
          }),
        ),
      );
      const foreign = roleTemplate(doc(withCondition({ StringEquals: { 'sts:ExternalId': 'supply-me' } })));
      // WHEN the rule runs THEN only the foreign trust is reported (there is no third party in the own account)
      expect(runOnTemplate(ExternalIdWeakCondition, own).compliance).toBe(NagRuleCompliance.COMPLIANT);
      expect(runOnTemplate(ExternalIdWeakCondition, foreign).failed).toBe(true);
    });

    test('an account of ownAccounts counts as own; the account id as ExternalId on an own trust is not judged either', () => {
      // GIVEN a trust of one of the user's accounts with ExternalId = the account id
      const json = roleTemplate(
        doc(
          allow({ AWS: 'arn:aws:iam::222222222222:root' }, 'sts:AssumeRole', {
            StringEquals: { 'sts:ExternalId': { Ref: 'AWS::AccountId' } },
          }),
        ),
      );
      // WHEN the rule runs with and without ownAccounts THEN it is reported only when the account is not the user's
      expect(runOnTemplate(ExternalIdWeakCondition, json, 'Role', { ownAccounts: ['222222222222'] }).compliance).toBe(
        NagRuleCompliance.COMPLIANT,
      );
      expect(runOnTemplate(ExternalIdWeakCondition, json).failed).toBe(true);
    });
  });
});
