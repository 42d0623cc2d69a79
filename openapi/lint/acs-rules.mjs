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

export default function acsRules() {
  return {
    id: 'acs',
    rules: { oas3: { 'operation-ram-action': OperationRamAction } },
  };
}
