import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { SamlIdentityProvider } from '../../../lib/federation/saml/saml-identity-provider';

const FIXTURE = path.join(__dirname, '../../../examples/federation/fixtures/idp-metadata.xml');

/** Well-formed IdP metadata padded to exactly `length` characters. */
function metadata(length: number): string {
  const head =
    '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com">' +
    '<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"></md:IDPSSODescriptor><!--';
  const tail = '--></md:EntityDescriptor>';
  return head + 'x'.repeat(length - head.length - tail.length) + tail;
}

function stack(): Stack {
  return new Stack(new App(), 'Identity', { env: { account: '111111111111', region: 'eu-west-1' } });
}

describe('SamlIdentityProvider', () => {
  test('creates an AWS::IAM::SAMLProvider from a metadata file, with its name', () => {
    // GIVEN
    const s = stack();
    // WHEN
    const idp = new SamlIdentityProvider(s, 'Idp', {
      name: 'CorporateIdp',
      metadataDocument: iam.SamlMetadataDocument.fromFile(FIXTURE),
    });
    // THEN
    Template.fromStack(s).hasResourceProperties('AWS::IAM::SAMLProvider', {
      Name: 'CorporateIdp',
      SamlMetadataDocument: iam.SamlMetadataDocument.fromFile(FIXTURE).xml,
    });
    expect(idp.node.defaultChild).toBeDefined();
    expect((idp.node.defaultChild as iam.CfnSAMLProvider).node.id).toBe('Resource');
    expect(idp.providerName).toBe('CorporateIdp');
  });

  test('without a name, CloudFormation names the provider', () => {
    // GIVEN
    const s = stack();
    // WHEN
    new SamlIdentityProvider(s, 'Idp', { metadataDocument: iam.SamlMetadataDocument.fromXml(metadata(1000)) });
    // THEN
    const providers = Template.fromStack(s).findResources('AWS::IAM::SAMLProvider');
    expect(Object.values(providers)[0].Properties.Name).toBeUndefined();
  });

  test.each([
    [1000, true],
    [999, false],
    [10_000_000, true],
    [10_000_001, false],
  ])('metadata of %d characters: accepted=%s', (length, ok) => {
    // GIVEN
    const s = stack();
    // WHEN
    const create = () =>
      new SamlIdentityProvider(s, 'Idp', { metadataDocument: iam.SamlMetadataDocument.fromXml(metadata(length)) });
    // THEN
    if (ok) {
      expect(create).not.toThrow();
    } else {
      expect(create).toThrow(
        `Identity/Idp: invalid SAML metadata document: received '${length} characters'; ` +
          'expected from 1000 to 10000000 characters (the limits of iam:CreateSAMLProvider).',
      );
    }
  });

  test('rejects a document that is not IdP metadata (a service provider descriptor)', () => {
    // GIVEN
    const sp = metadata(1200).replace(/IDPSSODescriptor/g, 'SPSSODescriptor');
    // WHEN / THEN
    expect(
      () => new SamlIdentityProvider(stack(), 'Idp', { metadataDocument: iam.SamlMetadataDocument.fromXml(sp) }),
    ).toThrow(
      /Identity\/Idp: invalid SAML metadata document: received '<md:EntityDescriptor.*expected SAML 2.0 identity provider metadata: an 'EntityDescriptor' element holding an 'IDPSSODescriptor'/,
    );
  });

  test('rejects a document that is not SAML metadata at all', () => {
    // GIVEN
    const html = '<html><body>' + 'x'.repeat(1200) + '</body></html>';
    // WHEN / THEN
    expect(
      () => new SamlIdentityProvider(stack(), 'Idp', { metadataDocument: iam.SamlMetadataDocument.fromXml(html) }),
    ).toThrow(
      /invalid SAML metadata document: received '<html><body>xxx.*expected SAML 2.0 identity provider metadata/,
    );
  });

  test('accepts metadata without namespace prefixes', () => {
    // GIVEN
    const plain = metadata(1500).replace(/md:/g, '').replace('xmlns:md=', 'xmlns=');
    // WHEN / THEN
    expect(
      () => new SamlIdentityProvider(stack(), 'Idp', { metadataDocument: iam.SamlMetadataDocument.fromXml(plain) }),
    ).not.toThrow();
  });

  test.each([
    ['a'.repeat(128), true],
    ['a'.repeat(129), false],
    ['Corp.Idp_1-x', true],
    ['Corp Idp', false],
    ['Corp+Idp', false],
    ['', false],
  ])('provider name %p: accepted=%s', (name, ok) => {
    // WHEN
    const create = () =>
      new SamlIdentityProvider(stack(), 'Idp', {
        name,
        metadataDocument: iam.SamlMetadataDocument.fromXml(metadata(1000)),
      });
    // THEN
    if (ok) expect(create).not.toThrow();
    else
      expect(create).toThrow(
        /Identity\/Idp: invalid SAML provider name: received '.*'( \(\d+ characters\))?; expected 1 to 128 characters of letters, digits and \. _ -\./,
      );
  });

  test('exposes the AWS limits', () => {
    expect(SamlIdentityProvider.METADATA_MIN_LENGTH).toBe(1000);
    expect(SamlIdentityProvider.METADATA_MAX_LENGTH).toBe(10_000_000);
  });
});
