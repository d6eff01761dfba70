/** Printers of the certificates.k8s.io group. */
import { age, column, nameColumn, ageColumn } from './columns.js';
import { doc } from './descriptions.js';
import { humanSeconds } from './duration.js';
import { at, name, obj, objects, optInt, str } from './json.js';
import type { GroupPrinters, Json, Printer } from './types.js';

/** `extractCSRStatus`: Denied, Approved or Pending, then `,Failed` and `,Issued`. */
function csrCondition(o: Json): string {
  const types = new Set(objects(at(o, 'status', 'conditions')).map((c) => str(c['type'])));
  let status = types.has('Denied') ? 'Denied' : types.has('Approved') ? 'Approved' : 'Pending';
  if (types.has('Failed')) status += ',Failed';
  if (str(at(o, 'status', 'certificate')).length > 0) status += ',Issued';
  return status;
}

const certificateSigningRequest: Printer = {
  columns: [
    nameColumn,
    ageColumn,
    column('SignerName', 'string', doc.csrSpecSignerName),
    column('Requestor', 'string', doc.csrSpecRequest),
    column('RequestedDuration', 'string', doc.csrSpecExpirationSeconds),
    column('Condition', 'string', doc.csrStatusConditions),
  ],
  row(o, now) {
    const spec = obj(o['spec']);
    const expiration = optInt(spec['expirationSeconds']);
    return {
      cells: [
        name(o), age(o, now), str(spec['signerName']) || '<none>', str(spec['username']),
        expiration === undefined ? '<none>' : humanSeconds(expiration), csrCondition(o),
      ],
    };
  },
};

const clusterTrustBundle: Printer = {
  columns: [nameColumn, column('SignerName', 'string', doc.clusterTrustBundleSpecSignerName)],
  row(o) {
    return { cells: [name(o), str(at(o, 'spec', 'signerName')) || '<none>'] };
  },
};

export const certificatesPrinters: GroupPrinters = {
  group: 'certificates.k8s.io',
  kinds: { CertificateSigningRequest: certificateSigningRequest, ClusterTrustBundle: clusterTrustBundle },
};
