import { GraphSource } from '../../lib/graph/build';

/** Role names of each workload account of the large app. */
export const LARGE_APP_ROLES = ['Admin', 'ReadOnly', 'Deploy', 'Billing', 'Support'];
export const LARGE_APP_IDENTITY = '100000000000';

/**
 * Templates of a large organisation, as the CDK writes them: one identity account whose groups may assume roles
 * in every workload account, and `accounts` workload accounts with five roles each trusting the identity account
 * with MFA; every tenth account also lets a vendor audit it with an ExternalId.
 */
export function largeAppTemplates(accounts: number): GraphSource[] {
  const workload = (i: number) => String(200000000000 + i);
  const mfa = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };
  const identity: GraphSource = {
    name: 'Identity.template.json',
    stackName: 'Org-Identity',
    account: LARGE_APP_IDENTITY,
    region: 'us-east-1',
    template: {
      Resources: {
        Admins: { Type: 'AWS::IAM::Group', Properties: { GroupName: 'Admins' } },
        Readers: { Type: 'AWS::IAM::Group', Properties: { GroupName: 'Readers' } },
        AdminsPolicy: {
          Type: 'AWS::IAM::ManagedPolicy',
          Properties: {
            Groups: [{ Ref: 'Admins' }],
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [
                { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::*:role/*', Condition: mfa },
              ],
            },
          },
        },
        ReadersPolicy: {
          Type: 'AWS::IAM::ManagedPolicy',
          Properties: {
            Groups: [{ Ref: 'Readers' }],
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [
                { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::*:role/ReadOnly', Condition: mfa },
              ],
            },
          },
        },
        Alice: { Type: 'AWS::IAM::User', Properties: { UserName: 'alice', Groups: [{ Ref: 'Admins' }] } },
        Bob: { Type: 'AWS::IAM::User', Properties: { UserName: 'bob', Groups: [{ Ref: 'Readers' }] } },
      },
    },
  };
  const out = [identity];
  for (let i = 0; i < accounts; i++) {
    const Resources: Record<string, unknown> = {};
    for (const name of LARGE_APP_ROLES) {
      Resources[`${name}Role`] = {
        Type: 'AWS::IAM::Role',
        Properties: {
          RoleName: name,
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: 'sts:AssumeRole',
                Principal: { AWS: `arn:aws:iam::${LARGE_APP_IDENTITY}:root` },
                Condition: mfa,
              },
            ],
          },
        },
      };
    }
    if (i % 10 === 0) {
      Resources.VendorAuditRole = {
        Type: 'AWS::IAM::Role',
        Properties: {
          RoleName: 'VendorAudit',
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: 'sts:AssumeRole',
                Principal: { AWS: 'arn:aws:iam::999999999999:root' },
                Condition: { StringEquals: { 'sts:ExternalId': `audit-${workload(i)}` } },
              },
            ],
          },
        },
      };
    }
    out.push({
      name: `Workload${i}.template.json`,
      stackName: `Org-W${i}`,
      account: workload(i),
      region: 'us-east-1',
      template: { Resources },
    });
  }
  return out;
}
