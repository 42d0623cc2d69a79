// Lint rules of our own for redocly: what a rule of the assertion kind cannot say.

/** Every operation names the RAM action of its reference page (`x-acs-ram.action`, `opensearch:...`). */
function OperationRamAction() {
  return {
    Operation(operation, { report, location }) {
      const ram = operation['x-acs-ram'];
      const action = ram && typeof ram === 'object' ? ram.action : undefined;
      if (typeof action === 'string' && /^opensearch:[A-Z][A-Za-z0-9]+$/.test(action)) return;
      report({
        message:
          'Every operation needs `x-acs-ram.action`, the RAM action (`opensearch:<Action>`) its reference page names.',
        location: ram ? location.child(['x-acs-ram']) : location,
      });
    },
  };
}

/** The one way to write "all resources", and the access levels of the reference pages. */
export const ALL_RESOURCES = 'acs:opensearch:{#regionId}:{#accountId}:*';
export const ACCESS_LEVELS = ['create', 'delete', 'get', 'list', 'update', 'read', 'write'];

/**
 * `x-acs-ram` is written one way: an operation that cannot be granted on a single resource has
 * `resourceType: All` and `resource: acs:opensearch:{#regionId}:{#accountId}:*` (never a bare `*`),
 * and its access level is one of the reference's, in lower case.
 */
function OperationRamConvention() {
  return {
    Operation(operation, { report, location }) {
      const ram = operation['x-acs-ram'];
      if (!ram || typeof ram !== 'object') return;
      const at = location.child(['x-acs-ram']);
      // A named resource type may be granted on every resource of its type (`...:*`); "All" is only ever the ARN.
      if ((ram.resourceType === 'All' && ram.resource !== ALL_RESOURCES) || ram.resource === '*')
        report({
          message:
            `"All resources" is written \`resourceType: All\` with \`resource: "${ALL_RESOURCES}"\`, never a bare ` *
            ` (got resourceType ${JSON.stringify(ram.resourceType)}, resource ${JSON.stringify(ram.resource)}).`,
          location: at,
        });
      if (!ACCESS_LEVELS.includes(ram.accessLevel))
        report({
          message: `\`x-acs-ram.accessLevel\` is one of ${ACCESS_LEVELS.join(', ')} (the reference page's, in lower case); got ${JSON.stringify(ram.accessLevel)}.`,
          location: at,
        });
    },
  };
}

export default function acsRules() {
  return {
    id: 'acs',
    rules: { oas3: { 'operation-ram-action': OperationRamAction, 'operation-ram-convention': OperationRamConvention } },
  };
}
