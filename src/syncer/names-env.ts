/**
 * Docker-link environment variable names for services (`<SVC>_SERVICE_HOST` …), which the syncer
 * adds to host pods itself because host pods get `enableServiceLinks=false` (spec §3.1, trap 9).
 */

export interface ServicePortLike {
  readonly name?: string;
  readonly port: number;
  readonly protocol?: string;
}

export interface ServiceLike {
  readonly name: string;
  readonly clusterIP?: string;
  readonly ports: readonly ServicePortLike[];
}

export interface EnvVarLike {
  readonly name: string;
  readonly value: string;
}

/** `my-svc` → `MY_SVC`. */
export function serviceNameToEnv(name: string): string {
  return name.replaceAll('-', '_').toUpperCase();
}

function hasClusterIP(service: ServiceLike): service is ServiceLike & { readonly clusterIP: string } {
  return service.clusterIP !== undefined && service.clusterIP !== '' && service.clusterIP !== 'None';
}

function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

function linkVariables(service: ServiceLike & { readonly clusterIP: string }): EnvVarLike[] {
  const prefix = serviceNameToEnv(service.name);
  const out: EnvVarLike[] = [];
  service.ports.forEach((sp, index) => {
    const protocol = sp.protocol === undefined || sp.protocol === '' ? 'TCP' : sp.protocol;
    const url = `${protocol.toLowerCase()}://${joinHostPort(service.clusterIP, sp.port)}`;
    // Docker special-cases the first port.
    if (index === 0) out.push({ name: `${prefix}_PORT`, value: url });
    const portPrefix = `${prefix}_PORT_${sp.port}_${protocol.toUpperCase()}`;
    out.push(
      { name: portPrefix, value: url },
      { name: `${portPrefix}_PROTO`, value: protocol.toLowerCase() },
      { name: `${portPrefix}_PORT`, value: String(sp.port) },
      { name: `${portPrefix}_ADDR`, value: service.clusterIP },
    );
  });
  return out;
}

/**
 * The variables a kubelet would set for these services, in kubelet's order. Services without a
 * cluster IP (headless, `None`) or without ports are skipped.
 */
export function serviceEnvVars(services: readonly ServiceLike[]): EnvVarLike[] {
  const out: EnvVarLike[] = [];
  for (const service of services) {
    if (!hasClusterIP(service)) continue;
    const first = service.ports[0];
    if (first === undefined) continue;
    const portName = `${serviceNameToEnv(service.name)}_SERVICE_PORT`;
    out.push({ name: `${serviceNameToEnv(service.name)}_SERVICE_HOST`, value: service.clusterIP });
    out.push({ name: portName, value: String(first.port) });
    for (const sp of service.ports) {
      if (sp.name !== undefined && sp.name !== '') out.push({ name: `${portName}_${serviceNameToEnv(sp.name)}`, value: String(sp.port) });
    }
    out.push(...linkVariables(service));
  }
  return out;
}
