import { appsV1Proto } from './apps-v1.js';
import { authenticationV1Proto } from './authentication-v1.js';
import { authorizationV1Proto } from './authorization-v1.js';
import { batchV1Proto } from './batch-v1.js';
import { coordinationV1Proto } from './coordination-v1.js';
import { coreV1Proto } from './core-v1.js';
import { intstrProto } from './intstr.js';
import { metaV1Proto } from './meta-v1.js';
import { networkingV1Proto } from './networking-v1.js';
import { policyV1Proto } from './policy-v1.js';
import { rbacV1Proto } from './rbac-v1.js';
import { resourceProto } from './resource.js';
import { runtimeProto } from './runtime.js';
import { schedulingV1Proto } from './scheduling-v1.js';

/** The .proto sources of the schema; they reference each other by full name, so order is free. */
export const protoSources: readonly string[] = [
  runtimeProto,
  metaV1Proto,
  resourceProto,
  intstrProto,
  coreV1Proto,
  appsV1Proto,
  batchV1Proto,
  rbacV1Proto,
  policyV1Proto,
  schedulingV1Proto,
  networkingV1Proto,
  authorizationV1Proto,
  authenticationV1Proto,
  coordinationV1Proto,
];
