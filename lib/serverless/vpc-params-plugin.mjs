/**
 * An osls plugin of serverless.yml: checks the VPC params before anything is packaged (so before
 * any deploy). Set together, `vpcSubnetIds` and `vpcSecurityGroupIds` put the scan function in a
 * VPC; set alone, either would leave it outside while the user thinks it is in, so packaging
 * stops, naming the param. Each id is checked too: the template splits the lists at deploy time,
 * and a stray space or a wrong id would otherwise surface only as a failed stack update.
 * `vpcFunctions` must be `scanTarget` or `all`, and `all` needs the VPC params: without them every
 * function would stay outside while the user expects them in.
 * Plain JavaScript because osls loads plugins with Node's own loader.
 */

/** Lambda's VpcConfig limits and id formats (API reference, VpcConfig). */
const PARAMS = {
  vpcSubnetIds: {
    what: 'subnet',
    pattern: /^subnet-([0-9a-f]{8}|[0-9a-f]{17})$/,
    example: 'subnet-0123456789abcdef0',
    max: 16,
  },
  vpcSecurityGroupIds: {
    what: 'security group',
    pattern: /^sg-([0-9a-f]{8}|[0-9a-f]{17})$/,
    example: 'sg-0123456789abcdef0',
    max: 5,
  },
};

/** Which functions run in the VPC: the one that calls Kubernetes API servers, or every one. */
const VPC_FUNCTIONS = ['scanTarget', 'all'];

/**
 * The problems with the VPC params (none when both are empty or both are valid lists).
 * @param {Record<string, unknown>} values the params, as serverless.yml's custom.vpcParams resolves them
 * @returns {string[]}
 */
export function vpcParamProblems(values) {
  /** @type {Record<string, string[]>} */
  const lists = {};
  for (const name of Object.keys(PARAMS)) {
    const value = String(values?.[name] ?? '');
    lists[name] = value === '' ? [] : value.split(',');
  }
  const problems = [];
  for (const [name, { what, pattern, example, max }] of Object.entries(PARAMS)) {
    const ids = lists[name];
    for (const id of ids) {
      if (!pattern.test(id))
        problems.push(
          `${name}: ${JSON.stringify(id)} is not a ${what} id like ${example} (ids separated by commas, no spaces)`,
        );
    }
    if (ids.length > max) problems.push(`${name} lists ${ids.length} ${what}s; Lambda takes at most ${max}`);
    const repeated = ids.filter((id, index) => ids.indexOf(id) !== index);
    if (repeated.length > 0)
      problems.push(`${name} lists ${[...new Set(repeated)].join(', ')} more than once`);
  }
  const { vpcSubnetIds: subnets, vpcSecurityGroupIds: securityGroups } = lists;
  const functions = String(values?.vpcFunctions ?? 'scanTarget');
  if (!VPC_FUNCTIONS.includes(functions))
    problems.push(`vpcFunctions: ${JSON.stringify(functions)} is neither 'scanTarget' nor 'all'`);
  if (functions === 'all' && (subnets.length === 0 || securityGroups.length === 0))
    problems.push(
      'vpcFunctions is all but the VPC params are not both set: set vpcSubnetIds and vpcSecurityGroupIds',
    );
  if (subnets.length > 0 && securityGroups.length === 0)
    problems.push(
      'vpcSubnetIds is set but vpcSecurityGroupIds is empty: set both to run in a VPC, or neither',
    );
  if (securityGroups.length > 0 && subnets.length === 0)
    problems.push(
      'vpcSecurityGroupIds is set but vpcSubnetIds is empty: set both to run in a VPC, or neither',
    );
  return problems;
}

export default class VpcParamsPlugin {
  /** @param {{ service: { custom?: { vpcParams?: Record<string, unknown> } }, classes: { Error: new (message: string) => Error } }} serverless */
  constructor(serverless) {
    this.hooks = {
      'before:package:initialize': () => {
        const problems = vpcParamProblems(serverless.service.custom?.vpcParams ?? {});
        if (problems.length > 0)
          throw new serverless.classes.Error(`Invalid VPC params:\n  ${problems.join('\n  ')}`);
      },
    };
  }
}
