/**
 * Which application metrics stand for which kind of work, for claims judged on applications
 * rather than on one micro metric (src/analysis/app-score.ts). A claim names the aggregate as
 * `measure.workload: 'apps'` and the kind as `measure.metric`.
 *
 *   all   the overall score: every application, each weighted once (PTS's overall score: the
 *         geometric mean of the applications' slowdowns, each the geometric mean of its own
 *         throughput and time metrics)
 *   cpu   CPU-bound: ffmpeg's x264 encode and python's pure-Python loop
 *   io    IO-bound: sqlite's durable transactions on the root filesystem and the gcc build
 *   net   network-bound: redis and nginx throughput with the client on the host
 */
export const APPS_WORKLOAD = 'apps';

export type AppKind = 'all' | 'cpu' | 'io' | 'net';
export const APP_KINDS: readonly AppKind[] = ['all', 'cpu', 'io', 'net'];

/** workload → the metrics of it that enter the score */
export type AppMetrics = Readonly<Record<string, readonly string[]>>;

const REDIS = ['get_rps.c1.host', 'set_rps.c1.host', 'get_rps.c32.host', 'set_rps.c32.host'];
const NGINX = ['rps.c1', 'rps.c32'];

export const APP_KIND_METRICS: Readonly<Record<AppKind, AppMetrics>> = {
  all: {
    redis: REDIS,
    nginx: NGINX,
    sqlite: ['tx.rootfs', 'tx.tmpfs'],
    build: ['build'],
    python: ['startup', 'import_start', 'loop'],
    ffmpeg: ['x264_fps'],
  },
  cpu: { ffmpeg: ['x264_fps'], python: ['loop'] },
  io: { sqlite: ['tx.rootfs'], build: ['build'] },
  net: { redis: REDIS, nginx: NGINX },
};

export function isAppKind(metric: string): metric is AppKind {
  return (APP_KINDS as readonly string[]).includes(metric);
}
