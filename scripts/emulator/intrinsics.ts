/**
 * Intrinsic functions the emulator's CloudFormation (moto 5.2.1, `clean_json` and `parse_condition` in
 * moto/cloudformation/parsing.py) cannot resolve. moto passes an unknown `Fn::*` through as an object, and a `Ref` to
 * a name it does not know as nothing, so the resource would be created with a wrong value or fail half-way through a
 * deploy; a deploy command should refuse such a template first, naming the intrinsic and where it is.
 */

/** Resolved by moto inside resource properties and outputs. */
export const EMULATOR_INTRINSICS: ReadonlySet<string> = new Set([
  'Ref',
  'Fn::GetAtt',
  'Fn::Join',
  'Fn::Split',
  'Fn::Select',
  'Fn::Sub',
  'Fn::If',
  'Fn::FindInMap',
  'Fn::ImportValue',
  'Fn::GetAZs',
  'Fn::Base64',
  'Fn::ToJsonString',
]);

/** Resolved by moto inside the Conditions section (plus the value functions above). */
const CONDITION_FUNCTIONS: ReadonlySet<string> = new Set([
  ...EMULATOR_INTRINSICS,
  'Fn::Equals',
  'Fn::Not',
  'Fn::And',
  'Fn::Or',
  'Condition',
]);

/** Pseudo parameters moto knows (ResourceMap's defaults). */
export const EMULATOR_PSEUDO_PARAMETERS: ReadonlySet<string> = new Set([
  'AWS::AccountId',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
  'AWS::NoValue',
  'AWS::Partition',
]);

export interface UnresolvableIntrinsic {
  /** Index of the template in the list given. */
  readonly templateIndex: number;
  /** Where: `Resources.Admin.Properties.AssumeRolePolicyDocument...` */
  readonly path: string;
  /** `Fn::GetStackOutput`, `Ref AWS::NotificationARNs`, `Fn::GetAtt Missing.Arn`... */
  readonly intrinsic: string;
  readonly reason: string;
}

/**
 * Every intrinsic in `templates` the emulator cannot resolve: functions it does not implement (`Fn::GetStackOutput`,
 * `Fn::Cidr`, `Fn::Length`, `Fn::ForEach`...), and `Ref`/`Fn::GetAtt`/`Fn::Sub` names that are neither a resource, a
 * parameter nor a pseudo parameter it knows.
 */
export function unresolvableIntrinsics(templates: ReadonlyArray<any>): UnresolvableIntrinsic[] {
  const found: UnresolvableIntrinsic[] = [];
  templates.forEach((template, templateIndex) => {
    const known = new Set([
      ...Object.keys(template?.Resources ?? {}),
      ...Object.keys(template?.Parameters ?? {}),
      ...EMULATOR_PSEUDO_PARAMETERS,
    ]);
    const report = (path: string, intrinsic: string, reason: string) =>
      found.push({ templateIndex, path, intrinsic, reason });
    const checkName = (path: string, fn: string, name: string) => {
      const target = fn === 'Fn::GetAtt' ? name.split('.')[0] : name;
      if (!known.has(target)) {
        report(
          path,
          `${fn} ${name}`,
          target.startsWith('AWS::')
            ? 'the emulator does not know this pseudo parameter'
            : 'no resource or parameter of the template has this name',
        );
      }
    };
    const walk = (node: unknown, path: string, allowed: ReadonlySet<string>): void => {
      if (Array.isArray(node)) {
        node.forEach((item, i) => walk(item, `${path}[${i}]`, allowed));
        return;
      }
      if (node === null || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
        const here = path ? `${path}.${key}` : key;
        if (key === 'Ref' || key.startsWith('Fn::') || (allowed === CONDITION_FUNCTIONS && key === 'Condition')) {
          if (!allowed.has(key)) {
            report(here, key, "the emulator's CloudFormation does not implement this intrinsic function");
            continue;
          }
          if (key === 'Ref' && typeof value === 'string') checkName(here, 'Ref', value);
          if (key === 'Fn::GetAtt') {
            const name = Array.isArray(value) ? `${value[0]}.${value[1]}` : String(value);
            checkName(here, 'Fn::GetAtt', name);
          }
          if (key === 'Fn::Sub') {
            const text = Array.isArray(value) ? value[0] : value;
            const locals = new Set(
              Array.isArray(value) && value[1] && typeof value[1] === 'object' ? Object.keys(value[1]) : [],
            );
            if (typeof text === 'string') {
              for (const m of text.matchAll(/\$\{([^!}][^}]*)\}/g)) {
                if (!locals.has(m[1])) checkName(here, m[1].includes('.') ? 'Fn::GetAtt' : 'Ref', m[1]);
              }
            }
          }
        }
        walk(value, here, allowed);
      }
    };
    walk(template?.Conditions ?? {}, 'Conditions', CONDITION_FUNCTIONS);
    walk(template?.Resources ?? {}, 'Resources', EMULATOR_INTRINSICS);
    walk(template?.Outputs ?? {}, 'Outputs', EMULATOR_INTRINSICS);
  });
  return found;
}
