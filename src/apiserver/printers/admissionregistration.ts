/** Printers of the admissionregistration.k8s.io group. */
import { age, ageColumn, column, nameColumn } from './columns.js';
import { at, isObject, list, name, obj, str } from './json.js';
import { labelSelectorGoString } from './labels.js';
import type { GroupPrinters, Json, Printer } from './types.js';

const WEBHOOKS = 'Webhooks indicates the number of webhooks registered in this configuration';
const PARAM_KIND = 'ParamKind specifies the kind of resources used to parameterize this policy';
const POLICY_NAME = 'PolicyName indicates the policy definition which the policy binding binded to';
const PARAM_REF = 'ParamRef indicates the param resource which sets the configration param';

const webhookConfiguration: Printer = {
  columns: [nameColumn, column('Webhooks', 'integer', WEBHOOKS), ageColumn],
  row(o, now) {
    return { cells: [name(o), list(o['webhooks']).length, age(o, now)] };
  },
};

function paramKind(spec: Json): string {
  const kind = spec['paramKind'];
  return isObject(kind) ? `${str(kind['apiVersion'])}/${str(kind['kind'])}` : '<unset>';
}

function policyPrinter(countColumn: string, description: string, field: string): Printer {
  return {
    columns: [nameColumn, column(countColumn, 'integer', description), column('ParamKind', 'string', PARAM_KIND), ageColumn],
    row(o, now) {
      const spec = obj(o['spec']);
      return { cells: [name(o), list(spec[field]).length, paramKind(spec), age(o, now)] };
    },
  };
}

/** `namespace/name`, `*\/name` when the namespace is left to the binding, or the selector. */
function paramRef(spec: Json): string {
  const ref = spec['paramRef'];
  if (!isObject(ref)) return '<unset>';
  const refName = str(ref['name']);
  if (refName !== '') {
    const ns = str(ref['namespace']);
    return ns !== '' ? `${ns}/${refName}` : `*/${refName}`;
  }
  const selector = ref['selector'];
  return isObject(selector) ? labelSelectorGoString(selector) : '<unset>';
}

const policyBinding: Printer = {
  columns: [
    nameColumn,
    column('PolicyName', 'string', POLICY_NAME),
    column('ParamRef', 'string', PARAM_REF),
    ageColumn,
  ],
  row(o, now) {
    const spec = obj(o['spec']);
    return { cells: [name(o), str(at(spec, 'policyName')), paramRef(spec), age(o, now)] };
  },
};

export const admissionregistrationPrinters: GroupPrinters = {
  group: 'admissionregistration.k8s.io',
  kinds: {
    MutatingWebhookConfiguration: webhookConfiguration,
    ValidatingWebhookConfiguration: webhookConfiguration,
    ValidatingAdmissionPolicy: policyPrinter(
      'Validations',
      'Validations indicates the number of validation rules defined in this configuration',
      'validations',
    ),
    ValidatingAdmissionPolicyBinding: policyBinding,
    MutatingAdmissionPolicy: policyPrinter(
      'Mutations',
      'Mutation indicates the number of mutations rules defined in this configuration',
      'mutations',
    ),
    MutatingAdmissionPolicyBinding: policyBinding,
  },
};
