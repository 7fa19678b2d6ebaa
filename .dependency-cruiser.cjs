/**
 * Layering of qaxai (docs/architecture.md), checked by `npm run depcheck` and by test/architecture.test.ts:
 *   hamiltonian, topology   pure models and formats: no file/network access, depend only on util and errors
 *   embedding               minor embedding: may use hamiltonian and topology (no file/network access)
 *   sim                     samplers, kernels, backends: may use hamiltonian and topology
 *   xai, sapi, studies      may use sim and below (studies reads SAPI answers with the sapi client's qp decoder)
 *   testing                 the sampler conformance kit (qaxai/testing): may use sim and below
 *   cli, web                front ends: may use everything below them, nothing depends on them, and web may
 *                           not import cli (what both need lives below, e.g. the sampler registry in sim)
 *   studies/queue           the point queue (BullMQ on Redis): used by the front ends only, and the only
 *                           module that imports bullmq or ioredis
 */
const layer = (name) => `^src/${name}/`;
module.exports = {
  forbidden: [
    {
      name: 'models-are-pure',
      comment: 'hamiltonian and topology hold pure models and formats; they may not reach up the stack',
      severity: 'error',
      from: { path: '^src/(hamiltonian|topology)/' },
      to: { path: '^src/(embedding|sim|xai|sapi|studies|cli|web)/' },
    },
    {
      name: 'embedding-below-sim',
      comment: 'embedding may use hamiltonian, topology, util and errors only',
      severity: 'error',
      from: { path: '^src/embedding/' },
      to: { path: '^src/(sim|xai|sapi|studies|cli|web)/' },
    },
    {
      name: 'models-no-io',
      comment: 'hamiltonian and topology may not touch files, processes or the network',
      severity: 'error',
      from: { path: '^src/(hamiltonian|topology|embedding)/' },
      to: { path: '^(fs|node:fs|fs/promises|node:fs/promises|http|node:http|https|node:https|net|node:net|child_process|node:child_process)$', dependencyTypes: ['core'] },
    },
    {
      name: 'sim-below-applications',
      comment:
        'sim may not import xai, sapi, studies or the front ends (leap joins the sampler registry by registering its entry)',
      severity: 'error',
      from: { path: layer('sim') },
      to: { path: '^src/(xai|sapi|studies|cli|web)/' },
    },
    {
      name: 'applications-below-front-ends',
      severity: 'error',
      from: { path: '^src/(xai|sapi|studies|testing)/' },
      to: { path: '^src/(cli|web)/' },
    },
    {
      name: 'point-queue-for-front-ends',
      comment:
        'the point queue (studies/queue: BullMQ on Redis) is infrastructure of the front ends; the engine and the other applications never reach for it',
      severity: 'error',
      from: { path: '^src/(hamiltonian|topology|embedding|sim|xai|sapi|testing|util)/' },
      to: { path: '^src/studies/queue/' },
    },
    {
      name: 'queue-libraries-contained',
      comment: 'only studies/queue talks to Redis (bullmq, ioredis)',
      severity: 'error',
      from: { pathNot: '^src/studies/queue/' },
      to: { path: 'node_modules/(bullmq|ioredis)/' },
    },
    {
      name: 'web-not-cli',
      comment: 'the web app may not import the CLI: shared front-end needs (the sampler registry) live in the engine',
      severity: 'error',
      from: { path: layer('web') },
      to: { path: layer('cli') },
    },
    {
      name: 'entry-point-not-imported',
      comment: 'src/index.ts is the package entry point (`qaxai`) for users; modules import what they need directly',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^src/index\\.ts$' },
    },
    {
      name: 'util-is-a-leaf',
      severity: 'error',
      from: { path: '^src/util/' },
      to: { path: '^src/(hamiltonian|topology|embedding|sim|xai|sapi|studies|cli|web)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
