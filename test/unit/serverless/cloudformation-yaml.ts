/** Reads CloudFormation YAML (short-form intrinsics such as !Sub and !If) into plain JSON form. */
import { readFile } from 'node:fs/promises';
import { parse, type Tags } from 'yaml';

const INTRINSICS = [
  'Ref',
  'Sub',
  'GetAtt',
  'If',
  'Equals',
  'Not',
  'And',
  'Or',
  'Join',
  'Select',
  'Split',
  'FindInMap',
  'Base64',
  'Cidr',
  'ImportValue',
  'GetAZs',
];

function fn(name: string) {
  return name === 'Ref' ? 'Ref' : `Fn::${name}`;
}

const customTags: Tags = INTRINSICS.flatMap((name) => [
  {
    tag: `!${name}`,
    resolve: (value: string) =>
      name === 'GetAtt' ? { [fn(name)]: value.split('.') } : { [fn(name)]: value },
  },
  {
    tag: `!${name}`,
    collection: 'seq' as const,
    resolve: (value: { toJSON(): unknown }) => ({ [fn(name)]: value.toJSON() }),
  },
  {
    tag: `!${name}`,
    collection: 'map' as const,
    resolve: (value: { toJSON(): unknown }) => ({ [fn(name)]: value.toJSON() }),
  },
]) as Tags;

/** Parses a CloudFormation (or serverless.yml) YAML file with its intrinsic-function tags. */
export async function readCloudFormationYaml(path: string): Promise<Record<string, unknown>> {
  return parse(await readFile(path, 'utf8'), { customTags }) as Record<string, unknown>;
}
