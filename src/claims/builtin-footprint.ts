/**
 * Built-in memory and CPU-overhead claims of both seed documents. On Firecracker the sources
 * disagree wildly (< 5 MB for the VMM, 5–10 MB, < 3 MB, against about 120 MB and over 200 MB
 * resident): all are kept, the small and the large ones marked as conflicting.
 */
import type { ClaimInput } from './schema.js';
import { CPU_METRIC, ISOLATION_DOC, MEMORY_METRIC, MEMORY_NOTE, TRADEOFFS_DOC } from './sources.js';

const memory = (target: string) => ({ ...MEMORY_METRIC, target, quantity: 'value' as const });
const cpuOverhead = (target: string) => ({ ...CPU_METRIC, target, reference: 'native', quantity: 'overhead-pct' as const });
const doc = (section: string) => ({ document: ISOLATION_DOC, section });
const FIRECRACKER = 'Firecracker (measured as Kata with Firecracker, kata-fc)';
const FC_SMALL = ['iso54.firecracker.memory.vmm-under-5mb', 'iso54.firecracker.memory.5-10mb', 'iso54.firecracker.memory.under-3mb'];
const FC_LARGE = ['tradeoffs.firecracker.memory.about-120mb', 'tradeoffs.firecracker.memory.over-200mb'];
const CPU_NOTE = 'CPU overhead read as the throughput lost by pure user-space compute (FNV-1a over 4 KiB, no system calls) vs native';

export const MEMORY_CLAIMS: readonly ClaimInput[] = [
  {
    id: 'iso54.kata.memory.100-200mb',
    source: doc('§4.1 Kata Containers (性能特征); also §6 5.1, §6.1 and §9.1'),
    quote: '内存占用 | 100-200MB',
    tier: 'vm', subject: 'Kata Containers', measure: memory('kata'),
    claimed: { min: 100, max: 200, unit: 'MB' }, note: MEMORY_NOTE,
  },
  {
    id: 'iso54.gvisor.memory.50-100mb',
    source: doc('§4.2 gVisor (特点 2, 性能特征); also §6 5.1 and §6.1'),
    quote: '低资源占用：50-100MB',
    tier: 'sandbox', subject: 'gVisor', measure: memory('runsc'),
    claimed: { min: 50, max: 100, unit: 'MB' }, note: MEMORY_NOTE,
  },
  {
    id: 'iso54.namespace.memory.10-50mb',
    source: doc('§6 跨领域洞察, 5.1 隔离强度的成本权衡; also §6.1'),
    quote: 'Namespace | ⭐⭐ | 1-3% | 10-50MB | ⭐⭐ | 低',
    tier: 'container', subject: 'container (Namespace)', measure: memory('runc'),
    claimed: { min: 10, max: 50, unit: 'MB' }, note: MEMORY_NOTE,
  },
  {
    id: 'iso54.firecracker.memory.vmm-under-5mb',
    source: doc('§4.3 Firecracker; also §5.2'),
    quote: '低资源占用：<5MB（VMM）',
    tier: 'vm', subject: FIRECRACKER, measure: memory('kata-fc'),
    claimed: { min: null, max: 5, unit: 'MB' },
    note: `the document means the VMM process alone; isobench measures the whole sandbox, guest memory included, so this reading is strict. ${MEMORY_NOTE}`,
    conflictsWith: ['iso54.firecracker.memory.5-10mb', ...FC_LARGE],
  },
  {
    id: 'iso54.firecracker.memory.5-10mb',
    source: doc('§8 多维度对比, 6.1 隔离技术对比（2025年）'),
    quote: 'Firecracker | ⭐⭐⭐⭐ | 5-10% | <125ms | 5-10MB | Serverless',
    tier: 'vm', subject: FIRECRACKER, measure: memory('kata-fc'),
    claimed: { min: 5, max: 10, unit: 'MB' }, note: MEMORY_NOTE,
    conflictsWith: ['iso54.firecracker.memory.vmm-under-5mb', 'iso54.firecracker.memory.under-3mb', ...FC_LARGE],
  },
  {
    id: 'iso54.firecracker.memory.under-3mb',
    source: doc('§7.2 2025年隔离技术趋势（更新至2025年11月）; also §9.1 and §11'),
    quote: '启动时间<50ms，内存占用<3MB，性能开销<1%',
    tier: 'vm', subject: FIRECRACKER, measure: memory('kata-fc'),
    claimed: { min: null, max: 3, unit: 'MB' }, note: MEMORY_NOTE,
    conflictsWith: ['iso54.firecracker.memory.5-10mb', ...FC_LARGE],
  },
  {
    id: 'tradeoffs.firecracker.memory.about-120mb',
    source: { document: TRADEOFFS_DOC, section: '什么时候必须选 Kata?' },
    quote: 'firecracker VM 最小内存开销约 120MB',
    tier: 'vm', subject: FIRECRACKER, measure: memory('kata-fc'),
    claimed: { min: 120, max: null, unit: 'MB' }, note: `"a minimum of about 120 MB" read as at least 120 MB. ${MEMORY_NOTE}`,
    conflictsWith: FC_SMALL,
  },
  {
    id: 'tradeoffs.firecracker.memory.over-200mb',
    source: { document: TRADEOFFS_DOC, section: '什么时候必须选 Kata?' },
    quote: '加上 initrd 和 kernel 镜像,实际驻留超 200MB',
    tier: 'vm', subject: FIRECRACKER, measure: memory('kata-fc'),
    claimed: { min: 200, max: null, unit: 'MB' }, note: MEMORY_NOTE,
    conflictsWith: FC_SMALL,
  },
];

export const CPU_CLAIMS: readonly ClaimInput[] = [
  {
    id: 'iso54.kata.cpu.5-10pct',
    source: doc('§4.1 Kata Containers (性能特征)'),
    quote: 'CPU开销 | 5-10%',
    tier: 'vm', subject: 'Kata Containers', measure: cpuOverhead('kata'),
    claimed: { min: 5, max: 10, unit: '%' }, note: CPU_NOTE,
  },
  {
    id: 'iso54.gvisor.cpu.10-20pct',
    source: doc('§4.2 gVisor (性能特征)'),
    quote: 'CPU开销 | 10-20%',
    tier: 'sandbox', subject: 'gVisor', measure: cpuOverhead('runsc'),
    claimed: { min: 10, max: 20, unit: '%' }, note: CPU_NOTE,
  },
  {
    id: 'iso54.firecracker.cpu.2-5pct',
    source: doc('§4.3 Firecracker (性能特征)'),
    quote: 'CPU开销 | 2-5%',
    tier: 'vm', subject: FIRECRACKER, measure: cpuOverhead('kata-fc'),
    claimed: { min: 2, max: 5, unit: '%' }, note: CPU_NOTE,
  },
];
