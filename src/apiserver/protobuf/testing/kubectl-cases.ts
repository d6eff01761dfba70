/**
 * The kubectl commands whose protobuf request bodies the fixtures hold. `{dir}` in an argument
 * stands for the sandbox directory that prepareCaseFiles fills.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface KubectlCase {
  readonly name: string;
  readonly args: readonly string[];
  /** Whether `--dry-run=client -o json` prints the object kubectl sends (not for token, auth). */
  readonly dryRun: boolean;
}

const create = (name: string, ...args: string[]): KubectlCase => ({
  name,
  args: ['create', ...args],
  dryRun: true,
});
const other = (name: string, ...args: string[]): KubectlCase => ({ name, args, dryRun: false });

export const KUBECTL_CASES: readonly KubectlCase[] = [
  create('namespace', 'namespace', 'ns1'),
  create(
    'configmap literals',
    'configmap',
    'cm-literal',
    '--from-literal=a=b',
    '--from-literal=empty=',
  ),
  create(
    'configmap files, text and binary',
    'configmap',
    'cm-files',
    '--from-file={dir}/text.txt',
    '--from-file=bin={dir}/bin.dat',
  ),
  create(
    'configmap env file with hash',
    'configmap',
    'cm-env',
    '--from-env-file={dir}/app.env',
    '--append-hash',
  ),
  create('configmap empty', 'configmap', 'cm-empty'),
  create('configmap save-config', 'configmap', 'cm-saved', '--from-literal=a=b', '--save-config'),
  create(
    'secret generic literals',
    'secret',
    'generic',
    's-literal',
    '--from-literal=user=admin',
    '--from-literal=empty=',
    '--type=Opaque',
  ),
  create('secret generic empty', 'secret', 'generic', 's-empty'),
  create('secret generic binary file', 'secret', 'generic', 's-file', '--from-file={dir}/bin.dat'),
  create('secret tls', 'secret', 'tls', 's-tls', '--cert={dir}/tls.crt', '--key={dir}/tls.key'),
  create(
    'secret docker-registry',
    'secret',
    'docker-registry',
    's-reg',
    '--docker-server=registry.example.com',
    '--docker-username=u',
    '--docker-password=p',
    '--docker-email=u@example.com',
  ),
  create('deployment minimal', 'deployment', 'd-min', '--image=nginx'),
  create(
    'deployment replicas, port, namespace',
    'deployment',
    'd-full',
    '--image=nginx:1.27',
    '--replicas=3',
    '--port=8080',
    '--namespace=team-a',
  ),
  create('deployment two images', 'deployment', 'd-multi', '--image=nginx', '--image=busybox'),
  create('deployment zero replicas', 'deployment', 'd-zero', '--image=nginx', '--replicas=0'),
  create(
    'deployment with command',
    'deployment',
    'd-cmd',
    '--image=busybox',
    '--',
    'sh',
    '-c',
    'sleep 3600',
  ),
  create('serviceaccount', 'serviceaccount', 'sa1'),
  create('job with command', 'job', 'j1', '--image=busybox', '--', 'echo', 'hello'),
  create('job minimal', 'job', 'j-min', '--image=busybox'),
  create(
    'cronjob',
    'cronjob',
    'cj1',
    '--image=busybox',
    '--schedule=*/5 * * * *',
    '--restart=OnFailure',
    '--',
    'date',
  ),
  create('service clusterip', 'service', 'clusterip', 'svc-ip', '--tcp=80:8080', '--tcp=443:https'),
  create('service clusterip headless', 'service', 'clusterip', 'svc-headless', '--clusterip=None'),
  create('service nodeport', 'service', 'nodeport', 'svc-np', '--tcp=80:8080', '--node-port=30080'),
  create('service loadbalancer', 'service', 'loadbalancer', 'svc-lb', '--tcp=5678:8080'),
  create(
    'service externalname',
    'service',
    'externalname',
    'svc-ext',
    '--external-name=example.com',
    '--tcp=80',
  ),
  create(
    'role',
    'role',
    'r1',
    '--verb=get,list,watch',
    '--resource=pods,deployments.apps,pods/log',
  ),
  create(
    'role with resource names',
    'role',
    'r-names',
    '--verb=get',
    '--resource=configmaps',
    '--resource-name=a',
    '--resource-name=b',
  ),
  create(
    'clusterrole with non-resource URL',
    'clusterrole',
    'cr1',
    '--verb=get',
    '--non-resource-url=/logs/*',
  ),
  create(
    'clusterrole aggregation rule',
    'clusterrole',
    'cr-agg',
    '--aggregation-rule=rbac.example.com/aggregate-to-monitoring=true',
  ),
  create(
    'rolebinding',
    'rolebinding',
    'rb1',
    '--role=r1',
    '--user=alice',
    '--group=devs',
    '--serviceaccount=default:sa1',
  ),
  create('rolebinding to clusterrole', 'rolebinding', 'rb-cr', '--clusterrole=view', '--user=bob'),
  create(
    'clusterrolebinding',
    'clusterrolebinding',
    'crb1',
    '--clusterrole=cr1',
    '--user=bob',
    '--group=ops',
  ),
  create(
    'poddisruptionbudget min-available',
    'poddisruptionbudget',
    'pdb-min',
    '--selector=app=web',
    '--min-available=1',
  ),
  create(
    'poddisruptionbudget max-unavailable',
    'poddisruptionbudget',
    'pdb-max',
    '--selector=app=web,tier in (a,b)',
    '--max-unavailable=50%',
  ),
  create(
    'priorityclass',
    'priorityclass',
    'pc-high',
    '--value=1000',
    '--description=high priority',
    '--preemption-policy=Never',
  ),
  create(
    'priorityclass zero global default',
    'priorityclass',
    'pc-default',
    '--value=0',
    '--global-default=true',
  ),
  create('ingress simple', 'ingress', 'ing-simple', '--rule=foo.com/bar=svc1:8080'),
  create(
    'ingress full',
    'ingress',
    'ing-full',
    '--class=nginx',
    '--rule=foo.com/path*=svc1:http',
    '--rule=tls.example.com/=svc2:443,tls=tls-secret',
    '--default-backend=defsvc:80',
    '--annotation=ingress.annotation1=foo',
  ),
  create(
    'quota',
    'quota',
    'q1',
    '--hard=cpu=1,memory=1Gi,pods=10,requests.storage=500m',
    '--scopes=BestEffort',
  ),
  create('quota empty', 'quota', 'q-empty'),
  other('token', 'create', 'token', 'default'),
  other(
    'token bound',
    'create',
    'token',
    'sa1',
    '--audience=https://example.com',
    '--audience=second',
    '--duration=1h',
    '--bound-object-kind=Secret',
    '--bound-object-name=s1',
    '--bound-object-uid=0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
  ),
  other('can-i resource', 'auth', 'can-i', 'get', 'pods'),
  other(
    'can-i subresource in namespace',
    'auth',
    'can-i',
    'create',
    'deployments.apps',
    '--subresource=scale',
    '-n',
    'kube-system',
  ),
  other('can-i named resource', 'auth', 'can-i', 'get', 'pods/mypod'),
  other('can-i all namespaces', 'auth', 'can-i', 'list', 'secrets', '--all-namespaces'),
  other('can-i non-resource URL', 'auth', 'can-i', 'get', '/logs'),
  other('can-i list', 'auth', 'can-i', '--list'),
  other('whoami', 'auth', 'whoami'),
];

export function expandArgs(args: readonly string[], dir: string): string[] {
  return args.map((a) => a.replaceAll('{dir}', dir));
}

/** Writes the input files the cases read; the TLS pair is new each time (openssl). */
export async function prepareCaseFiles(dir: string): Promise<void> {
  await writeFile(join(dir, 'text.txt'), 'hello\nworld\n');
  await writeFile(join(dir, 'bin.dat'), Uint8Array.of(0x00, 0xff, 0xfe, 0x80, 0x7f, 0x0a));
  await writeFile(join(dir, 'app.env'), 'A=1\nB=two words\n');
  await new Promise<void>((resolve, reject) => {
    const args = ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
    args.push('-days', '1', '-subj', '/CN=capture.test');
    args.push('-keyout', join(dir, 'tls.key'), '-out', join(dir, 'tls.crt'));
    execFile('openssl', args, (err, _stdout, stderr) => {
      if (err) reject(new Error(`openssl could not make a certificate: ${stderr}`, { cause: err }));
      else resolve();
    });
  });
}
