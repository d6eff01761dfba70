/**
 * Virtual ↔ host translation of names, labels, selectors and sync metadata, exactly as upstream
 * vcluster does it in single-namespace mode (../shared/spec/syncer.md §1). Pure and synchronous:
 * every function takes the vcluster name and host namespace (`NameContext`) as input.
 *
 * `*.translate.ts` files may import only this module from the syncer, so it re-exports the parts,
 * which live in `names-*.ts`.
 */
export * from './names-core.js';
export * from './names-labels.js';
export * from './names-legacy.js';
export * from './names-metadata.js';
export * from './names-mappers.js';
export * from './names-special.js';
export * from './names-env.js';
