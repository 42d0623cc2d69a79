// Validation before the network, driven by the spec's parameter rules (generated metadata),
// so that a spec change moves the checks with it.
import { OPERATIONS, type OperationId } from './generated/metadata.js';
import { ValidationError } from './errors.js';

interface ParameterRule {
  readonly name: string;
  readonly in: string;
  readonly required: boolean;
  readonly type: string;
  readonly enum?: readonly string[];
  readonly minimum?: number;
  readonly minLength?: number;
}

/** Rejects, naming the parameter, any value the spec does not allow; also `.`/`..` in a path. */
export function validateParameters(operationId: OperationId, params: Record<string, unknown>): void {
  const operation = OPERATIONS[operationId];
  for (const rule of operation.parameters as readonly ParameterRule[]) {
    const value = params[rule.name];
    const where = `${operationId}: ${rule.name}`;
    if (value === undefined || value === null) {
      if (rule.required) throw new ValidationError(rule.name, `${where} is required`);
      continue;
    }
    if (rule.type === 'integer') {
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        throw new ValidationError(rule.name, `${where} must be an integer, got ${JSON.stringify(value)}`);
      }
      if (rule.minimum !== undefined && value < rule.minimum) {
        throw new ValidationError(rule.name, `${where} must be >= ${rule.minimum}, got ${value}`);
      }
      continue;
    }
    if (typeof value !== 'string') {
      throw new ValidationError(rule.name, `${where} must be a string, got ${typeof value}`);
    }
    if (rule.enum && !rule.enum.includes(value)) {
      throw new ValidationError(rule.name, `${where} must be one of ${rule.enum.join(', ')}, got ${JSON.stringify(value)}`);
    }
    if ((rule.minLength !== undefined || rule.required) && value.length < (rule.minLength ?? 1)) {
      throw new ValidationError(rule.name, `${where} must not be empty`);
    }
    if (rule.in === 'path' && (value === '.' || value === '..')) {
      throw new ValidationError(rule.name, `${where} cannot be "${value}": URL parsing would resolve it away and change the path`);
    }
  }
}

/** The names of an operation's parameters by location, to split a flat params object. */
export function parameterNames(operationId: OperationId, location: 'path' | 'query'): string[] {
  return (OPERATIONS[operationId].parameters as readonly ParameterRule[]).filter((p) => p.in === location).map((p) => p.name);
}
