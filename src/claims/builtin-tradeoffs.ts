/**
 * Built-in claims of gvisor-kata-tradeoffs.md about gVisor's latency (its start-up and memory
 * figures for Kata and Firecracker live with the others, in builtin-startup.ts and
 * builtin-footprint.ts). The document gives a direction, not a size ("延迟会明显抬升", latency
 * rises markedly): the claims read it as "slower than runc", i.e. an overhead above 0 %.
 */
import type { ClaimInput } from './schema.js';
import { TRADEOFFS_DOC } from './sources.js';

const SECTION = { document: TRADEOFFS_DOC, section: 'gVisor 的性能陷阱在哪?' };
const QUOTE = '尤其对频繁读写小文件、大量 gettimeofday、或依赖 /proc 实时信息的应用,延迟会明显抬升';
const NOTE = 'the document gives no size: read as "slower than runc" (overhead above 0 %); the measured size is the interesting part';
const slowerThanRunc = (workload: string, metric: string) => ({
  workload, metric, target: 'runsc', reference: 'runc', quantity: 'overhead-pct' as const,
});

export const TRADEOFFS_CLAIMS: readonly ClaimInput[] = [
  {
    id: 'tradeoffs.gvisor.gettimeofday-slower', source: SECTION, quote: QUOTE,
    tier: 'sandbox', subject: 'gVisor', measure: slowerThanRunc('clock', 'gettimeofday'),
    claimed: { min: 0, max: null, unit: '%' }, note: NOTE,
  },
  {
    id: 'tradeoffs.gvisor.small-file-read-slower', source: SECTION, quote: QUOTE,
    tier: 'sandbox', subject: 'gVisor', measure: slowerThanRunc('fileio', 'open_read_close.rootfs'),
    claimed: { min: 0, max: null, unit: '%' }, note: NOTE,
  },
  {
    id: 'tradeoffs.gvisor.small-file-write-slower', source: SECTION, quote: QUOTE,
    tier: 'sandbox', subject: 'gVisor', measure: slowerThanRunc('fileio', 'create_write_close.rootfs'),
    claimed: { min: 0, max: null, unit: '%' }, note: NOTE,
  },
];
