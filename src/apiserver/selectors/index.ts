export { SelectorError } from './errors.js';
export {
  compileLabelSelector,
  everythingLabels,
  labelSelectorFromObject,
  newRequirement,
  nothingLabels,
  parseLabelSelector,
  requirementMatches,
  requirementString,
  type LabelMatcher,
  type LabelOperator,
  type LabelRequirement,
  type LabelSelector,
  type LabelSelectorObject,
  type Labels,
} from './labels.js';
export {
  escapeFieldValue,
  everythingFields,
  parseFieldSelector,
  transformFieldSelector,
  unescapeFieldValue,
  type FieldOperator,
  type FieldRequirement,
  type FieldSelector,
  type FieldSet,
} from './fields.js';
export {
  compileFieldSelector,
  convertFieldLabel,
  fieldsOf,
  parseFieldSelectorFor,
  supportedFieldSelectors,
  type ObjectMatcher,
} from './field-sets.js';
