import { CfnOutput, RemovalPolicy, Stack, StackProps, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { CognitoIdentityPool } from '../../lib/federation/cognito/cognito-identity-pool';
import { CognitoIdentityPoolRole } from '../../lib/federation/cognito/cognito-identity-pool-role';
import {
  AmbiguousRoleResolution,
  ClaimMatchType,
  CognitoLoginProvider,
  CognitoRoleMapping,
} from '../../lib/federation/cognito/cognito-role-mapping';

/**
 * A Cognito app in the dev account (222222222222): a user pool (MFA required), an identity pool with
 * both roles, and a role per user pool group.
 *
 * - Guests (unauthenticated identities) may read the public `Catalog` table, nothing else.
 * - Signed-in users may read the catalog and read and write their own items of `Notes` (partition key =
 *   their Cognito identity id).
 * - Members of the `admins` user pool group get the `Admins` role (by the `cognito:groups` claim): they
 *   may also edit the catalog.
 */
export class CognitoAppStack extends Stack {
  public readonly userPool: cognito.UserPool;
  public readonly client: cognito.UserPoolClient;
  public readonly identityPool: CognitoIdentityPool;
  public readonly admins: CognitoIdentityPoolRole;
  public readonly catalog: dynamodb.Table;
  public readonly notes: dynamodb.Table;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props);

    this.userPool = new cognito.UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireUppercase: true,
        requireLowercase: true,
        requireDigits: true,
        requireSymbols: true,
      },
      featurePlan: cognito.FeaturePlan.PLUS,
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.client = this.userPool.addClient('Web', { generateSecret: false, authFlows: { userSrp: true } });
    new cognito.CfnUserPoolGroup(this, 'AdminsGroup', {
      userPoolId: this.userPool.userPoolId,
      groupName: 'admins',
      description: 'Catalog editors',
    });

    const table = (tableId: string, partitionKey: string) =>
      new dynamodb.Table(this, tableId, {
        partitionKey: { name: partitionKey, type: dynamodb.AttributeType.STRING },
        billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        removalPolicy: RemovalPolicy.DESTROY,
      });
    this.catalog = table('Catalog', 'itemId');
    this.notes = table('Notes', 'identityId');
    const readCatalog = new iam.PolicyStatement({
      sid: 'ReadCatalog',
      actions: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchGetItem'],
      resources: [this.catalog.tableArn],
    });

    this.identityPool = new CognitoIdentityPool(this, 'Pool', {
      identityPoolName: 'CognitoApp',
      userPools: [{ userPool: this.userPool, userPoolClient: this.client }],
      allowGuestAccess: true,
      guestRole: { roleName: 'CognitoAppGuests', statements: [readCatalog] },
      authenticatedRole: {
        roleName: 'CognitoAppUsers',
        statements: [
          readCatalog,
          new iam.PolicyStatement({
            sid: 'OwnNotesOnly',
            actions: [
              'dynamodb:GetItem',
              'dynamodb:Query',
              'dynamodb:PutItem',
              'dynamodb:UpdateItem',
              'dynamodb:DeleteItem',
            ],
            resources: [this.notes.tableArn],
            conditions: {
              'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['${cognito-identity.amazonaws.com:sub}'] },
            },
          }),
        ],
      },
    });
    this.admins = this.identityPool.addRole('Admins', {
      roleName: 'CognitoAppAdmins',
      statements: [
        readCatalog,
        new iam.PolicyStatement({
          sid: 'EditCatalog',
          actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
          resources: [this.catalog.tableArn],
        }),
      ],
    });
    this.identityPool.addRoleMapping(
      CognitoRoleMapping.fromRules(
        CognitoLoginProvider.userPool(this.userPool, this.client),
        [{ claim: 'cognito:groups', matchType: ClaimMatchType.CONTAINS, value: 'admins', role: this.admins }],
        // Users outside every rule get the pool's default authenticated role.
        { ambiguousRoleResolution: AmbiguousRoleResolution.AUTHENTICATED_ROLE },
      ),
    );
    const guestReason =
      'Guests may read the public catalog, nothing else: the guest role allows three read-only DynamoDB actions on one table, which CognitoIdentityPoolRole checks at synth.';
    Validations.of(this.identityPool).acknowledge({ id: 'AwsSolutions-COG7', reason: guestReason });
    Validations.of(this.identityPool).acknowledge({ id: 'StsChecks-CognitoGuestAccessEnabled', reason: guestReason });

    new CfnOutput(this, 'IdentityPoolId', { value: this.identityPool.identityPoolId });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.client.userPoolClientId });
  }
}
