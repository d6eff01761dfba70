import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { errorString } from './errors.js';
import {
  isCIdentifier,
  isConfigMapKey,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isEnvVarName,
  isQualifiedName,
  isValidCIDR,
  isValidIP,
  isValidLabelValue,
  isValidPathSegmentName,
  isValidPercent,
  isValidPortName,
  isValidPortNum,
  isWildcardDNS1123Subdomain,
  parseCIDR,
  parseIP,
  cidrContains,
  isDualStackPair,
} from './strings.js';

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const QNAME_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

type Check = (v: string) => string[];
const table: [string, Check, string, string[]][] = [
  ['subdomain ok', isDNS1123Subdomain, 'a.b-c.d', []],
  ['subdomain upper', isDNS1123Subdomain, 'Abc', [SUBDOMAIN_MSG]],
  ['subdomain too long', isDNS1123Subdomain, 'a'.repeat(254), ['must be no more than 253 characters']],
  ['subdomain empty', isDNS1123Subdomain, '', [SUBDOMAIN_MSG]],
  ['label ok', isDNS1123Label, '123-abc', []],
  ['label with dots', isDNS1123Label, 'a.b', ['must not contain dots']],
  ['label underscore', isDNS1123Label, 'a_b', [LABEL_MSG]],
  ['label too long', isDNS1123Label, 'a'.repeat(64), ['must be no more than 63 characters']],
  ['label trailing dash', isDNS1123Label, 'a-', [LABEL_MSG]],
  ['1035 ok', isDNS1035Label, 'my-svc', []],
  ['1035 leading digit', isDNS1035Label, '1svc', [DNS1035_MSG]],
  ['qualified ok', isQualifiedName, 'example.com/My_Name.1', []],
  ['qualified bad name', isQualifiedName, 'a b', [QNAME_MSG]],
  ['qualified empty prefix', isQualifiedName, '/a', ['prefix part must be non-empty']],
  ['qualified bad prefix', isQualifiedName, 'Ex/a', [`prefix part ${SUBDOMAIN_MSG}`]],
  ['qualified empty name', isQualifiedName, 'a/', ['name part must be non-empty', QNAME_MSG]],
  ['qualified too long', isQualifiedName, 'a'.repeat(64), ['name part must be no more than 63 characters']],
  [
    'qualified two slashes',
    isQualifiedName,
    'a/b/c',
    [
      "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ],
  ],
  ['label value empty', isValidLabelValue, '', []],
  ['label value ok', isValidLabelValue, 'my_value-1.2', []],
  [
    'label value space',
    isValidLabelValue,
    'a b',
    [
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ],
  ],
  ['label value too long', isValidLabelValue, 'a'.repeat(64), ['must be no more than 63 characters']],
  ['configmap key ok', isConfigMapKey, '.env_file-1', []],
  ['configmap key dot', isConfigMapKey, '.', ["must not be '.'"]],
  ['configmap key dotdot prefix', isConfigMapKey, '..a', ["must not start with '..'"]],
  [
    'configmap key slash',
    isConfigMapKey,
    'a/b',
    ["a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"],
  ],
  ['env name ok', isEnvVarName, 'MY.env-1', []],
  [
    'env name digit',
    isEnvVarName,
    '1A',
    [
      "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')",
    ],
  ],
  ['c identifier', isCIdentifier, '_ok1', []],
  ['port name ok', isValidPortName, 'http-2', []],
  [
    'port name bad',
    isValidPortName,
    '-HTTP--',
    ['must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)', 'must contain at least one letter (a-z)', 'must not contain consecutive hyphens', 'must not begin or end with a hyphen'],
  ],
  ['port name long', isValidPortName, 'abcdefghijklmnop', ['must be no more than 15 characters']],
  ['percent', isValidPercent, '25%', []],
  ['percent bad', isValidPercent, '25', ["a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"]],
  ['wildcard ok', isWildcardDNS1123Subdomain, '*.example.com', []],
  ['path segment ok', isValidPathSegmentName, 'system:controller:foo', []],
  ['path segment dot', isValidPathSegmentName, '..', ["may not be '..'"]],
  ['path segment slash and percent', isValidPathSegmentName, 'a/%', ["may not contain '/'", "may not contain '%'"]],
];

describe('string rules', () => {
  for (const [name, check, value, want] of table) it(name, () => { assert.deepEqual(check(value), want); });

  it('port numbers', () => {
    assert.deepEqual(isValidPortNum(80), []);
    assert.deepEqual(isValidPortNum(0), ['must be between 1 and 65535, inclusive']);
    assert.deepEqual(isValidPortNum(65536), ['must be between 1 and 65535, inclusive']);
  });
});

describe('IP addresses', () => {
  it('parses IPv4 and IPv6', () => {
    assert.deepEqual(parseIP('10.0.0.1')?.slice(12), [10, 0, 0, 1]);
    assert.ok(parseIP('fd00::1') !== undefined);
    assert.ok(parseIP('::ffff:1.2.3.4') !== undefined);
    assert.equal(parseIP('10.0.0.256'), undefined);
    assert.equal(parseIP('nope'), undefined);
  });
  it('reports invalid IPs in kube words', () => {
    assert.deepEqual(isValidIP('spec.clusterIP', '10.0.0.1'), []);
    assert.deepEqual(
      isValidIP('spec.clusterIP', '10.0.0').map(errorString),
      ['spec.clusterIP: Invalid value: "10.0.0": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'],
    );
  });
  it('CIDRs', () => {
    assert.deepEqual(isValidCIDR('x', '10.0.0.0/8'), []);
    assert.equal(isValidCIDR('x', '10.0.0.0/33').length, 1);
    const outer = parseCIDR('10.0.0.0/8');
    const inner = parseCIDR('10.1.0.0/16');
    assert.ok(outer !== undefined && inner !== undefined && cidrContains(outer, inner));
    assert.ok(!cidrContains(inner, outer));
  });
  it('dual-stack pairs', () => {
    assert.ok(isDualStackPair(['10.0.0.1', 'fd00::1'], false));
    assert.ok(!isDualStackPair(['10.0.0.1', '10.0.0.2'], false));
    assert.ok(isDualStackPair(['10.0.0.0/8', 'fd00::/64'], true));
  });
});
