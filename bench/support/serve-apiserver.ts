// Runs one API server (SQLite storage by default) for a benchmark in its own process and prints
// where it listens as one JSON line. Stops on SIGTERM.
import { startTestApiServer, type StorageKind } from '../../test/support/apiserver.js';

const storage = (process.argv[2] ?? 'sqlite') as StorageKind;
const api = await startTestApiServer({ storage, ...(process.argv[3] ? { etcdEndpoint: process.argv[3] } : {}) });
process.stdout.write(`${JSON.stringify({ url: api.url, kubeconfig: api.kubeconfigPath, caPem: api.caPem, certPem: api.adminCertPem, keyPem: api.adminKeyPem, dir: api.dir })}\n`);
const stop = (): void => {
  void api.stop().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
