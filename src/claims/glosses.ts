/**
 * English glosses of the seed documents' quotes and section titles, written for isobench (the
 * originals, in Chinese, stay verbatim in each claim). A gloss translates and, where the
 * original is a table row, says which column the claim reads. Keyed by the exact original text,
 * so a claim whose quote changes loses its gloss instead of showing a wrong one.
 */

const ROW_3_1 = 'Operation | virtualisation | containers | sandboxes';
const ROW_3_2 = 'Scenario | virtualisation | containers | sandboxes';
const ROW_1_1 = 'Dimension | virtualisation | containers | sandboxes';

const QUOTES: Readonly<Record<string, string>> = {
  '操作 | 虚拟化 | 容器化 | 沙盒化 — 系统调用 | +500ns (VM-Exit) | +0ns | +50ns (BPF)':
    `${ROW_3_1} — system call | +500 ns (VM exit) | +0 ns | +50 ns (BPF filter)`,
  '操作 | 虚拟化 | 容器化 | 沙盒化 — 内存访问 | +30ns (EPT) | +0ns | +0ns':
    `${ROW_3_1} — memory access | +30 ns (EPT) | +0 ns | +0 ns`,
  '操作 | 虚拟化 | 容器化 | 沙盒化 — IO操作 | +1μs (虚拟化) | +0ns | +50ns (过滤)':
    `${ROW_3_1} — IO operation | +1 µs (virtualisation) | +0 ns | +50 ns (filtering)`,
  '场景 | 虚拟化 | 容器化 | 沙盒化 — CPU密集型 | 85-95% | 97-99% | 90-99%':
    `${ROW_3_2} — CPU-bound | 85–95 % | 97–99 % | 90–99 % (of native throughput)`,
  '场景 | 虚拟化 | 容器化 | 沙盒化 — IO密集型 | 80-90% | 95-98% | 90-95%':
    `${ROW_3_2} — IO-bound | 80–90 % | 95–98 % | 90–95 % (of native throughput)`,
  '场景 | 虚拟化 | 容器化 | 沙盒化 — 网络密集型 | 75-85% | 95-98% | 85-95%':
    `${ROW_3_2} — network-bound | 75–85 % | 95–98 % | 85–95 % (of native throughput)`,
  '启动时间 | <1s（优化后）': 'Start-up time | < 1 s (after optimisation)',
  'Kata | ⭐⭐⭐⭐⭐ | 5-10% | 10-30s | 100-200MB | 强隔离':
    'Kata | isolation ★★★★★ | overhead 5–10 % | start-up 10–30 s | memory 100–200 MB | strong isolation',
  '中等启动时间：选择gVisor或Kata Containers、启动时间1-30s':
    'Moderate start-up time: choose gVisor or Kata Containers, start-up time 1–30 s',
  'Kata 容器里能跑 systemdstrace、甚至 dockerd 自身,但每个容器独占一个 VM,冷启动常超 300ms':
    'A Kata container can run systemd, strace, even dockerd itself, but every container has a VM of its own, and a cold start often exceeds 300 ms',
  '快速启动：启动时间<100ms': 'Fast start: start-up time < 100 ms',
  '快速启动：启动时间<125ms': 'Fast start: start-up time < 125 ms',
  'Firecracker等轻量级VM在2025年成为Serverless主流方案，启动时间<50ms':
    'Lightweight VMs such as Firecracker became the mainstream serverless solution in 2025, start-up time < 50 ms',
  'Namespace | ⭐⭐ | 1-3% | 1-5s | 10-50MB | 微服务':
    'Namespace | isolation ★★ | overhead 1–3 % | start-up 1–5 s | memory 10–50 MB | microservices',
  '快速启动需求：选择容器化（Namespace）或Firecracker、启动时间<5s':
    'Need a fast start: choose containers (namespaces) or Firecracker, start-up time < 5 s',
  '内存占用 | 100-200MB': 'Memory footprint | 100–200 MB',
  '低资源占用：50-100MB': 'Low resource use: 50–100 MB',
  'Namespace | ⭐⭐ | 1-3% | 10-50MB | ⭐⭐ | 低':
    'Namespace | isolation ★★ | overhead 1–3 % | memory 10–50 MB | ★★ | low',
  '低资源占用：<5MB（VMM）': 'Low resource use: < 5 MB (the VMM)',
  'Firecracker | ⭐⭐⭐⭐ | 5-10% | <125ms | 5-10MB | Serverless':
    'Firecracker | isolation ★★★★ | overhead 5–10 % | start-up < 125 ms | memory 5–10 MB | serverless',
  '启动时间<50ms，内存占用<3MB，性能开销<1%': 'Start-up time < 50 ms, memory footprint < 3 MB, performance overhead < 1 %',
  'firecracker VM 最小内存开销约 120MB': 'A Firecracker VM costs at least about 120 MB of memory',
  '加上 initrd 和 kernel 镜像,实际驻留超 200MB': 'With the initrd and kernel image added, the actual resident memory exceeds 200 MB',
  'CPU开销 | 5-10%': 'CPU overhead | 5–10 %',
  'CPU开销 | 10-20%': 'CPU overhead | 10–20 %',
  'CPU开销 | 2-5%': 'CPU overhead | 2–5 %',
  '维度 | 虚拟化 | 容器化 | 沙盒化 — 性能开销 | 5-15% | 1-3% | 1-10%':
    `${ROW_1_1} — performance overhead | 5–15 % | 1–3 % | 1–10 %`,
  '2. gVisor沙盒 … 性能开销：10-20%': '2. gVisor sandbox … performance overhead: 10–20 %',
  'gVisor性能优化，开销降低至5-10%': "gVisor's performance was optimised, its overhead down to 5–10 %",
  '3. Kata Containers … 性能开销：5-10%': '3. Kata Containers … performance overhead: 5–10 %',
  '尤其对频繁读写小文件、大量 gettimeofday、或依赖 /proc 实时信息的应用,延迟会明显抬升':
    'Especially for applications that often read and write small files, call gettimeofday a lot, or rely on live /proc information, latency rises markedly',
};

const SECTION_WORDS: readonly (readonly [string, string])[] = [
  ['gVisor 和 Kata Containers 到底隔离谁?', 'gVisor and Kata Containers: what do they really isolate?'],
  ['什么时候必须选 Kata?', 'When must you choose Kata?'],
  ['gVisor 的性能陷阱在哪?', "Where are gVisor's performance traps?"],
  ['隔离技术选择最佳实践（2025年11月最新）', 'best practice for choosing an isolation technology (latest, November 2025)'],
  ['2025年隔离技术趋势（更新至2025年11月）', 'isolation technology trends in 2025 (updated to November 2025)'],
  ['隔离技术对比（2025年）', 'isolation technologies compared (2025)'],
  ['隔离强度的成本权衡', 'the cost of stronger isolation'],
  ['多租户云平台隔离方案', 'isolation for multi-tenant cloud platforms'],
  ['多维度对比', 'comparison on several dimensions'],
  ['跨领域洞察', 'cross-cutting insights'],
  ['核心特征对比', 'core characteristics compared'],
  ['延迟对比', 'latency compared'],
  ['吞吐量对比', 'throughput compared'],
  ['性能特征', 'performance characteristics'],
  ['特点', 'feature'],
  ['劣势', 'weaknesses'],
];

/** The English gloss of a quote, or null when none has been written for this exact text. */
export function quoteGloss(quote: string): string | null {
  return QUOTES[quote] ?? null;
}

/** A section citation with its Chinese titles glossed in English; null when it has none. */
export function sectionGloss(section: string): string | null {
  let text = section;
  for (const [original, english] of SECTION_WORDS) text = text.split(original).join(english);
  return text === section ? null : text;
}
