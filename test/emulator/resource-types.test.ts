import { execFileSync } from 'node:child_process';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import {
  emulatorSupportedTypes,
  supportedResourceTypes,
  supportedTypesReport,
  unsupportedResources,
  unsupportedResourceTypes,
} from '../../scripts/emulator/resource-types';
import { startTestEmulator } from './helpers';

/** The types this library uses that moto 5.2.1's CloudFormation lacks or gets wrong, implemented by sts_kit_moto. */
const EXTENDED = [
  'AWS::CDK::Metadata',
  'AWS::CloudFormation::StackSet',
  'AWS::Cognito::IdentityPool',
  'AWS::Cognito::IdentityPoolRoleAttachment',
  'AWS::Cognito::UserPool',
  'AWS::Cognito::UserPoolClient',
  'AWS::Cognito::UserPoolGroup',
  'AWS::IAM::AccessKey',
  'AWS::IAM::Group',
  'AWS::IAM::GroupPolicy',
  'AWS::IAM::InstanceProfile',
  'AWS::IAM::ManagedPolicy',
  'AWS::IAM::OIDCProvider',
  'AWS::IAM::Policy',
  'AWS::IAM::Role',
  'AWS::IAM::RolePolicy',
  'AWS::IAM::SAMLProvider',
  'AWS::IAM::User',
  'AWS::IAM::UserPolicy',
  'AWS::IAM::UserToGroupAddition',
  'AWS::SecretsManager::Secret',
];

function template(types: Record<string, string>) {
  return { Resources: Object.fromEntries(Object.entries(types).map(([id, Type]) => [id, { Type, Properties: {} }])) };
}

describe('supported resource types', () => {
  test('python3 -m sts_kit_moto.supported_types reports moto 5.2.x, the extended types and all creatable types', () => {
    // WHEN
    const report = supportedTypesReport();
    // THEN
    expect(report.moto).toMatch(/^5\.2\./);
    expect(report.extended).toEqual(EXTENDED);
    expect(report.supported).toEqual(
      expect.arrayContaining([...EXTENDED, 'AWS::S3::Bucket', 'AWS::SSM::Parameter', 'AWS::Logs::LogGroup']),
    );
    expect(report.supported).toEqual([...report.supported].sort());
    expect(report.supported.every((t) => /^[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+$/.test(t))).toBe(true);
  }, 30_000);

  test('a running emulator answers the same report at /sts-kit/supported-types', async () => {
    // GIVEN an emulator
    const emulator = await startTestEmulator();
    try {
      // WHEN asked over HTTP  THEN it reports what python3 -m sts_kit_moto.supported_types prints
      expect(await emulatorSupportedTypes(emulator.endpoint)).toEqual(supportedTypesReport());
    } finally {
      await emulator.stop();
    }
  }, 60_000);

  test('asking something that is not the emulator fails, naming the address', async () => {
    // GIVEN a server that answers 404 to everything, and a port nothing listens on
    const server = http.createServer((_req, res) => res.writeHead(404).end('not here'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    try {
      // WHEN / THEN
      await expect(emulatorSupportedTypes(`http://127.0.0.1:${port}`)).rejects.toThrow(
        `http://127.0.0.1:${port}/sts-kit/supported-types answered 404 without a list of supported types: is this a cdk-sts-kit emulator?`,
      );
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    await expect(emulatorSupportedTypes(`http://127.0.0.1:${port}`)).rejects.toThrow(
      `The emulator at http://127.0.0.1:${port} did not answer http://127.0.0.1:${port}/sts-kit/supported-types`,
    );
  });

  test('supportedResourceTypes returns a copy the caller may change', () => {
    const types = supportedResourceTypes();
    types.length = 0;
    expect(supportedResourceTypes().length).toBeGreaterThan(EXTENDED.length);
  }, 30_000);
});

describe("sts_kit_moto's install(): lighter moto imports, shared lookups", () => {
  // one fresh interpreter: moto's own answers first, then the emulator's extensions installed, then the same questions
  const SCRIPT = [
    'import json, os, boto3, moto.utilities.utils as mutil, moto.backends as mb, moto.core.utils as mu',
    'session_class, load = boto3.Session, mutil.load_resource',
    'modules_before = list(mb.list_of_moto_modules())',
    'model_before = mu.create_loader().load_service_model("iam", "service-2")',
    'import sts_kit_moto; sts_kit_moto.install()',
    'from moto.ec2.models.instance_types import INSTANCE_TYPE_OFFERINGS, INSTANCE_TYPES',
    'from moto.ec2.models.availability_zones_and_regions import RegionsAndZonesBackend as R',
    'calls = []',
    'real_listdir = os.listdir',
    'os.listdir = lambda p=".": calls.append(p) or real_listdir(p)',
    'modules_after = [list(mb.list_of_moto_modules()) for _ in range(3)]',
    'listings = len([c for c in calls if os.path.basename(str(c).rstrip("/")) == "moto"])',
    'loaders = {id(mu.create_loader()) for _ in range(3)}',
    'model_after = mu.create_loader().load_service_model("iam", "service-2")',
    'print(json.dumps({"lighter": {',
    '  "restored": boto3.Session is session_class and mutil.load_resource is load,',
    '  "offerings": sum(len(v) for t in INSTANCE_TYPE_OFFERINGS.values() for v in t.values()),',
    '  "instanceTypes": len(INSTANCE_TYPES) > 100,',
    '  "regions": sorted({r.name for r in R.regions} & {"us-east-1", "eu-west-1", "us-gov-west-1", "cn-north-1"}),',
    '}, "shared": {',
    '  "modulesSame": all(m == modules_before for m in modules_after),',
    '  "modules": len(modules_before) > 100 and "iam" in modules_before and "cloudformation" in modules_before,',
    '  "listings": listings,',
    '  "loaders": len(loaders),',
    '  "modelSame": model_after == model_before,',
    '}}))',
  ].join('\n');
  let result: { lighter: unknown; shared: unknown };

  beforeAll(() => {
    result = JSON.parse(
      execFileSync('python3', ['-c', SCRIPT], {
        cwd: path.resolve(__dirname, '..', '..', 'scripts', 'emulator'),
        encoding: 'utf8',
      }),
    );
  }, 30_000);

  test('skip EC2 instance-type offerings and share one boto3 session while moto is imported, then undo both', () => {
    // THEN the patches are gone afterwards; offerings were skipped; the instance types and every partition's regions
    // are there as moto loads them
    expect(result.lighter).toEqual({
      restored: true,
      offerings: 0,
      instanceTypes: true,
      regions: ['cn-north-1', 'eu-west-1', 'us-east-1', 'us-gov-west-1'],
    });
  });

  test('moto lists its modules once and loads service models through one botocore loader, with the same answers', () => {
    // THEN moto's package directory is listed once for three routings, one loader serves every load, and the answers
    // are moto's own
    expect(result.shared).toEqual({ modulesSame: true, modules: true, listings: 1, loaders: 1, modelSame: true });
  });
});

describe('unsupportedResourceTypes', () => {
  const supported = ['AWS::IAM::Role', 'AWS::IAM::Group'];

  test('lists each type that would be skipped once, sorted, across templates given as objects or JSON text', () => {
    // GIVEN
    const templates = [
      template({ A: 'AWS::IAM::Role', B: 'AWS::CloudFormation::StackSet', C: 'AWS::SSO::PermissionSet' }),
      JSON.stringify(template({ D: 'AWS::CloudFormation::StackSet', E: 'AWS::IAM::Group' })),
    ];
    // WHEN / THEN
    expect(unsupportedResourceTypes(templates, supported)).toEqual([
      'AWS::CloudFormation::StackSet',
      'AWS::SSO::PermissionSet',
    ]);
  });

  test('custom resources are unsupported even though moto parses Custom:: types', () => {
    expect(
      unsupportedResourceTypes(
        [template({ X: 'Custom::AWSCDKOpenIdConnectProvider', Y: 'AWS::CloudFormation::CustomResource' })],
        supported,
      ),
    ).toEqual(['AWS::CloudFormation::CustomResource', 'Custom::AWSCDKOpenIdConnectProvider']);
  });

  test('is empty when every type is supported, or the template has no resources', () => {
    expect(unsupportedResourceTypes([template({ A: 'AWS::IAM::Role' }), {}], supported)).toEqual([]);
  });

  test('unsupportedResources names the template, the logical id and the reason', () => {
    expect(
      unsupportedResources(
        [template({ A: 'AWS::IAM::Role' }), template({ Set: 'AWS::CloudFormation::StackSet', Cr: 'Custom::Thing' })],
        supported,
      ),
    ).toEqual([
      {
        templateIndex: 1,
        logicalId: 'Set',
        type: 'AWS::CloudFormation::StackSet',
        reason: "moto's CloudFormation has no model for this type (it would be skipped)",
      },
      {
        templateIndex: 1,
        logicalId: 'Cr',
        type: 'Custom::Thing',
        reason: 'custom resources need a Lambda function, which the emulator does not run',
      },
    ]);
  });

  test("defaults to the emulator's own list: every type this library uses is supported", () => {
    expect(unsupportedResourceTypes([template(Object.fromEntries(EXTENDED.map((t, i) => [`R${i}`, t])))])).toEqual([]);
    expect(unsupportedResourceTypes([template({ S: 'AWS::SSO::PermissionSet' })])).toEqual(['AWS::SSO::PermissionSet']);
  }, 30_000);

  test('rejects something that is not a template', () => {
    expect(() => unsupportedResourceTypes([template({}), '[1]'], supported)).toThrow(
      'Template #1 is not a CloudFormation template object',
    );
  });
});
