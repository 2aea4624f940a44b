import type { PlannedTrial } from './plan.js';
import type { TrialStatus } from '../store/records.js';

/** What the orchestrator tells whoever shows progress (the CLI renders it on stderr). */
export type ProgressEvent =
  | { readonly kind: 'image'; readonly workload: string; readonly tag: string; readonly built: boolean }
  | { readonly kind: 'trial-start'; readonly trial: PlannedTrial; readonly index: number; readonly total: number }
  | {
      readonly kind: 'trial-end';
      readonly trial: PlannedTrial;
      readonly index: number;
      readonly total: number;
      readonly status: TrialStatus;
      readonly reason: string | null;
      /** e.g. "getppid 152 ns/op" */
      readonly headline: string | null;
      readonly durationMs: number;
    }
  | { readonly kind: 'stopping'; readonly why: string }
  | { readonly kind: 'cleanup'; readonly removed: number; readonly failed: readonly string[] };

export type ProgressSink = (event: ProgressEvent) => void;
