/** The import rules of ../shared/design.md ("Layout and import rules"), enforced by `npm run lint`. */
const layer = (name) => `^src/${name}/`;
const forbid = (from, to, comment) => ({
  name: `${from}-not-to-${to.join('-')}`,
  comment,
  severity: 'error',
  from: { path: layer(from) },
  to: { path: `^src/(${to.join('|')})/` },
});

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    forbid('api', ['lib', 'config', 'storage', 'apiserver', 'client', 'runtime', 'controllers', 'hostsim', 'syncer', 'cli', 'cmd'], 'api is a leaf'),
    forbid('lib', ['api', 'config', 'storage', 'apiserver', 'client', 'runtime', 'controllers', 'hostsim', 'syncer', 'cli', 'cmd'], 'lib is a leaf'),
    forbid('config', ['storage', 'apiserver', 'client', 'runtime', 'controllers', 'hostsim', 'syncer', 'cli', 'cmd'], 'config -> api, lib'),
    forbid('storage', ['config', 'apiserver', 'client', 'runtime', 'controllers', 'hostsim', 'syncer', 'cli', 'cmd'], 'storage -> api, lib'),
    forbid('apiserver', ['client', 'runtime', 'controllers', 'hostsim', 'syncer', 'cli', 'cmd'], 'apiserver -> storage, config, api, lib'),
    forbid('client', ['config', 'storage', 'apiserver', 'runtime', 'controllers', 'hostsim', 'syncer', 'cli', 'cmd'], 'client -> api, lib'),
    forbid('runtime', ['config', 'storage', 'apiserver', 'controllers', 'hostsim', 'syncer', 'cli', 'cmd'], 'runtime -> client'),
    forbid('controllers', ['storage', 'apiserver', 'hostsim', 'syncer', 'cli', 'cmd'], 'controllers -> runtime, client, config'),
    forbid('hostsim', ['storage', 'apiserver', 'controllers', 'syncer', 'cli', 'cmd'], 'hostsim -> runtime, client, config'),
    forbid('syncer', ['storage', 'apiserver', 'hostsim', 'cli', 'cmd'], 'syncer never imports apiserver/storage'),
    forbid('cli', ['storage', 'apiserver', 'runtime', 'controllers', 'hostsim', 'syncer', 'cmd'], 'cli -> client, config'),
    {
      name: 'translate-is-pure',
      comment: '*.translate.ts may import only api, lib and syncer/names.ts',
      severity: 'error',
      from: { path: '\\.translate\\.ts$' },
      to: { path: '^src/', pathNot: ['^src/(api|lib)/', '^src/syncer/names\\.ts$', '\\.translate\\.ts$'] },
    },
    {
      name: 'tests-only-from-tests',
      comment: 'testing helpers and tests are importable only from tests',
      severity: 'error',
      from: { path: '^src/', pathNot: ['\\.test\\.ts$', '(^|/)testing(\\.ts|/)'] },
      to: { path: ['\\.test\\.ts$', '(^|/)testing(\\.ts|/)', '^test/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
