/**
 * AWS::SecretsManager::Secret (GenerateSecretString really generates) and CloudFormation dynamic references
 * (`{{resolve:secretsmanager:...}}`) resolved into an IAM user's login profile.
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { GetLoginProfileCommand, IAMClient } from '@aws-sdk/client-iam';
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { EmulatorHandle } from '../../scripts/emulator/emulator';
import {
  Template,
  clone,
  createStack,
  deleteStack,
  loginPasswordMatches,
  sdkConfig,
  startTestEmulator,
  updateStack,
} from './helpers';

const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

let emulator: EmulatorHandle;
let cfn: CloudFormationClient;
let sm: SecretsManagerClient;
let iam: IAMClient;

beforeAll(async () => {
  emulator = await startTestEmulator();
  cfn = new CloudFormationClient(sdkConfig(emulator.endpoint));
  sm = new SecretsManagerClient(sdkConfig(emulator.endpoint));
  iam = new IAMClient(sdkConfig(emulator.endpoint));
}, 60_000);

afterAll(async () => {
  await emulator?.stop();
}, 20_000);

async function secretString(secretId: string): Promise<string> {
  return (await sm.send(new GetSecretValueCommand({ SecretId: secretId }))).SecretString!;
}

async function secretNames(): Promise<string[]> {
  return (await sm.send(new ListSecretsCommand({}))).SecretList!.map((s) => s.Name!);
}

describe('AWS::SecretsManager::Secret', () => {
  const original: Template = {
    Resources: {
      Plain: {
        Type: 'AWS::SecretsManager::Secret',
        Properties: { Name: 'plain', Description: 'v1', SecretString: 'hello', Tags: [{ Key: 'k', Value: 'v' }] },
      },
      Default: { Type: 'AWS::SecretsManager::Secret', Properties: { GenerateSecretString: {} } },
      Login: {
        Type: 'AWS::SecretsManager::Secret',
        Properties: {
          GenerateSecretString: {
            SecretStringTemplate: '{"username":"alice"}',
            GenerateStringKey: 'password',
            PasswordLength: 24,
            ExcludeCharacters: 'aeiouAEIOU0',
          },
        },
      },
      Alnum: {
        Type: 'AWS::SecretsManager::Secret',
        Properties: { GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true, ExcludeUppercase: true } },
      },
    },
    Outputs: {
      Plain: { Value: { Ref: 'Plain' } },
      PlainId: { Value: { 'Fn::GetAtt': ['Plain', 'Id'] } },
      Default: { Value: { Ref: 'Default' } },
      Login: { Value: { Ref: 'Login' } },
      Alnum: { Value: { Ref: 'Alnum' } },
    },
  };
  let outputs: Record<string, string>;

  beforeAll(async () => {
    const result = await createStack(cfn, 'secrets', original);
    expect(result.status).toBe('CREATE_COMPLETE');
    outputs = result.outputs;
  }, 30_000);

  test('Ref and Fn::GetAtt Id are the ARN, and DescribeSecret finds it with its description and tags', async () => {
    // WHEN
    const described = await sm.send(new DescribeSecretCommand({ SecretId: 'plain' }));
    // THEN
    expect(outputs.Plain).toMatch(/^arn:aws:secretsmanager:us-east-1:123456789012:secret:plain-[A-Za-z]{6}$/);
    expect(outputs.PlainId).toBe(outputs.Plain);
    expect(described).toMatchObject({
      ARN: outputs.Plain,
      Name: 'plain',
      Description: 'v1',
      Tags: [{ Key: 'k', Value: 'v' }],
    });
    expect(await secretString('plain')).toBe('hello');
  });

  test('an unnamed secret is named "<LogicalId>-<random>" and gets a 32-character password by default', async () => {
    const described = await sm.send(new DescribeSecretCommand({ SecretId: outputs.Default }));
    const password = await secretString(outputs.Default);
    expect(described.Name).toMatch(/^Default-[A-Z0-9]{12}$/);
    expect(password).toHaveLength(32);
    // RequireEachIncludedType (default true): lowercase, uppercase, digit and punctuation all present
    expect(password).toMatch(/[a-z]/);
    expect(password).toMatch(/[A-Z]/);
    expect(password).toMatch(/[0-9]/);
    expect([...password].some((c) => PUNCTUATION.includes(c))).toBe(true);
  });

  test('SecretStringTemplate + GenerateStringKey, PasswordLength and ExcludeCharacters are honored', async () => {
    const value = JSON.parse(await secretString(outputs.Login));
    expect(Object.keys(value).sort()).toEqual(['password', 'username']);
    expect(value.username).toBe('alice');
    expect(value.password).toHaveLength(24);
    expect(value.password).not.toMatch(/[aeiouAEIOU0]/);
  });

  test('ExcludePunctuation and ExcludeUppercase are honored', async () => {
    const password = await secretString(outputs.Alnum);
    expect(password).toHaveLength(64);
    expect(password).toMatch(/^[a-z0-9]+$/);
    expect(password).toMatch(/[a-z]/);
    expect(password).toMatch(/[0-9]/);
  });

  test('two generated secrets differ', async () => {
    expect(await secretString(outputs.Default)).not.toBe(await secretString(outputs.Alnum));
  });

  test('an update changes the value and description; a new GenerateSecretString regenerates; deleting removes all', async () => {
    // GIVEN
    const before = JSON.parse(await secretString(outputs.Login)).password as string;
    const updated = clone(original) as { Resources: Record<string, { Properties: Record<string, any> }> };
    updated.Resources.Plain.Properties.SecretString = 'world';
    updated.Resources.Plain.Properties.Description = 'v2';
    updated.Resources.Login.Properties.GenerateSecretString.PasswordLength = 30;
    // WHEN
    const result = await updateStack(cfn, 'secrets', updated as Template);
    // THEN
    expect(result.status).toBe('UPDATE_COMPLETE');
    expect(await secretString('plain')).toBe('world');
    expect((await sm.send(new DescribeSecretCommand({ SecretId: 'plain' }))).Description).toBe('v2');
    const after = JSON.parse(await secretString(outputs.Login)).password as string;
    expect(after).toHaveLength(30);
    expect(after).not.toBe(before);
    expect(result.outputs.Login).toBe(outputs.Login); // same secret, new value

    // WHEN
    await deleteStack(cfn, 'secrets');
    // THEN: deleted without a recovery window
    expect(await secretNames()).toEqual([]);
    await expect(sm.send(new DescribeSecretCommand({ SecretId: outputs.Plain }))).rejects.toThrow(
      /can't find the specified secret/i,
    );
  }, 20_000);

  test('invalid GenerateSecretString settings fail the resource with a clear reason', async () => {
    const result = await createStack(cfn, 'bad-secret', {
      Resources: {
        Tiny: { Type: 'AWS::SecretsManager::Secret', Properties: { GenerateSecretString: { PasswordLength: 3 } } },
      },
    });
    expect(result.status).toBe('ROLLBACK_COMPLETE');
    expect(result.events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          LogicalResourceId: 'Tiny',
          ResourceStatus: 'CREATE_FAILED',
          ResourceStatusReason:
            'EmulatorError: GenerateSecretString.PasswordLength 3 is too short to include each of the 4 required character types',
        }),
      ]),
    );
    expect(await secretNames()).toEqual([]);
    await deleteStack(cfn, 'bad-secret');
  }, 15_000);
});

describe('dynamic references', () => {
  test("a user's LoginProfile.Password from {{resolve:secretsmanager:<arn>:SecretString:password}} gets the generated password", async () => {
    // GIVEN: what CDK synthesizes for SecretValue.secretsManager(secret.secretArn, { jsonField: 'password' })
    const template: Template = {
      Resources: {
        Secret: {
          Type: 'AWS::SecretsManager::Secret',
          Properties: {
            GenerateSecretString: { SecretStringTemplate: '{"username":"dana"}', GenerateStringKey: 'password' },
          },
        },
        Dana: {
          Type: 'AWS::IAM::User',
          Properties: {
            UserName: 'dana',
            LoginProfile: {
              Password: {
                'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: 'Secret' }, ':SecretString:password::}}']],
              },
              PasswordResetRequired: true,
            },
          },
        },
      },
      Outputs: { Secret: { Value: { Ref: 'Secret' } } },
    };
    // WHEN
    const result = await createStack(cfn, 'login', template);
    // THEN
    expect(result.status).toBe('CREATE_COMPLETE');
    const password = JSON.parse(await secretString(result.outputs.Secret)).password as string;
    expect(password).toHaveLength(32);
    expect(await loginPasswordMatches(emulator.endpoint, '123456789012', 'dana', password)).toBe(true);
    expect(await loginPasswordMatches(emulator.endpoint, '123456789012', 'dana', '{{resolve:secretsmanager:')).toBe(
      false,
    );
    const profile = await iam.send(new GetLoginProfileCommand({ UserName: 'dana' }));
    expect(profile.LoginProfile).toMatchObject({ UserName: 'dana', PasswordResetRequired: true });

    await deleteStack(cfn, 'login');
    expect(await secretNames()).toEqual([]);
  }, 15_000);

  test('a reference by literal name (Fn::Sub, whole SecretString) resolves even before the secret is otherwise needed', async () => {
    // GIVEN: the user comes first in the template and names the secret literally (no Ref, no DependsOn)
    const template: Template = {
      Resources: {
        Erin: {
          Type: 'AWS::IAM::User',
          Properties: {
            UserName: 'erin',
            LoginProfile: { Password: { 'Fn::Sub': '{{resolve:secretsmanager:${AWS::StackName}-pw}}' } },
          },
        },
        Secret: {
          Type: 'AWS::SecretsManager::Secret',
          Properties: { Name: 'literal-pw', GenerateSecretString: { ExcludePunctuation: true } },
        },
      },
    };
    // WHEN
    const result = await createStack(cfn, 'literal', template);
    // THEN
    expect(result.status).toBe('CREATE_COMPLETE');
    expect(
      await loginPasswordMatches(emulator.endpoint, '123456789012', 'erin', await secretString('literal-pw')),
    ).toBe(true);
    await deleteStack(cfn, 'literal');
  }, 15_000);

  test('a reference to a missing secret or JSON key fails the resource, naming what is missing', async () => {
    // WHEN
    const missingSecret = await createStack(cfn, 'missing', {
      Resources: {
        U: {
          Type: 'AWS::IAM::User',
          Properties: { LoginProfile: { Password: '{{resolve:secretsmanager:nope:SecretString:password}}' } },
        },
      },
    });
    const missingKey = await createStack(cfn, 'missing-key', {
      Resources: {
        S: { Type: 'AWS::SecretsManager::Secret', Properties: { Name: 'has-no-key', SecretString: '{"user":"x"}' } },
        U: {
          Type: 'AWS::IAM::User',
          DependsOn: 'S',
          Properties: { LoginProfile: { Password: '{{resolve:secretsmanager:has-no-key:SecretString:password}}' } },
        },
      },
    });
    // THEN
    const reasonOf = (
      events: { LogicalResourceId?: string; ResourceStatus?: string; ResourceStatusReason?: string }[],
    ) => events.find((e) => e.LogicalResourceId === 'U' && e.ResourceStatus === 'CREATE_FAILED')?.ResourceStatusReason;
    expect(missingSecret.status).toBe('ROLLBACK_COMPLETE');
    expect(reasonOf(missingSecret.events)).toBe(
      'EmulatorError: Dynamic reference {{resolve:secretsmanager:nope:SecretString:password}}: secret nope not found in account 123456789012 region us-east-1',
    );
    expect(missingKey.status).toBe('ROLLBACK_COMPLETE');
    expect(reasonOf(missingKey.events)).toBe(
      'EmulatorError: Dynamic reference {{resolve:secretsmanager:has-no-key:SecretString:password}}: secret has-no-key has no key password',
    );
    expect(await secretNames()).toEqual([]);
  }, 15_000);
});
