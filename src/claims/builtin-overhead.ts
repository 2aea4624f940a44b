/**
 * Built-in claims about a general "performance overhead" (性能开销) of 5.4, which name no kind of
 * work. No single micro workload can stand for them; they are judged on real applications
 * (issue 10): the geometric mean of the slowdowns of redis, nginx, sqlite, a gcc build, python
 * and ffmpeg versus native (claims/app-kinds.ts, analysis/app-score.ts), PTS's overall score.
 * Their contradictions stay listed (gVisor 10–20 % against 5–10 % "in 2025", Firecracker 5–10 %
 * against < 1 %).
 */
import { APPS_WORKLOAD } from './app-kinds.js';
import type { ClaimInput } from './schema.js';
import { ISOLATION_DOC, TIER_TARGETS } from './sources.js';

const doc = (section: string) => ({ document: ISOLATION_DOC, section });
const NOTE = 'a general performance overhead names no workload: read as the geometric mean of the application slowdowns vs the reference (redis, nginx, sqlite, gcc build, python, ffmpeg; each application weighted once), as an overhead in %';
const overall = (target: string, reference = 'native') => ({ workload: APPS_WORKLOAD, metric: 'all', target, reference, quantity: 'overhead-pct' as const });
const MATRIX = '维度 | 虚拟化 | 容器化 | 沙盒化 — 性能开销 | 5-15% | 1-3% | 1-10%';
const pct = (min: number | null, max: number) => ({ min, max, unit: '%' });

export const OVERHEAD_CLAIMS: readonly ClaimInput[] = [
  {
    id: 'iso54.overhead.vm.5-15pct', source: doc('§1.1 核心特征对比'), quote: MATRIX,
    tier: 'vm', subject: '虚拟化 (VM)', measure: overall(TIER_TARGETS.vm.target), claimed: pct(5, 15), note: NOTE,
  },
  {
    id: 'iso54.overhead.container.1-3pct', source: doc('§1.1 核心特征对比; also §5.1, §6 5.1 and §6.1 (Namespace)'), quote: MATRIX,
    tier: 'container', subject: '容器化 (container)', measure: overall(TIER_TARGETS.container.target), claimed: pct(1, 3), note: NOTE,
  },
  {
    id: 'iso54.overhead.sandbox.1-10pct', source: doc('§1.1 核心特征对比'), quote: MATRIX,
    tier: 'sandbox', subject: '沙盒化 (seccomp sandbox)', measure: overall(TIER_TARGETS.sandbox.target, TIER_TARGETS.sandbox.reference), claimed: pct(1, 10), note: NOTE,
  },
  {
    id: 'iso54.overhead.gvisor.10-20pct',
    source: doc('§5.1 多租户云平台隔离方案; also §6 5.1, §6.1 and §9.1 (gVisor 劣势)'),
    quote: '2. gVisor沙盒 … 性能开销：10-20%',
    tier: 'sandbox', subject: 'gVisor', measure: overall('runsc'), claimed: pct(10, 20), note: NOTE,
    conflictsWith: ['iso54.overhead.gvisor.5-10pct-2025'],
  },
  {
    id: 'iso54.overhead.gvisor.5-10pct-2025',
    source: doc('§7.2 2025年隔离技术趋势（更新至2025年11月）; also §9.1 and §11'),
    quote: 'gVisor性能优化，开销降低至5-10%',
    tier: 'sandbox', subject: 'gVisor', measure: overall('runsc'), claimed: pct(5, 10), note: NOTE,
    conflictsWith: ['iso54.overhead.gvisor.10-20pct'],
  },
  {
    id: 'iso54.overhead.kata.5-10pct', source: doc('§5.1 多租户云平台隔离方案; also §6 5.1 and §6.1'),
    quote: '3. Kata Containers … 性能开销：5-10%',
    tier: 'vm', subject: 'Kata Containers', measure: overall('kata'), claimed: pct(5, 10), note: NOTE,
  },
  {
    id: 'iso54.overhead.firecracker.5-10pct', source: doc('§8 多维度对比, 6.1 隔离技术对比（2025年）'),
    quote: 'Firecracker | ⭐⭐⭐⭐ | 5-10% | <125ms | 5-10MB | Serverless',
    tier: 'vm', subject: 'Firecracker', measure: overall('kata-fc'), claimed: pct(5, 10), note: NOTE,
    conflictsWith: ['iso54.overhead.firecracker.under-1pct-2025'],
  },
  {
    id: 'iso54.overhead.firecracker.under-1pct-2025',
    source: doc('§7.2 2025年隔离技术趋势（更新至2025年11月）; also §9.1 and §11'),
    quote: '启动时间<50ms，内存占用<3MB，性能开销<1%',
    tier: 'vm', subject: 'Firecracker', measure: overall('kata-fc'), claimed: pct(null, 1), note: NOTE,
    conflictsWith: ['iso54.overhead.firecracker.5-10pct'],
  },
];
