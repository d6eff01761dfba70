/** Typed storage failures; the API server maps each code to a Kubernetes Status. */
export type StorageErrorCode =
  | 'KeyExists'
  | 'NotFound'
  | 'Conflict'
  | 'Compacted'
  | 'FutureRevision'
  | 'InvalidKey'
  | 'InvalidValue'
  | 'ValueTooLarge'
  | 'InvalidContinue'
  | 'Unavailable'
  | 'Closed';

export class StorageError extends Error {
  override readonly name = 'StorageError';
  constructor(
    readonly code: StorageErrorCode,
    message: string,
    readonly key?: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export function isStorageError(e: unknown, code?: StorageErrorCode): e is StorageError {
  return e instanceof StorageError && (code === undefined || e.code === code);
}

export const keyExists = (key: string): StorageError =>
  new StorageError('KeyExists', `key ${key} already exists`, key);
export const notFound = (key: string): StorageError => new StorageError('NotFound', `key ${key} not found`, key);
export const conflict = (key: string, expected: number, actual: number): StorageError =>
  new StorageError(
    'Conflict',
    `key ${key} is at revision ${actual}, not the expected ${expected}`,
    key,
  );
export const compacted = (revision: number, compactedAt: number): StorageError =>
  new StorageError(
    'Compacted',
    `revision ${revision} has been compacted (history starts at ${compactedAt})`,
  );
export const closed = (): StorageError => new StorageError('Closed', 'the store is closed');
export const futureRevision = (revision: number, current: number): StorageError =>
  new StorageError('FutureRevision', `revision ${revision} is newer than the store's ${current}`);
