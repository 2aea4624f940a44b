/**
 * Built-in start-up claims of both seed documents. The 5.4 document contradicts itself on Kata
 * (< 1 s in §4.1, 10–30 s in §6.1 and §9.1) and on gVisor (< 100 ms in §4.2, 1–30 s in §9.1):
 * both sides are kept and marked as conflicting.
 */
import type { ClaimInput } from './schema.js';
import { ISOLATION_DOC, STARTUP_METRIC, STARTUP_NOTE, TRADEOFFS_DOC } from './sources.js';

const value = (target: string) => ({ ...STARTUP_METRIC, target, quantity: 'value' as const });
const doc = (section: string) => ({ document: ISOLATION_DOC, section });

export const STARTUP_CLAIMS: readonly ClaimInput[] = [
  {
    id: 'iso54.kata.startup.under-1s',
    source: doc('§4.1 Kata Containers (性能特征; also 特点 2)'),
    quote: '启动时间 | <1s（优化后）',
    tier: 'vm', subject: 'Kata Containers', measure: value('kata'),
    claimed: { min: null, max: 1, unit: 's' }, note: STARTUP_NOTE,
    conflictsWith: ['iso54.kata.startup.10-30s', 'iso54.kata.startup.1-30s'],
  },
  {
    id: 'iso54.kata.startup.10-30s',
    source: doc('§8 多维度对比, 6.1 隔离技术对比（2025年）; also §9.1 (Kata 劣势)'),
    quote: 'Kata | ⭐⭐⭐⭐⭐ | 5-10% | 10-30s | 100-200MB | 强隔离',
    tier: 'vm', subject: 'Kata Containers', measure: value('kata'),
    claimed: { min: 10, max: 30, unit: 's' }, note: STARTUP_NOTE,
    conflictsWith: ['iso54.kata.startup.under-1s'],
  },
  {
    id: 'iso54.kata.startup.1-30s',
    source: doc('§9.1 隔离技术选择最佳实践（2025年11月最新）'),
    quote: '中等启动时间：选择gVisor或Kata Containers、启动时间1-30s',
    tier: 'vm', subject: 'Kata Containers', measure: value('kata'),
    claimed: { min: 1, max: 30, unit: 's' }, note: STARTUP_NOTE,
    conflictsWith: ['iso54.kata.startup.under-1s'],
  },
  {
    id: 'tradeoffs.kata.startup.cold-over-300ms',
    source: { document: TRADEOFFS_DOC, section: 'gVisor 和 Kata Containers 到底隔离谁?' },
    quote: 'Kata 容器里能跑 systemdstrace、甚至 dockerd 自身,但每个容器独占一个 VM,冷启动常超 300ms',
    tier: 'vm', subject: 'Kata Containers', measure: value('kata'),
    claimed: { min: 300, max: null, unit: 'ms' }, note: `"often over 300 ms" read as a median above 300 ms; ${STARTUP_NOTE}`,
  },
  {
    id: 'iso54.gvisor.startup.under-100ms',
    source: doc('§4.2 gVisor (特点 2, 性能特征); also §6.1 and §9.1'),
    quote: '快速启动：启动时间<100ms',
    tier: 'sandbox', subject: 'gVisor', measure: value('runsc'),
    claimed: { min: null, max: 100, unit: 'ms' }, note: STARTUP_NOTE,
    conflictsWith: ['iso54.gvisor.startup.1-30s'],
  },
  {
    id: 'iso54.gvisor.startup.1-30s',
    source: doc('§9.1 隔离技术选择最佳实践（2025年11月最新）'),
    quote: '中等启动时间：选择gVisor或Kata Containers、启动时间1-30s',
    tier: 'sandbox', subject: 'gVisor', measure: value('runsc'),
    claimed: { min: 1, max: 30, unit: 's' }, note: STARTUP_NOTE,
    conflictsWith: ['iso54.gvisor.startup.under-100ms'],
  },
  {
    id: 'iso54.firecracker.startup.under-125ms',
    source: doc('§4.3 Firecracker; also §5.2 and §6.1'),
    quote: '快速启动：启动时间<125ms',
    tier: 'vm', subject: 'Firecracker (measured as Kata with Firecracker, kata-fc)', measure: value('kata-fc'),
    claimed: { min: null, max: 125, unit: 'ms' }, note: STARTUP_NOTE,
  },
  {
    id: 'iso54.firecracker.startup.under-50ms',
    source: doc('§7.2 2025年隔离技术趋势（更新至2025年11月）; also §9.1 and §11'),
    quote: 'Firecracker等轻量级VM在2025年成为Serverless主流方案，启动时间<50ms',
    tier: 'vm', subject: 'Firecracker (measured as Kata with Firecracker, kata-fc)', measure: value('kata-fc'),
    claimed: { min: null, max: 50, unit: 'ms' }, note: STARTUP_NOTE,
  },
  {
    id: 'iso54.namespace.startup.1-5s',
    source: doc('§8 多维度对比, 6.1 隔离技术对比（2025年）'),
    quote: 'Namespace | ⭐⭐ | 1-3% | 1-5s | 10-50MB | 微服务',
    tier: 'container', subject: 'container (Namespace)', measure: value('runc'),
    claimed: { min: 1, max: 5, unit: 's' }, note: STARTUP_NOTE,
  },
  {
    id: 'iso54.container.startup.under-5s',
    source: doc('§9.1 隔离技术选择最佳实践（2025年11月最新）'),
    quote: '快速启动需求：选择容器化（Namespace）或Firecracker、启动时间<5s',
    tier: 'container', subject: 'container (Namespace)', measure: value('runc'),
    claimed: { min: null, max: 5, unit: 's' }, note: STARTUP_NOTE,
  },
];
