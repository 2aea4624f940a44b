/**
 * Built-in claims of isolation-comparison-5.4.md §3 性能开销对比: per-operation latency deltas
 * (§3.1, two tables with the same figures) and throughput retention (§3.2), per tier.
 * Quotes are the table's header and the row, cell by cell as written.
 */
import { APPS_WORKLOAD, type AppKind } from './app-kinds.js';
import type { ClaimInput } from './schema.js';
import { CPU_METRIC, ISOLATION_DOC, TIER_TARGETS } from './sources.js';

type Tier = keyof typeof TIER_TARGETS;

const LATENCY = { document: ISOLATION_DOC, section: '§3.1 延迟对比' };
const THROUGHPUT = { document: ISOLATION_DOC, section: '§3.2 吞吐量对比' };
const LATENCY_HEADER = '操作 | 虚拟化 | 容器化 | 沙盒化';
const THROUGHPUT_HEADER = '场景 | 虚拟化 | 容器化 | 沙盒化';
const SUBJECTS: Record<Tier, string> = { vm: '虚拟化 (VM, measured as Kata)', container: '容器化 (container)', sandbox: '沙盒化 (seccomp filter)' };
const TIER_ORDER: readonly Tier[] = ['vm', 'container', 'sandbox'];

/** One claim per tier of a latency row: a point delta per operation, in the row's own unit. */
function latencyRow(
  name: string,
  row: string,
  deltas: Record<Tier, readonly [value: number, unit: string]>,
  metric: { workload: string; metric: string } | null,
  note: string,
): ClaimInput[] {
  return TIER_ORDER.map((tier) => ({
    id: `iso54.latency.${name}.${tier}`,
    source: LATENCY,
    quote: `${LATENCY_HEADER} — ${row}`,
    tier,
    subject: SUBJECTS[tier],
    measure: metric === null ? null : { ...metric, ...TIER_TARGETS[tier], quantity: 'delta' as const },
    claimed: { min: deltas[tier][0], max: deltas[tier][0], unit: deltas[tier][1] },
    note,
  }));
}

/** One claim per tier of a throughput row: the share of throughput kept, in %. */
function throughputRow(
  name: string,
  row: string,
  ranges: Record<Tier, readonly [number, number]>,
  metric: { workload: string; metric: string },
  note: string,
): ClaimInput[] {
  return TIER_ORDER.map((tier) => ({
    id: `iso54.throughput.${name}.${tier}`,
    source: THROUGHPUT,
    quote: `${THROUGHPUT_HEADER} — ${row}`,
    tier,
    subject: SUBJECTS[tier],
    measure: { ...metric, ...TIER_TARGETS[tier], quantity: 'retention-pct' as const },
    claimed: { min: ranges[tier][0], max: ranges[tier][1], unit: '%' },
    note,
  }));
}

/** The same row judged on applications of its kind of work: the geometric mean of their retentions. */
function appThroughputRow(name: string, row: string, ranges: Record<Tier, readonly [number, number]>, kind: AppKind, note: string): ClaimInput[] {
  return throughputRow(name, row, ranges, { workload: APPS_WORKLOAD, metric: kind }, note).map((c) => ({ ...c, id: `${c.id}.apps` }));
}

const CPU_ROW = 'CPU密集型 | 85-95% | 97-99% | 90-99%';
const IO_ROW = 'IO密集型 | 80-90% | 95-98% | 90-95%';
const NET_ROW = '网络密集型 | 75-85% | 95-98% | 85-95%';
const CPU_RANGES = { vm: [85, 95], container: [97, 99], sandbox: [90, 99] } as const;
const IO_RANGES = { vm: [80, 90], container: [95, 98], sandbox: [90, 95] } as const;
const NET_RANGES = { vm: [75, 85], container: [95, 98], sandbox: [85, 95] } as const;
const APPS_NOTE = 'retention = 100 / the geometric mean of the applications\' slowdowns vs the reference;';

export const LATENCY_CLAIMS: readonly ClaimInput[] = [
  ...latencyRow(
    'syscall',
    '系统调用 | +500ns (VM-Exit) | +0ns | +50ns (BPF)',
    { vm: [500, 'ns/op'], container: [0, 'ns/op'], sandbox: [50, 'ns/op'] },
    { workload: 'syscall', metric: 'getppid' },
    'a point claim: measured as the delta of a raw getppid, the bare cost of one system call; a point can only be confirmed to within the interval, so an interval around it reads inconclusive',
  ),
  ...latencyRow(
    'memory',
    '内存访问 | +30ns (EPT) | +0ns | +0ns',
    { vm: [30, 'ns/op'], container: [0, 'ns/op'], sandbox: [0, 'ns/op'] },
    { workload: 'memaccess', metric: 'chase_large' },
    'a point claim: one memory access read as a dependent load of a pointer chase over 256 MiB on 4 KiB pages (cache and TLB misses: the page walk a VM nests under EPT/NPT)',
  ),
  ...latencyRow(
    'io',
    'IO操作 | +1μs (虚拟化) | +0ns | +50ns (过滤)',
    { vm: [1, 'us/op'], container: [0, 'ns/op'], sandbox: [50, 'ns/op'] },
    { workload: 'fileio', metric: 'open_read_close.rootfs' },
    "a point claim: one IO operation read as open + read 4 KiB + close of a small file on the container's root filesystem",
  ),
];

export const THROUGHPUT_CLAIMS: readonly ClaimInput[] = [
  ...throughputRow(
    'cpu',
    CPU_ROW,
    CPU_RANGES,
    CPU_METRIC,
    'CPU-bound work read as FNV-1a hashing of a 4 KiB buffer (no system calls); retention = ops/s kept vs the reference',
  ),
  ...throughputRow(
    'io',
    IO_ROW,
    IO_RANGES,
    { workload: 'fileio', metric: 'open_read_close.rootfs' },
    "IO-bound work read as small-file reads on the container's root filesystem; retention = reference time / target time",
  ),
  ...throughputRow(
    'net',
    NET_ROW,
    NET_RANGES,
    { workload: 'net', metric: 'tcp_rtt_64b.bridge' },
    "network-bound work read as 64-byte TCP round trips between the host and a server container over Docker's bridge (natively: two processes over 127.0.0.1); retention = reference time / target time",
  ),
  ...appThroughputRow('cpu', CPU_ROW, CPU_RANGES, 'cpu', `${APPS_NOTE} CPU-bound applications: ffmpeg (libx264, one thread) and python's pure-Python loop`),
  ...appThroughputRow('io', IO_ROW, IO_RANGES, 'io', `${APPS_NOTE} IO-bound applications: sqlite (durable WAL transactions on the root filesystem) and a gcc build`),
  ...appThroughputRow('net', NET_ROW, NET_RANGES, 'net', `${APPS_NOTE} network-bound applications: redis and nginx, client on the host`),
];
