/**
 * Re-captures the kubectl fixtures with the kubectl on PATH:
 *   node --import tsx src/apiserver/protobuf/testing/refresh-fixtures.ts
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { captureCases } from './capture.js';
import { KUBECTL_FIXTURES_PATH } from './fixtures.js';
import { KUBECTL_CASES } from './kubectl-cases.js';

const versionJson = execFileSync('kubectl', ['version', '--client', '-o', 'json'], {
  encoding: 'utf8',
});
const kubectl = (JSON.parse(versionJson) as { clientVersion: { gitVersion: string } }).clientVersion
  .gitVersion;
const cases = await captureCases(KUBECTL_CASES);
writeFileSync(KUBECTL_FIXTURES_PATH, `${JSON.stringify({ kubectl, cases }, null, 1)}\n`);
console.log(`wrote ${cases.length} cases from kubectl ${kubectl} to ${KUBECTL_FIXTURES_PATH}`);
